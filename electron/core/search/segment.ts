import { STOP_WORDS, foldCharacters, foldSpelling, isWordChar } from './fold';
import { FIELDS, type FieldName } from './query';

/**
 * One segment of the index: the postings of a batch of documents, packed. Why not MiniSearch's
 * own index: on 100,000 realistic PubMed records it held 752 MB and took 6 s to load back from
 * its JSON (issue 11's measurements); here a posting is a few bytes in one Uint8Array per
 * segment, the whole segment is a handful of typed arrays that load without parsing, and the
 * vocabulary (a MiniSearch SearchableMap, for prefix and typo lookup) is shared by all segments.
 * A segment is built with its own term list (so it can be built in a worker thread, which has no
 * access to the index's vocabulary) and, when attached, carries the index's ids of its terms,
 * sorted, beside each term's postings: a segment's table is as long as its own terms, not the
 * whole vocabulary.
 *
 * A term's postings: for each document it occurs in, in document order,
 *   varint(document - previous document), then for each field it occurs in:
 *   byte(field + 1), varint(count), varint(position deltas)...; byte 0 ends the document.
 * Positions make phrases exact without reading the publication back.
 */

export const FIELD_COUNT = FIELDS.length;
export const FIELD_INDEX: Record<FieldName, number> = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<FieldName, number>;

/** What a search result shows of a publication without reading its shard back. */
export interface StoredDocument {
  title: string;
  /** "Mullighan CG, Su X, Zhang J et al." */
  authors: string;
  journal: string;
  year?: number;
  freeFullText: boolean;
  /** For the snippet around a match. */
  abstract: string;
}

/** What is indexed of one publication, and what its result shows. */
export interface SearchDocument {
  key: string;
  fields: Partial<Record<FieldName, string>>;
  year?: number;
  freeFullText?: boolean;
  stored?: StoredDocument;
}

/**
 * Begins every identifier's term (a PMID, DOI or PMC id): identifiers are looked up whole, so the
 * vocabulary keeps them apart from words, out of the prefix and typo tree (at 100,000
 * publications they are two terms in three).
 */
export const ID_MARK = '#';

/** Marks a stop word in the word table: left out, as eachWord leaves it out. */
const STOP = -2;

/**
 * A segment's own terms while it is built: local ids in the order first met. Words are looked up
 * where they stand in the folded text, by a hash of their characters, in an open-addressing
 * table: a word met before (nearly every word of an abstract) costs no string and no Map lookup,
 * which were most of the time of indexing (a Map lookup of a freshly sliced string hashes it anew).
 */
class LocalTerms {
  readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();
  // The word table: the folded word in each slot, and the local term id it stands for (or STOP).
  private words: Array<string | undefined> = new Array(1 << 14);
  private wordIds = new Int32Array(1 << 14);
  private wordHashes = new Int32Array(1 << 14);
  private used = 0;

  constructor() {
    for (const w of STOP_WORDS) this.insertWord(w, hashOf(w, 0, w.length), STOP);
  }

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
    }
    return id;
  }

  /** The local id of the word text[start, end) (characters folded already), STOP for a stop word. */
  idOfRange(text: string, start: number, end: number, hash: number): number {
    const mask = this.words.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const word = this.words[slot];
      if (word === undefined) break;
      if (this.wordHashes[slot] !== hash || word.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (word.charCodeAt(i) !== text.charCodeAt(start + i)) {
          same = false;
          break;
        }
      }
      if (same) return this.wordIds[slot]!;
    }
    const word = text.slice(start, end);
    const id = this.idOf(foldSpelling(word));
    this.insertWord(word, hash, id);
    return id;
  }

  private insertWord(word: string, hash: number, id: number): void {
    if ((this.used + 1) * 2 > this.words.length) this.grow();
    const mask = this.words.length - 1;
    let slot = hash & mask;
    while (this.words[slot] !== undefined) slot = (slot + 1) & mask;
    this.words[slot] = word;
    this.wordIds[slot] = id;
    this.wordHashes[slot] = hash;
    this.used++;
  }

  private grow(): void {
    const words = this.words;
    const ids = this.wordIds;
    const hashes = this.wordHashes;
    this.words = new Array(words.length * 2);
    this.wordIds = new Int32Array(words.length * 2);
    this.wordHashes = new Int32Array(words.length * 2);
    this.used = 0;
    for (let i = 0; i < words.length; i++) if (words[i] !== undefined) this.insertWord(words[i]!, hashes[i]!, ids[i]!);
  }
}

