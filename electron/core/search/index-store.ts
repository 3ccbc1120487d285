import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { removeStaleTempFilesIn, writeFileAtomic } from '../library';
import { FIELD_COUNT, type SegmentData, type StoredDocument } from './segment';

/**
 * The search index on disk, in the library's search/ folder, so a cold start reads it instead of
 * indexing every shard again (about 50 s at 100,000 publications). It is derived data: whatever
 * is missing, damaged or of another version is ignored, and the shards it stood for are indexed
 * again. Like the library itself it is split so that a change writes what it touches:
 *
 *   manifest.json   which segment file indexes which shard (and that shard file's signature,
 *                   so a shard changed since, by this process or another, is indexed again),
 *                   the documents dead in each, and how many terms of terms.txt are valid
 *   terms.txt       the vocabulary, one term per line, in id order; only ever appended to
 *   pNNNNNN-<random>.seg   one shard's segment, written once and never changed: a header, its
 *                   arrays (each at a multiple of 8 bytes, read back as typed arrays in place),
 *                   then its documents as results show them, read a few at a time when shown
 *
 * A save appends the new terms, then writes the manifest; segment files are written as their
 * shards are indexed, and a file no manifest names is removed at the next open.
 */

export const SEARCH_FOLDER = 'search';
const MANIFEST = 'manifest.json';
const TERMS = 'terms.txt';
export const INDEX_STORE_VERSION = 1;
const SEGMENT_MAGIC = 0x47535347; // "GSSG"
const SEGMENT_NAME = /^p\d{6}-[0-9a-f]{12}\.seg$/;
const TERMS_PER_WRITE = 10_000;

export const searchFolder = (dir: string) => join(dir, SEARCH_FOLDER);

/** Files of earlier GeneShelf versions' search index, removed at the first open. */
const RETIRED = ['search-index.bin', 'search-docs'];

type ArrayName = 'years' | 'free' | 'fieldLengths' | 'storedOffsets' | 'blob' | 'termIds' | 'offsets' | 'lengths' | 'docCounts';
const ARRAYS: ArrayName[] = ['years', 'free', 'fieldLengths', 'storedOffsets', 'blob', 'termIds', 'offsets', 'lengths', 'docCounts'];
const ELEMENT: Record<ArrayName, 1 | 2 | 4> = { years: 2, free: 1, fieldLengths: 4, storedOffsets: 4, blob: 1, termIds: 4, offsets: 4, lengths: 4, docCounts: 4 };

interface SegmentHeader {
  keys: string[];
  arrays: Record<ArrayName, [number, number]>;
  /** Where the arrays end: the bytes read back whole; the stored documents follow. */
  arraysLength: number;
  /** CRC-32 of those bytes: damaged postings are found at once, not met by a query. */
  crc: number;
}

export interface ManifestEntry {
  shard: string;
  signature: string | null;
  file: string;
  /** Documents of the segment no longer in the index (moved to another shard). */
  dead: number[];
}

interface Manifest {
  format: 'geneshelf.search';
  version: number;
  terms: number;
  /** Bytes of terms.txt holding those terms. */
  termBytes: number;
  segments: ManifestEntry[];
}

const pad8 = (n: number) => (n + 7) & ~7;
const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** A segment file's bytes: header, arrays, stored documents. */
function encodeSegment(data: SegmentData, stored: Uint8Array): Uint8Array {
  const arrays = {} as Record<ArrayName, [number, number]>;
  let at = 0;
  for (const name of ARRAYS) {
    arrays[name] = [at, data[name].byteLength];
    at = pad8(at + data[name].byteLength);
  }
  const arraysLength = at;
  const body = new Uint8Array(arraysLength);
  for (const name of ARRAYS) body.set(bytesOf(data[name]), arrays[name][0]);
  const header = Buffer.from(JSON.stringify({ keys: data.keys, arrays, arraysLength, crc: crc32(body) } satisfies SegmentHeader), 'utf8');
  const base = pad8(12 + header.byteLength);
  const out = new Uint8Array(base + arraysLength + stored.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, SEGMENT_MAGIC, true);
  view.setUint32(4, INDEX_STORE_VERSION, true);
  view.setUint32(8, header.byteLength, true);
  out.set(header, 12);
  out.set(body, base);
  out.set(stored, base + arraysLength);
  return out;
}

