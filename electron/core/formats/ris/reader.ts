import type { ImportWarning } from '../../model';
import { makePublication } from '../../publication';
import { shortAuthorName } from '../../authors';
import { FormatError, readAll, type ParsedRecord, type ParsedRecords, type ReferenceFormat } from '../format';
import { doiIn, splitLabelledSections, yearOf } from '../records';
import { tagAt, tagName } from './tags';
import { textSource, type TextSource } from '../../text';

/**
 * RIS, the tagged format EndNote, Zotero and Mendeley all import: one "TAG  - value" line per
 * field, CRLF line ends, each record from TY to ER. No maintained RIS library exists on npm, and
 * the format is a few lines of text, so the reader (forgiving) and the writer (strict) live here.
 */

export interface RisRecord {
  /** 1-based line of the record's TY. */
  line: number;
  /** Values in file order, per tag. */
  fields: Map<string, string[]>;
  /** The tags in file order, one per tag line: what puts AU and A1 authors back in one order. */
  sequence: string[];
}

/**
 * Where one record is in the text, as splitting finds it: from its TY line to its ER line, or to
 * the next TY when it never closes. Its lines are read when the record is: read for the whole
 * file at once (a Map, an array and strings for every field of 10,000 records), they all
 * outlived the young generation, and copying them there and into the old one took time.
 */
export interface RisChunk {
  /** The file's text (tags, line ends) and how a value is taken from it (decoded from its bytes, for a UTF-8 file). */
  source: TextSource;
  start: number;
  end: number;
  /** 1-based line of the record's TY. */
  line: number;
}

const T = 84;
const Y = 89;
const E = 69;
const R = 82;

/**
 * The records of a RIS text, found as real files come: a BOM, CRLF or LF, text before the first
 * record, one or two spaces before the hyphen. One pass with indexOf over \n (a CR before it is
 * trimmed), not an array of every line; only a line starting "TY" or "ER" can open or close a
 * record, so the others are passed over at their first character. An old Mac file's lone CRs
 * were made \n by the import (read-file.ts) before detection.
 */
function risChunks(source: TextSource): RisChunk[] {
  const { text } = source;
  const chunks: RisChunk[] = [];
  let current: RisChunk | null = null;
  let lineNo = 0;
  for (let at = 0; at <= text.length; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    lineNo++;
    const lineStart = at;
    at = end + 1;
    const c0 = text.charCodeAt(lineStart);
    const c1 = text.charCodeAt(lineStart + 1);
    if (!((c0 === T && c1 === Y) || (c0 === E && c1 === R))) continue;
    const lineEnd = text.charCodeAt(end - 1) === 13 && end > lineStart ? end - 1 : end;
    if (!tagAt(text, lineStart, lineEnd)) continue;
    if (current) current.end = lineStart;
    current = null;
    if (c0 === T) chunks.push((current = { source, start: lineStart, end: text.length, line: lineNo }));
  }
  return chunks;
}

/**
 * One record's fields: values spread over continuation lines are joined with line breaks, blank
 * lines inside a value kept.
 */
export function risRecordAt(chunk: RisChunk): RisRecord {
  const { source, end: chunkEnd } = chunk;
  const { text } = source;
  let record: RisRecord | null = null;
  let lastTag = 'TY';
  let blanks = 0;
  let lineNo = chunk.line - 1;
  for (let at = chunk.start; at < chunkEnd; ) {
    let end = text.indexOf('\n', at);
    if (end < 0 || end > chunkEnd) end = chunkEnd;
    lineNo++;
    const lineStart = at;
    const lineEnd = text.charCodeAt(end - 1) === 13 && end > at ? end - 1 : end;
    at = end + 1;
    // The line is looked at in place; only a value is copied out of the text.
    const found = tagAt(text, lineStart, lineEnd);
    if (found) {
      const tag = tagName(found.code);
      const value = source.slice(found.value, lineEnd).trim();
      blanks = 0;
      if (!record) {
        // The chunk's first line: its TY.
        record = { line: lineNo, fields: new Map([['TY', [value]]]), sequence: ['TY'] };
        continue;
      }
      const values = record.fields.get(tag);
      if (values) values.push(value);
      else record.fields.set(tag, [value]);
      record.sequence.push(tag);
      lastTag = tag;
      continue;
    }
    if (!record) continue;
    const raw = source.slice(lineStart, lineEnd);
    if (raw.trim() === '') {
      blanks++;
      continue;
    }
    const values = record.fields.get(lastTag)!;
    // A line our writer indented because it would read as a tag: the indent goes.
    const line = raw.startsWith(' ') && tagAt(raw, 1, raw.length) ? raw.slice(1) : raw;
    const last = values[values.length - 1]!;
    // A value that starts on the line after its tag starts there, with no line break before it.
    values[values.length - 1] = last === '' ? line.trim() : last + '\n'.repeat(blanks + 1) + line.trimEnd();
    blanks = 0;
  }
  return record!;
}

/** Every record of a RIS text (see risChunks and risRecordAt). */
export function readRis(text: string): RisRecord[] {
  return risChunks(textSource(text.replace(/^\ufeff/, ''))).map(risRecordAt);
}

const PMID_IN = /^(\d{1,9})\s*\[pmid\]$/i;
const PMCID_IN = /(PMC\d{1,12})/;