/** FNV-1a over the characters of text[start, end). */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A growing byte buffer per term while a segment is built. */
class PostingWriter {
  private bufs: Uint8Array[] = [];
  private lens: number[] = [];
  readonly lastDoc: number[] = [];
  readonly docCounts: number[] = [];

  /** The term's buffer with room for `room` more bytes. */
  private room(term: number, room: number): Uint8Array {
    let buf = this.bufs[term];
    if (!buf) {
      buf = new Uint8Array(Math.max(16, room));
      this.bufs[term] = buf;
      this.lens[term] = 0;
    } else if (this.lens[term]! + room > buf.length) {
      const bigger = new Uint8Array(Math.max(buf.length * 2, this.lens[term]! + room));
      bigger.set(buf);
      buf = bigger;
      this.bufs[term] = buf;
    }
    return buf;
  }

  /** Appends bytes already encoded (one document's occurrences of the term). */
  append(term: number, bytes: Uint8Array, length: number): void {
    const buf = this.room(term, length);
    const len = this.lens[term]!;
    // A byte loop: most documents' occurrences of a term are a few bytes, and a subarray to copy
    // them costs more than the copy.
    for (let i = 0; i < length; i++) buf[len + i] = bytes[i]!;
    this.lens[term] = len + length;
  }

  /** Every term's postings in one buffer, with each term's offset and length (0 for a term not here). */
  pack(termCount: number): { blob: Uint8Array; offsets: Uint32Array; lengths: Uint32Array; docCounts: Uint32Array } {
    let total = 0;
    for (let t = 0; t < termCount; t++) total += this.lens[t] ?? 0;
    const blob = new Uint8Array(total);
    const offsets = new Uint32Array(termCount);
    const lengths = new Uint32Array(termCount);
    const docCounts = new Uint32Array(termCount);
    let at = 0;
    for (let t = 0; t < termCount; t++) {
      const len = this.lens[t] ?? 0;
      if (!len) continue;
      blob.set(this.bufs[t]!.subarray(0, len), at);
      offsets[t] = at;
      lengths[t] = len;
      docCounts[t] = this.docCounts[t]!;
      at += len;
    }
    return { blob, offsets, lengths, docCounts };
  }
}

/** What a segment's documents are: keys, years, free-full-text marks and words per field. */
interface SegmentDocuments {
  keys: string[];
  years: Int16Array;
  /** 1 where the publication has free full text. */
  free: Uint8Array;
  /** Words per field per document: fieldLengths[doc * FIELD_COUNT + field]. */
  fieldLengths: Uint32Array;
  /**
   * The documents as results show them (StoredDocument as JSON, UTF-8, one after another):
   * document d is stored[storedOffsets[d], storedOffsets[d + 1]). The bytes stay in memory only
   * until the segment is written to its file (index-store.ts); then only the offsets and where do.
   */
  storedOffsets: Uint32Array;
  stored?: Uint8Array;
  /** The segment file holding them, and where in it they start. */
  docsFile?: string;
  storedAt?: number;
}

/** A segment as its builder leaves it: its own terms, and their postings by local id. */
export interface BuiltSegment extends SegmentDocuments {
  terms: string[];
  blob: Uint8Array;
  offsets: Uint32Array;
  lengths: Uint32Array;
  docCounts: Uint32Array;
}

/** The packed, read-only form of a batch of documents, over the index's vocabulary. */
export interface SegmentData extends SegmentDocuments {
  blob: Uint8Array;
  /** The index's ids of the segment's terms, ascending; the three arrays after it are in the same order. */
  termIds: Uint32Array;
  offsets: Uint32Array;
  lengths: Uint32Array;
  /** Documents each term occurs in. */
  docCounts: Uint32Array;
}

