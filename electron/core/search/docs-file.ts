import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../library';
import type { StoredDocument } from './segment';

/**
 * search-docs/: a file per indexed shard holding its documents as results show them (title,
 * authors, journal, year, abstract for the snippet), so a page of results is a few small reads
 * instead of parsing the 2,000-publication shards its papers are in (tens of milliseconds each).
 * Each file is written once, under a new name, and never changed: a file being read is never
 * being rewritten. It is derived data like the index that names it.
 */

export const DOCS_FOLDER = 'search-docs';
const NAME = /^p\d{6}-[0-9a-f]{12}\.docs$/;

export function isDocsFileName(name: string): boolean {
  return NAME.test(name);
}

/** Writes a shard's stored documents under a new name; returns the name. */
export async function writeDocsFile(dir: string, shard: string, stored: Uint8Array): Promise<string> {
  const name = `${shard}-${randomBytes(6).toString('hex')}.docs`;
  await mkdir(join(dir, DOCS_FOLDER), { recursive: true });
  await writeFileAtomic(join(dir, DOCS_FOLDER, name), stored);
  return name;
}

/** Documents `docs` of a segment, from its docs file (or its bytes still in memory); null for one that cannot be read. */
export async function readStored(dir: string, segment: { docsFile?: string; stored?: Uint8Array; storedOffsets: Uint32Array }, docs: number[]): Promise<Array<StoredDocument | null>> {
  const decoder = new TextDecoder();
  const parse = (bytes: Uint8Array): StoredDocument | null => {
    try {
      return JSON.parse(decoder.decode(bytes)) as StoredDocument | null;
    } catch {
      return null;
    }
  };
  const range = (d: number) => [segment.storedOffsets[d]!, segment.storedOffsets[d + 1]!] as const;
  if (segment.stored) return docs.map((d) => parse(segment.stored!.subarray(...range(d))));
  if (!segment.docsFile || !isDocsFileName(segment.docsFile)) return docs.map(() => null);
  let handle;
  try {
    handle = await open(join(dir, DOCS_FOLDER, segment.docsFile), 'r');
  } catch {
    return docs.map(() => null);
  }
  try {
    const out: Array<StoredDocument | null> = [];
    for (const d of docs) {
      const [start, end] = range(d);
      const bytes = new Uint8Array(end - start);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
      out.push(bytesRead === bytes.length ? parse(bytes) : null);
    }
    return out;
  } finally {
    await handle.close();
  }
}

export async function removeDocsFile(dir: string, name: string | undefined): Promise<void> {
  if (!name || !isDocsFileName(name)) return;
  await unlink(join(dir, DOCS_FOLDER, name)).catch(() => {});
}

/** Removes the docs files no index refers to (left by a run that died before its index file was written). */
export async function sweepDocsFiles(dir: string, keep: ReadonlySet<string>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(join(dir, DOCS_FOLDER));
  } catch {
    return;
  }
  for (const name of names) if (isDocsFileName(name) && !keep.has(name)) await removeDocsFile(dir, name);
}