/** The values of several tags in the order the file gives them (AU and A1 may alternate). */
function inFileOrder(record: RisRecord, tags: string[]): string[] {
  const next = new Map<string, number>();
  const out: string[] = [];
  for (const tag of record.sequence) {
    if (!tags.includes(tag)) continue;
    const i = next.get(tag) ?? 0;
    next.set(tag, i + 1);
    const value = record.fields.get(tag)![i]!.trim();
    if (value) out.push(value);
  }
  return out;
}

const NONE: string[] = [];

/**
 * The non-empty values of the tags, in the order of the tags. Values are trimmed as they are
 * read; an empty one (a tag with its value on the next line that never came) is left out here,
 * with no new array when there is nothing to leave out (the usual case: one tag, all values).
 */
function valuesOf(record: RisRecord, tags: string[]): string[] {
  // The one tag's own array while it is the only one with values; a new one once there are more.
  let only: string[] | null = null;
  let out: string[] | null = null;
  for (const tag of tags) {
    const values = record.fields.get(tag);
    if (!values || values.length === 0) continue;
    if (!out && !only && values.every(Boolean)) {
      only = values;
      continue;
    }
    if (!out) {
      out = only ? [...only] : [];
      only = null;
    }
    for (const v of values) if (v) out.push(v);
  }
  return out ?? only ?? NONE;
}

/** The first non-empty value of the first tag that has one: no array made for it. */
function firstOf(record: RisRecord, tags: string[]): string | undefined {
  for (const tag of tags) for (const v of record.fields.get(tag) ?? NONE) if (v) return v;
  return undefined;
}

function risRecordToPublication(chunk: RisChunk, warnings: ImportWarning[]): ParsedRecord | null {
  const record = risRecordAt(chunk);
  const all = (...tags: string[]) => valuesOf(record, tags);
  const first = (...tags: string[]) => firstOf(record, tags);
  const title = first('TI', 'T1', 'CT');
  if (!title) {
    warnings.push({ message: 'the record has no title (TI or T1) and was skipped', line: record.line });
    return null;
  }
  const names = inFileOrder(record, ['AU', 'A1']);
  const isPubmed = all('DB', 'DP').some((v) => /pubmed|medline/i.test(v)) || all('UR').some((v) => /pubmed\.ncbi\.nlm\.nih\.gov/.test(v));
  const pmid = all('U1').map((v) => PMID_IN.exec(v)?.[1]).find(Boolean) ?? (isPubmed ? all('AN').find((v) => /^\d{1,9}$/.test(v)) : undefined);
  const pmcid = all('U2', 'L2', 'UR').map((v) => PMCID_IN.exec(v)?.[1]).find(Boolean);
  const abbreviation = first('J2', 'JO', 'JA');
  const full = first('JF', 'T2');
  const start = first('SP');
  const end = first('EP');
  const abstract = all('AB', 'N2').join('\n');
  const publication = makePublication({
    pmid,
    doi: all('DO').map(doiIn).find(Boolean) ?? all('UR').map(doiIn).find(Boolean),
    pmcid,
    title,
    authors: names.map((n) => (n.includes(',') ? shortAuthorName(n) : n)),
    authorsFull: names.length && names.every((n) => n.includes(',')) ? names : undefined,
    journal: abbreviation ?? full ?? '',
    journalTitle: full && full !== abbreviation ? full : undefined,
    // The first date that holds a year: "PY  - //" or a DA of "n.d." says nothing.
    year: all('PY', 'Y1', 'DA')
      .map(yearOf)
      .find((y) => y !== undefined),
    volume: first('VL'),
    issue: first('IS'),
    pages: start && end && end !== start ? `${start}-${end}` : start,
    abstract: abstract.includes('\n') ? abstract : splitLabelledSections(abstract),
    freeFullText: !!pmcid,
    // One keyword per KW line; a line listing several ("a; b") is split at its semicolons.
    keywords: all('KW', 'DE').flatMap((v) => (v.includes(';') || v.includes('\n') ? v.split(/[;\n]/) : v)),
  });
  return { publication, line: record.line };
}

export function looksLikeRis(text: string): boolean {
  // Lines end at \n (CR was made LF before detection): with the m flag, U+2028 in a value would
  // start a line too, and a BibTeX note quoting a RIS record would make the file RIS.
  return /(?:^|\n)TY {1,2}- ?\S/.test(text) && /(?:^|\n)(?:ER {1,2}-|TI {1,2}-|T1 {1,2}-|AU {1,2}-)/.test(text);
}

export const ris: ReferenceFormat<RisChunk> = {
  id: 'ris',
  name: 'RIS',
  extensions: ['ris', 'txt'],
  from: 'EndNote, Zotero, Mendeley, Web of Science, Scopus',
  kind: 'publications',
  detect: ({ text, json }) => json === undefined && looksLikeRis(text),
  split: (text) => chunksOf(textSource(text.replace(/^\ufeff/, ''))),
  // Tags and line ends are ASCII; every value is taken through source.slice, from one ASCII
  // character (after the tag's hyphen and space, or a line's start) to a line end.
  splitSource: chunksOf,
  read: risRecordToPublication,
};

function chunksOf(source: TextSource): RisChunk[] {
  const found = risChunks(source);
  if (found.length === 0) throw new FormatError('no RIS record (a "TY  - " line) was found');
  return found;
}

export function parseRis(text: string): ParsedRecords {
  return readAll(ris, text);
}