/** Where a term of the index is in a segment's table; -1 when the segment does not have it. */
export function slotOf(segment: SegmentData, term: number): number {
  const ids = segment.termIds;
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === term) return mid;
    if (v < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A built segment over the index's vocabulary: each local term given its id there, the table sorted by it. */
export function overVocabulary(built: BuiltSegment, ids: Uint32Array): SegmentData {
  const n = built.terms.length;
  // Sorted as numbers (id * 2^20 + local slot), natively: a comparator sort of 40,000 terms held
  // main's event loop for tens of milliseconds per shard.
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = ids[i]! * 1048576 + i;
  packed.sort();
  const order = Array.from(packed, (v) => v % 1048576);
  const termIds = new Uint32Array(n);
  const offsets = new Uint32Array(n);
  const lengths = new Uint32Array(n);
  const docCounts = new Uint32Array(n);
  order.forEach((local, slot) => {
    termIds[slot] = ids[local]!;
    offsets[slot] = built.offsets[local]!;
    lengths[slot] = built.lengths[local]!;
    docCounts[slot] = built.docCounts[local]!;
  });
  return {
    keys: built.keys,
    years: built.years,
    free: built.free,
    fieldLengths: built.fieldLengths,
    storedOffsets: built.storedOffsets,
    ...(built.stored ? { stored: built.stored } : {}),
    ...(built.docsFile ? { docsFile: built.docsFile } : {}),
    blob: built.blob,
    termIds,
    offsets,
    lengths,
    docCounts,
  };
}

/**
 * Indexes documents one at a time into one segment, so a caller can stop between documents (to
 * give the event loop back) and finish when the batch is done.
 */
export class SegmentBuilder {
  private readonly writer = new PostingWriter();
  private readonly keys: string[] = [];
  private years: number[] = [];
  private free: number[] = [];
  private fieldLengths: number[] = [];
  private storedParts: string[] = [];
  private scratch = new Uint8Array(1024);
  // One document's occurrences as numbers, (term * 8 + field) * 2^16 + position, sorted: grouped
  // by term, then field, positions in order (exact in a double while terms stay under 2^34).
  private occurrences = new Float64Array(4096);
  private count = 0;
  private field = 0;
  private position = 0;
  private readonly terms = new LocalTerms();

  /** Notes every word of a text, as eachWord splits it, without making a string of a word met before. */
  private noteWords(text: string): void {
    const folded = foldCharacters(text);
    const n = folded.length;
    let start = -1;
    let h = 0;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? folded.charCodeAt(i) : 32;
      if (isWordChar(c) && i < n) {
        if (start < 0) {
          start = i;
          h = 0x811c9dc5;
        }
        h = Math.imul(h ^ c, 0x01000193);
      } else if (start >= 0) {
        const id = this.terms.idOfRange(folded, start, i, h | 0);
        if (id !== STOP) this.note(id);
        start = -1;
      }
    }
  }

  get size(): number {
    return this.keys.length;
  }

  private note(id: number): void {
    if (this.count === this.occurrences.length) {
      const bigger = new Float64Array(this.count * 2);
      bigger.set(this.occurrences);
      this.occurrences = bigger;
    }
    this.occurrences[this.count++] = (id * 8 + this.field) * 65536 + Math.min(this.position++, 65535);
  }

  add(d: SearchDocument): void {
    const doc = this.keys.length;
    const writer = this.writer;
    this.keys.push(d.key);
    this.years.push(d.year ?? 0);
    this.free.push(d.freeFullText ? 1 : 0);
    this.storedParts.push(JSON.stringify(d.stored ?? null));
    this.count = 0;
    for (this.field = 0; this.field < FIELD_COUNT; this.field++) {
      const text = d.fields[FIELDS[this.field]!];
      this.position = 0;
      if (text) {
        // Identifiers are one term each, not words: a DOI keeps its dots and slashes.
        if (FIELDS[this.field] === 'ids') {
          for (const id of text.split(/\s+/)) if (id) this.note(this.terms.idOf(ID_MARK + id.toLowerCase()));
        } else this.noteWords(text);
      }
      this.fieldLengths.push(this.position);
    }
    const count = this.count;
    const sorted = this.occurrences.subarray(0, count).sort();
    for (let i = 0; i < count; ) {
      const id = Math.floor(sorted[i]! / 524288);
      let j = i;
      while (j < count && Math.floor(sorted[j]! / 524288) === id) j++;
      // Room for the gap, then per field its byte, count and positions (at most 3 bytes each).
      const size = 8 + (j - i) * 3 + FIELD_COUNT * 6;
      if (this.scratch.length < size) this.scratch = new Uint8Array(size * 2);
      const scratch = this.scratch;
      let at = 0;
      const varint = (value: number) => {
        while (value >= 0x80) {
          scratch[at++] = (value & 0x7f) | 0x80;
          value >>>= 7;
        }
        scratch[at++] = value;
      };
      // The first document's gap is from document 0.
      varint(doc - (writer.lastDoc[id] ?? 0));
      writer.lastDoc[id] = doc;
      writer.docCounts[id] = (writer.docCounts[id] ?? 0) + 1;
      while (i < j) {
        const f = Math.floor(sorted[i]! / 65536) % 8;
        let k = i;
        while (k < j && Math.floor(sorted[k]! / 65536) % 8 === f) k++;
        scratch[at++] = f + 1;
        varint(k - i);
        let last = 0;
        for (; i < k; i++) {
          const p = sorted[i]! % 65536;
          varint(p - last);
          last = p;
        }
      }
      scratch[at++] = 0;
      writer.append(id, scratch, at);
    }
  }

  finish(): BuiltSegment {
    const encoder = new TextEncoder();
    const parts = this.storedParts.map((json) => encoder.encode(json));
    const storedOffsets = new Uint32Array(parts.length + 1);
    for (let i = 0; i < parts.length; i++) storedOffsets[i + 1] = storedOffsets[i]! + parts[i]!.byteLength;
    const stored = new Uint8Array(storedOffsets[parts.length]!);
    parts.forEach((bytes, i) => stored.set(bytes, storedOffsets[i]!));
    return {
      storedOffsets,
      stored,
      keys: this.keys,
      years: Int16Array.from(this.years),
      free: Uint8Array.from(this.free),
      fieldLengths: Uint32Array.from(this.fieldLengths),
      terms: this.terms.terms,
      ...this.writer.pack(this.terms.terms.length),
    };
  }
}

