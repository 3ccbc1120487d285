import type { ImportWarning, MeshHeading, Publication } from '../model';
import { publicationId } from '../identity';

/**
 * What every bibliographic reader (MEDLINE, RIS, PubMed XML, BibTeX, CSL-JSON) gives back: the
 * publications it could read, each with the line its record starts on, and a warning (with its
 * line) for each record it had to skip or repair.
 */
export type RecordFormat = 'medline' | 'ris' | 'pubmed-xml' | 'bibtex' | 'csl-json';

export interface ParsedRecord {
  publication: Publication;
  /** 1-based line where the record starts. */
  line: number;
}

export interface ParsedRecords {
  format: RecordFormat;
  records: ParsedRecord[];
  warnings: ImportWarning[];
  /** Records seen, read or not: records.length plus those skipped. */
  seen: number;
}

/** A reader's refusal of the whole file: nothing in it is a record of its format. */
export class NoRecordsError extends Error {}

/** The fields a reader fills; the rest get their empty defaults and the id is worked out. */
export type PublicationFields = Partial<Omit<Publication, 'id' | 'title'>> & { title: string };

export function makePublication(fields: PublicationFields): Publication {
  const pub: Publication = {
    id: '',
    authors: [],
    etAl: false,
    journal: '',
    freeFullText: false,
    abstract: '',
    ...dropEmpty(fields),
  };
  pub.title = pub.title.trim();
  pub.id = publicationId(pub);
  return pub;
}

/** Leaves out empty strings and arrays, so a merge can tell "absent" from "present". */
function dropEmpty<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim() === '' && key !== 'title') continue;
    if (Array.isArray(value) && value.length === 0 && key !== 'authors') continue;
    out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out as T;
}

/** "Mullighan, Charles G" -> "Mullighan CG": PubMed's short form of a full name. */
export function shortAuthorName(full: string): string {
  const [family, given] = full.split(/,\s*/, 2);
  if (!given) return full.trim();
  const initials = given
    .split(/[\s.-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase())
    .join('');
  return `${family!.trim()} ${initials}`.trim();
}

/** The first four-digit year in a date such as "1999 Spring", "2000 Dec-2001 Jan" or "2016/01/". */
export function yearOf(date: string | undefined): number | undefined {
  const m = date ? /\b(1[89]\d\d|2[01]\d\d)\b/.exec(date) : null;
  return m ? Number(m[1]) : undefined;
}

/** "10.1038/X [doi]" or "https://doi.org/10.1038/X" -> "10.1038/X"; anything else, undefined. */
export function doiIn(text: string | undefined): string | undefined {
  const m = text ? /(10\.\d{4,9}\/[^\s\]]+)/.exec(text) : null;
  return m ? m[1]!.replace(/[.,;]+$/, '') : undefined;
}

/**
 * Structured abstracts come as one paragraph ("BACKGROUND: ... METHODS: ..."); GeneShelf keeps
 * each labelled section on its own line, as the gene page shows them.
 */
export function splitLabelledSections(abstract: string): string {
  return abstract
    .replace(/\s+(?=(?:[A-Z][A-Z/&,-]+(?: [A-Z][A-Z/&,-]+){0,4}): )/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * "Occupational Health/*history/psychology" and "*Leukemia" as PubMed's MEDLINE text writes MeSH.
 * Each star stays where the source put it, as PubMed XML's MajorTopicYN does: on the descriptor
 * or on a subheading.
 */
export function meshFromText(value: string): MeshHeading {
  const [descriptor = '', ...qualifiers] = value.split('/');
  const star = (s: string) => s.trim().startsWith('*');
  const bare = (s: string) => s.trim().replace(/^\*/, '');
  const quals = qualifiers.map((q) => ({ name: bare(q), major: star(q) }));
  return { descriptor: bare(descriptor), major: star(descriptor), qualifiers: quals };
}

/** "1911-8" as PubMed abbreviates it becomes 1911 and 1918; citation managers want both ends. */
export function splitPages(pages: string): { start: string; end?: string } {
  const m = /^\s*([A-Za-z]?\d+)\s*[-–]\s*([A-Za-z]?\d+)\s*$/.exec(pages);
  if (!m) return { start: pages.trim() };
  const start = m[1]!;
  let end = m[2]!;
  if (/^\d+$/.test(start) && /^\d+$/.test(end) && end.length < start.length) end = start.slice(0, start.length - end.length) + end;
  return { start, end };
}

/**
 * A bibliographic reader in two steps: split the text into record chunks (cheap), then read each
 * chunk into a publication. The split lets a large file be read in slices, with progress and a
 * way to cancel, while small files and tests read it in one call.
 */
export interface RecordReader<C> {
  format: RecordFormat;
  /** The record chunks; throws NoRecordsError when the text holds none. */
  split(text: string, warnings: ImportWarning[]): C[];
  /** One record, or null (with a warning) when it cannot be used. */
  read(chunk: C, warnings: ImportWarning[]): ParsedRecord | null;
}

export function readAll<C>(reader: RecordReader<C>, text: string): ParsedRecords {
  const warnings: ImportWarning[] = [];
  const chunks = reader.split(text, warnings);
  const records = chunks.flatMap((c) => reader.read(c, warnings) ?? []);
  return { format: reader.format, records, warnings, seen: chunks.length };
}

/** Thrown by readInSlices when its signal is aborted. */
export class ImportCancelledError extends Error {
  constructor() {
    super('the import was cancelled');
  }
}

/**
 * Reads slice by slice, yielding to the event loop between slices so main stays responsive,
 * reporting progress, and stopping (ImportCancelledError) as soon as the signal is aborted.
 */
export async function readInSlices<C>(
  reader: RecordReader<C>,
  text: string,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal; slice?: number } = {},
): Promise<ParsedRecords> {
  const warnings: ImportWarning[] = [];
  const chunks = reader.split(text, warnings);
  const records: ParsedRecord[] = [];
  const slice = options.slice ?? 250;
  for (let i = 0; i < chunks.length; i += slice) {
    if (options.signal?.aborted) throw new ImportCancelledError();
    for (const chunk of chunks.slice(i, i + slice)) {
      const record = reader.read(chunk, warnings);
      if (record) records.push(record);
    }
    options.onProgress?.(Math.min(i + slice, chunks.length), chunks.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (options.signal?.aborted) throw new ImportCancelledError();
  return { format: reader.format, records, warnings, seen: chunks.length };
}
