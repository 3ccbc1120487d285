import { eachWord } from './fold';
import { FIELDS, type FieldName } from './query';

/**
 * One segment of the index: the postings of a batch of documents, packed. Why not MiniSearch's
 * own index: on 100,000 realistic PubMed records it held 752 MB and took 6 s to load back from
 * its JSON (issue 11's measurements); here a posting is a few bytes in one Uint8Array per
 * segment, the whole segment is a handful of typed arrays that load without parsing, and the
 * vocabulary (a MiniSearch SearchableMap, for prefix and typo lookup) is shared by all segments.
 *
 * A term's postings: for each document it occurs in, in document order,
 *   varint(document - previous document), then for each field it occurs in:
 *   byte(field + 1), varint(count), varint(position deltas)...; byte 0 ends the document.
 * Positions make phrases exact without reading the publication back.
 */

export const FIELD_COUNT = FIELDS.length;
export const FIELD_INDEX: Record<FieldName, number> = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<FieldName, number>;

/** What is indexed of one publication. */
export interface SearchDocument {
  key: string;
  fields: Partial<Record<FieldName, string>>;
  year?: number;
  freeFullText?: boolean;
}

/** Term ids, shared by the segments; the caller keeps the text of each (Vocabulary). */
export interface TermIds {
  /** The id of a term as it is (an identifier). */
  idOf(term: string): number;
  /** The id of a word as eachWord gives it (its spelling is folded). */
  idOfWord(word: string): number;
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

/** The packed, read-only form of a batch of documents. */
export interface SegmentData {
  keys: string[];
  years: Int16Array;
  /** 1 where the publication has free full text. */
  free: Uint8Array;
  /** Words per field per document: fieldLengths[doc * FIELD_COUNT + field]. */
  fieldLengths: Uint32Array;
  blob: Uint8Array;
  offsets: Uint32Array;
  lengths: Uint32Array;
  /** Documents each term occurs in, by term id (shorter than the vocabulary for terms added since). */
  docCounts: Uint32Array;
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
  private scratch = new Uint8Array(1024);
  // One document's occurrences as numbers, (term * 8 + field) * 2^16 + position, sorted: grouped
  // by term, then field, positions in order (exact in a double while terms stay under 2^34).
  private occurrences = new Float64Array(4096);
  private count = 0;
  private field = 0;
  private position = 0;
  private readonly noteWord = (word: string) => this.note(this.terms.idOfWord(word));

  constructor(private readonly terms: TermIds & { size: number }) {}

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
    this.count = 0;
    for (this.field = 0; this.field < FIELD_COUNT; this.field++) {
      const text = d.fields[FIELDS[this.field]!];
      this.position = 0;
      if (text) {
        // Identifiers are one term each, not words: a DOI keeps its dots and slashes.
        if (FIELDS[this.field] === 'ids') {
          for (const id of text.split(/\s+/)) if (id) this.note(this.terms.idOf(id.toLowerCase()));
        } else eachWord(text, this.noteWord);
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

  finish(): SegmentData {
    return {
      keys: this.keys,
      years: Int16Array.from(this.years),
      free: Uint8Array.from(this.free),
      fieldLengths: Uint32Array.from(this.fieldLengths),
      ...this.writer.pack(this.terms.size),
    };
  }
}

/** Indexes a batch of documents into one segment. */
export function buildSegment(documents: SearchDocument[], terms: TermIds & { size: number }): SegmentData {
  const builder = new SegmentBuilder(terms);
  for (const d of documents) builder.add(d);
  return builder.finish();
}

/**
 * Calls visit(doc, field, count) for each field of each document a term occurs in; positions are
 * skipped (the common case: ranking needs counts only).
 */
export function eachPosting(segment: SegmentData, term: number, visit: (doc: number, field: number, count: number) => void): void {
  if (term >= segment.lengths.length) return;
  const len = segment.lengths[term]!;
  if (!len) return;
  const blob = segment.blob;
  let at = segment.offsets[term]!;
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
    } while (b & 0x80);
    doc += gap;
    for (;;) {
      const field = blob[at++]!;
      if (field === 0) break;
      let count = 0;
      shift = 0;
      do {
        b = blob[at++]!;
        count |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      visit(doc, field - 1, count);
      // Skip the positions.
      for (let k = 0; k < count; k++) while (blob[at++]! & 0x80);
    }
  }
}

/** A term's occurrences with positions, for phrases: document -> positions per field. */
export function occurrences(segment: SegmentData, term: number): Map<number, Array<number[] | undefined>> {
  const out = new Map<number, Array<number[] | undefined>>();
  if (term >= segment.lengths.length) return out;
  const len = segment.lengths[term]!;
  if (!len) return out;
  const blob = segment.blob;
  let at = segment.offsets[term]!;
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
    } while (b & 0x80);
    return value;
  };
  while (at < end) {
    doc += varint();
    const byField: Array<number[] | undefined> = [];
    for (;;) {
      const field = blob[at++]!;
      if (field === 0) break;
      const count = varint();
      const positions = new Array<number>(count);
      let p = 0;
      for (let k = 0; k < count; k++) positions[k] = p += varint();
      byField[field - 1] = positions;
    }
    out.set(doc, byField);
  }
  return out;
}