/** Indexes a batch of documents into one segment. */
export function buildSegment(documents: SearchDocument[]): BuiltSegment {
  const builder = new SegmentBuilder();
  for (const d of documents) builder.add(d);
  return builder.finish();
}

/**
 * Calls visit(doc, field, count) for each field of each document a term occurs in; positions are
 * skipped (the common case: ranking needs counts only).
 */
export function eachPosting(segment: SegmentData, term: number, visit: (doc: number, field: number, count: number) => void): void {
  const slot = slotOf(segment, term);
  if (slot < 0) return;
  const len = segment.lengths[slot]!;
  const blob = segment.blob;
  let at = segment.offsets[slot]!;
  const end = at + len;
  let doc = 0;
  while (at < end) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = blob[at++]!;
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && at < end);
    doc += gap;
    // Every loop stops at the term's end: postings that run on (a damaged file) end the term, never the process.
    while (at < end) {
      const field = blob[at++]!;
      if (field === 0) break;
      let count = 0;
      shift = 0;
      do {
        b = blob[at++]!;
        count |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80 && at < end);
      if (field > FIELD_COUNT) return;
      visit(doc, field - 1, count);
      // Skip the positions.
      for (let k = 0; k < count && at < end; k++) while (blob[at++]! & 0x80 && at < end);
    }
  }
}

/** A term's occurrences with positions, for phrases: document -> positions per field. */
export function occurrences(segment: SegmentData, term: number): Map<number, Array<number[] | undefined>> {
  const out = new Map<number, Array<number[] | undefined>>();
  const slot = slotOf(segment, term);
  if (slot < 0) return out;
  const len = segment.lengths[slot]!;
  const blob = segment.blob;
  let at = segment.offsets[slot]!;
  const end = at + len;
  let doc = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    let b: number;
    do {
      b = blob[at++]!;
      value |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && at < end);
    return value;
  };
  while (at < end) {
    doc += varint();
    const byField: Array<number[] | undefined> = [];
    while (at < end) {
      const field = blob[at++]!;
      if (field === 0) break;
      if (field > FIELD_COUNT) return out;
      const count = Math.min(varint(), end - at);
      const positions = new Array<number>(count);
      let p = 0;
      for (let k = 0; k < count; k++) positions[k] = p += varint();
      byField[field - 1] = positions;
    }
    out.set(doc, byField);
  }
  return out;
}