/** Writes a shard's segment (and its stored documents) under a new name; returns the name and where the documents start. */
export async function writeSegmentFile(dir: string, shard: string, data: SegmentData, stored: Uint8Array): Promise<{ name: string; storedAt: number }> {
  const name = `${shard}-${randomBytes(6).toString('hex')}.seg`;
  await mkdir(searchFolder(dir), { recursive: true });
  const bytes = encodeSegment(data, stored);
  await writeFileAtomic(join(searchFolder(dir), name), bytes);
  return { name, storedAt: bytes.byteLength - stored.byteLength };
}

/** A segment file read back: its data over the vocabulary, or null when it is not a whole one. */
async function readSegmentFile(dir: string, name: string, termCount: number): Promise<SegmentData | null> {
  if (!SEGMENT_NAME.test(name)) return null;
  let handle;
  try {
    handle = await open(join(searchFolder(dir), name), 'r');
    const head = Buffer.alloc(12);
    await handle.read(head, 0, 12, 0);
    if (head.readUInt32LE(0) !== SEGMENT_MAGIC || head.readUInt32LE(4) !== INDEX_STORE_VERSION) return null;
    const headerLength = head.readUInt32LE(8);
    const headerBytes = Buffer.alloc(headerLength);
    await handle.read(headerBytes, 0, headerLength, 12);
    const header = JSON.parse(headerBytes.toString('utf8')) as SegmentHeader;
    const base = pad8(12 + headerLength);
    if (!Number.isInteger(header.arraysLength) || header.arraysLength < 0 || !Array.isArray(header.keys)) return null;
    // Read straight into a buffer of its own, so the typed arrays view it in place (aligned).
    const body = new Uint8Array(header.arraysLength);
    const { bytesRead } = await handle.read(body, 0, body.length, base);
    if (bytesRead !== body.length || crc32(body) !== header.crc) return null;
    const fileSize = (await handle.stat()).size;
    const n = header.keys.length;
    const arrays = {} as Record<ArrayName, ArrayBufferView>;
    for (const name of ARRAYS) {
      const [start, length] = header.arrays[name];
      const size = ELEMENT[name];
      if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || start % 8 !== 0 || length % size !== 0 || start + length > body.byteLength) return null;
      const count = length / size;
      arrays[name] = size === 1 ? new Uint8Array(body.buffer, start, count) : size === 2 ? new Int16Array(body.buffer, start, count) : new Uint32Array(body.buffer, start, count);
    }
    const data = { keys: header.keys.map(String), docsFile: name, storedAt: base + header.arraysLength, ...arrays } as unknown as SegmentData;
    const slots = data.termIds.length;
    if (data.years.length !== n || data.free.length !== n || data.fieldLengths.length !== n * FIELD_COUNT || data.storedOffsets.length !== n + 1) return null;
    if (data.offsets.length !== slots || data.lengths.length !== slots || data.docCounts.length !== slots) return null;
    // Where each stored document is: from 0, never backwards, within the file.
    if (data.storedOffsets[0] !== 0 || base + header.arraysLength + data.storedOffsets[n]! > fileSize) return null;
    for (let d = 0; d < n; d++) if (data.storedOffsets[d + 1]! < data.storedOffsets[d]!) return null;
    for (let t = 0; t < slots; t++) {
      if (data.offsets[t]! + data.lengths[t]! > data.blob.length) return null;
      if (data.termIds[t]! >= termCount || (t > 0 && data.termIds[t]! <= data.termIds[t - 1]!)) return null;
    }
    return data;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

export interface LoadedIndex {
  terms: string[];
  termBytes: number;
  segments: Array<ManifestEntry & { data: SegmentData }>;
}

/** The index as the manifest names it; segments that cannot be read are left out (their shards are indexed again). */
export async function loadIndex(dir: string): Promise<LoadedIndex | null> {
  try {
    const manifest = JSON.parse(await readFile(join(searchFolder(dir), MANIFEST), 'utf8')) as Manifest;
    if (manifest.format !== 'geneshelf.search' || manifest.version !== INDEX_STORE_VERSION || !Array.isArray(manifest.segments)) return null;
    const termsFile = await readFile(join(searchFolder(dir), TERMS));
    if (!Number.isInteger(manifest.termBytes) || manifest.termBytes > termsFile.byteLength) return null;
    const text = termsFile.subarray(0, manifest.termBytes).toString('utf8');
    const terms = text === '' ? [] : text.slice(0, -1).split('\n');
    if (terms.length !== manifest.terms || new Set(terms).size !== terms.length) return null;
    const segments: LoadedIndex['segments'] = [];
    for (const entry of manifest.segments) {
      const data = await readSegmentFile(dir, String(entry.file), terms.length);
      if (!data || !Array.isArray(entry.dead)) continue;
      segments.push({ shard: String(entry.shard), signature: entry.signature === null ? null : String(entry.signature), file: String(entry.file), dead: entry.dead.filter(Number.isInteger), data });
    }
    return { terms, termBytes: manifest.termBytes, segments };
  } catch {
    return null;
  }
}

/**
 * Records the index: the terms past those already written are appended (after cutting
 * terms.txt back to what the last manifest counted, should a save have died after appending),
 * then the manifest is replaced. Returns the byte length of terms.txt now.
 */
export async function saveIndex(dir: string, terms: readonly string[], written: { terms: number; termBytes: number }, segments: ManifestEntry[]): Promise<number> {
  await mkdir(searchFolder(dir), { recursive: true });
  const handle = await open(join(searchFolder(dir), TERMS), 'a+');
  let termBytes = written.termBytes;
  try {
    const { size } = await handle.stat();
    if (size !== written.termBytes) await handle.truncate(written.termBytes);
    // In pieces: a first build appends a hundred thousand terms, and one join of them all held
    // main's event loop for tens of milliseconds.
    for (let i = written.terms; i < terms.length; i += TERMS_PER_WRITE) {
      const added = Buffer.from(`${terms.slice(i, Math.min(i + TERMS_PER_WRITE, terms.length)).join('\n')}\n`, 'utf8');
      await handle.write(added, 0, added.length, termBytes);
      termBytes += added.length;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  const manifest: Manifest = { format: 'geneshelf.search', version: INDEX_STORE_VERSION, terms: terms.length, termBytes, segments };
  await writeFileAtomic(join(searchFolder(dir), MANIFEST), JSON.stringify(manifest));
  return termBytes;
}

/** Documents `docs` of a segment as results show them: from its file, or its bytes still in memory; null for one that cannot be read. */
export async function readStored(dir: string, segment: SegmentData, docs: number[]): Promise<Array<StoredDocument | null>> {
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
  if (!segment.docsFile || !SEGMENT_NAME.test(segment.docsFile) || segment.storedAt === undefined) return docs.map(() => null);
  let handle;
  try {
    handle = await open(join(searchFolder(dir), segment.docsFile), 'r');
  } catch {
    return docs.map(() => null);
  }
  try {
    const out: Array<StoredDocument | null> = [];
    for (const d of docs) {
      const [start, end] = range(d);
      const bytes = new Uint8Array(end - start);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, segment.storedAt + start);
      out.push(bytesRead === bytes.length ? parse(bytes) : null);
    }
    return out;
  } finally {
    await handle.close();
  }
}

export async function removeSegmentFile(dir: string, name: string | undefined): Promise<void> {
  if (!name || !SEGMENT_NAME.test(name)) return;
  await unlink(join(searchFolder(dir), name)).catch(() => {});
}

/**
 * A segment file no manifest names is removed once it is this old: younger, it may be another
 * process's, written as it indexed a shard and named by its next save (a CLI run must not pull
 * the open app's files from under it).
 */
export const ORPHAN_AGE_MS = 60 * 60_000;

/** Removes old segment files no manifest names (left by a run that died before its save), temp files, and the retired single-file index. */
export async function sweepIndexFiles(dir: string, keep: ReadonlySet<string>, now = Date.now()): Promise<void> {
  for (const old of RETIRED) await rm(join(dir, old), { recursive: true, force: true }).catch(() => {});
  let names: string[];
  try {
    names = await readdir(searchFolder(dir));
  } catch {
    return;
  }
  for (const name of names) {
    if (!SEGMENT_NAME.test(name) || keep.has(name)) continue;
    const { mtimeMs } = await stat(join(searchFolder(dir), name)).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs > ORPHAN_AGE_MS) await removeSegmentFile(dir, name);
  }
  await removeStaleTempFilesIn(searchFolder(dir));
}

/** The total size of the index's files (figures). */
export async function indexBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(searchFolder(dir)).catch(() => [] as string[])) total += (await stat(join(searchFolder(dir), name)).catch(() => ({ size: 0 }))).size;
  return total;
}
