import { SaveError, formatProblem, writeFailureReason } from '../errors';
import { writeFileAtomic } from './atomic-json-file';

/** Saves an export (gene file, reading list, PDF) atomically; a failure becomes one sentence naming the file. */
export async function saveFile(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(file, data);
  } catch (error) {
    throw new SaveError(formatProblem(file, `cannot save: ${writeFailureReason(error)}`));
  }
}

/** A name (a list's, a gene's) made safe as a file name on every system: "Ward round", never "a/b:c". */
export function safeFileName(name: string, fallback: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim() || fallback;
}
