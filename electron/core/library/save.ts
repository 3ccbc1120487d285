import { SaveError, formatProblem, writeFailureReason } from '../errors';
import { writeFileAtomic } from './atomic-json-file';

/** Saves an export (gene file, reading list) atomically; a failure becomes one sentence naming the file. */
export async function saveTextFile(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    throw new SaveError(formatProblem(file, `cannot save: ${writeFailureReason(error)}`));
  }
}
