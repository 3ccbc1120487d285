import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../library';
import { FIELD_COUNT, type SegmentData } from './segment';
import { isDocsFileName } from './docs-file';

/**
 * search-index.bin, beside the library's files: the search index as it was last brought up to the
 * library, so a cold start reads it instead of indexing every shard again (56 s at 100,000
 * publications; reading this file back is well under a second). It is derived data: a file that
 * is missing, damaged or of another version is ignored and the index is built again, and a
 * shard whose file changed since (its signature differs) is indexed again.
 *
 * Layout: "GSIX", a format version (u32), the header's length (u32), the header (JSON), then the
 * arrays it describes, each at a multiple of 8 bytes so typed arrays view them in place:
 * the vocabulary (UTF-8, one term per line), then per segment its keys (one per line), years,
 * free-full-text marks, field lengths, where each document is in its docs file (docs-file.ts), postings, term ids, offsets, lengths, document counts and which
 * documents are alive.
 */

export const INDEX_FILE = 'search-index.bin';
const MAGIC = 0x58495347; // "GSIX" little-endian
export const INDEX_FILE_VERSION = 1;

export const indexFile = (dir: string) => join(dir, INDEX_FILE);

export interface StoredSegment {
  shard: string;
  signature: string | null;
  data: SegmentData;
  alive: Uint8Array;
}

export interface StoredIndex {
  terms: string[];
  segments: StoredSegment[];
}

type ArrayName = 'keys' | 'years' | 'free' | 'fieldLengths' | 'storedOffsets' | 'blob' | 'termIds' | 'offsets' | 'lengths' | 'docCounts' | 'alive';
const ARRAYS: ArrayName[] = ['keys', 'years', 'free', 'fieldLengths', 'storedOffsets', 'blob', 'termIds', 'offsets', 'lengths', 'docCounts', 'alive'];

interface Header {
  terms: [number, number];
  segments: Array<{ shard: string; signature: string | null; docs: number; docsFile: string; arrays: Record<ArrayName, [number, number]> }>;
}

const pad8 = (n: number) => (n + 7) & ~7;

/** The index as bytes, ready to write. */
export function encodeIndex(index: StoredIndex): Buffer {
  const parts: Uint8Array[] = [];
  let at = 0;
  const put = (bytes: Uint8Array): [number, number] => {
    const start = at;
    parts.push(bytes);
    at += bytes.byteLength;
    const padding = pad8(at) - at;
    if (padding) {
      parts.push(new Uint8Array(padding));
      at += padding;
    }
    return [start, bytes.byteLength];
  };
  const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const terms = put(Buffer.from(index.terms.join('\n'), 'utf8'));
  const segments = index.segments.map((s) => {
    const arrays = {} as Record<ArrayName, [number, number]>;
    for (const name of ARRAYS) {
      arrays[name] = name === 'keys' ? put(Buffer.from(s.data.keys.join('\n'), 'utf8')) : name === 'alive' ? put(s.alive) : put(bytesOf(s.data[name]));
    }
    return { shard: s.shard, signature: s.signature, docs: s.data.keys.length, docsFile: s.data.docsFile ?? '', arrays };
  });
  const header = Buffer.from(JSON.stringify({ terms, segments } satisfies Header), 'utf8');
  const start = pad8(12 + header.byteLength);
  const head = Buffer.alloc(start);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(INDEX_FILE_VERSION, 4);
  head.writeUInt32LE(header.byteLength, 8);
  header.copy(head, 12);
  return Buffer.concat([head, ...parts]);
}

/** The index read back from bytes; null for bytes that are not a whole index file of this version. */
export function decodeIndex(bytes: Buffer): StoredIndex | null {
  try {
    if (bytes.byteLength < 12 || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== INDEX_FILE_VERSION) return null;
    const headerLength = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.subarray(12, 12 + headerLength).toString('utf8')) as Header;
    const base = pad8(12 + headerLength);
    // The arrays are copied out of the file's buffer once, aligned: a view into a Buffer from the
    // pool need not start at a multiple of 4.
    const body = new Uint8Array(bytes.byteLength - base);
    body.set(bytes.subarray(base));
    const slice = ([start, length]: [number, number]) => {
      if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || start + length > body.byteLength) throw new Error('out of range');
      return { start, length };
    };
    const text = (range: [number, number]) => {
      const { start, length } = slice(range);
      return Buffer.from(body.buffer, body.byteOffset + start, length).toString('utf8');
    };
    const view = <T>(range: [number, number], make: (buffer: ArrayBuffer, offset: number, count: number) => T, size: number): T => {
      const { start, length } = slice(range);
      if (start % size !== 0 || length % size !== 0) throw new Error('misaligned');
      return make(body.buffer, body.byteOffset + start, length / size);
    };
    const termText = text(header.terms);
    const terms = termText === '' ? [] : termText.split('\n');
    const segments = header.segments.map((s): StoredSegment => {
      const keysText = text(s.arrays.keys);
      const keys = keysText === '' ? [] : keysText.split('\n');
      const data: SegmentData = {
        keys,
        years: view(s.arrays.years, (b, o, n) => new Int16Array(b, o, n), 2),
        free: view(s.arrays.free, (b, o, n) => new Uint8Array(b, o, n), 1),
        fieldLengths: view(s.arrays.fieldLengths, (b, o, n) => new Uint32Array(b, o, n), 4),
        storedOffsets: view(s.arrays.storedOffsets, (b, o, n) => new Uint32Array(b, o, n), 4),
        ...(isDocsFileName(String(s.docsFile)) ? { docsFile: String(s.docsFile) } : {}),
        blob: view(s.arrays.blob, (b, o, n) => new Uint8Array(b, o, n), 1),
        termIds: view(s.arrays.termIds, (b, o, n) => new Uint32Array(b, o, n), 4),
        offsets: view(s.arrays.offsets, (b, o, n) => new Uint32Array(b, o, n), 4),
        lengths: view(s.arrays.lengths, (b, o, n) => new Uint32Array(b, o, n), 4),
        docCounts: view(s.arrays.docCounts, (b, o, n) => new Uint32Array(b, o, n), 4),
      };
      const alive = view(s.arrays.alive, (b, o, n) => new Uint8Array(b, o, n), 1);
      const n = keys.length;
      if (!data.docsFile || data.storedOffsets.length !== n + 1) throw new Error('no documents file');
      if (s.docs !== n || data.years.length !== n || data.free.length !== n || alive.length !== n || data.fieldLengths.length !== n * FIELD_COUNT) throw new Error('lengths disagree');
      const slots = data.termIds.length;
      if (data.offsets.length !== slots || data.lengths.length !== slots || data.docCounts.length !== slots) throw new Error('term arrays disagree');
      for (let t = 0; t < slots; t++) {
        if (data.offsets[t]! + data.lengths[t]! > data.blob.length) throw new Error('postings out of range');
        if (data.termIds[t]! >= terms.length || (t > 0 && data.termIds[t]! <= data.termIds[t - 1]!)) throw new Error('term ids out of order');
      }
      return { shard: String(s.shard), signature: s.signature === null ? null : String(s.signature), data, alive };
    });
    return { terms, segments };
  } catch {
    return null;
  }
}

export async function readIndexFile(dir: string): Promise<StoredIndex | null> {
  try {
    return decodeIndex(await readFile(indexFile(dir)));
  } catch {
    return null;
  }
}

export async function writeIndexFile(dir: string, index: StoredIndex): Promise<void> {
  await writeFileAtomic(indexFile(dir), encodeIndex(index));
}
