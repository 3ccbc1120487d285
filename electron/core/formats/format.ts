import type { Gene, ImportWarning, Publication } from '../model';
import type { TextSource } from '../text';

/**
 * The one interface every importable format implements: reference exports (MEDLINE, RIS, PubMed
 * XML, BibTeX, CSL-JSON, EndNote XML) and the gene readers (Cancer Genetics Web page text,
 * GeneShelf gene files). A format is a folder holding its reader, its writer where GeneShelf
 * exports it, and golden fixtures; registry.ts lists them, and that list is the only place a new
 * format is named.
 */

/** What a detector sees: the decoded text, and the same text parsed when it is JSON. */
export interface Sniff {
  text: string;
  /** The parsed value when the text is JSON; undefined when it is not (or does not parse). */
  json: unknown;
}

interface FormatInfo {
  /** Stable id, used in previews, the CLI's --json and the golden fixtures' folder. */
  id: string;
  /** As users call it: "PubMed MEDLINE (.nbib)". */
  name: string;
  /** Usual file extensions, for the import dialog's filter (detection never looks at them). */
  extensions: string[];
  /** Where such files come from, for the README's format table and the CLI help. */
  from: string;
  /** True when the text is this format. Formats are asked in the registry's order. */
  detect(sniff: Sniff): boolean;
}

/** A record read from a reference export, with the line it starts on. */
export interface ParsedRecord {
  publication: Publication;
  /** 1-based line where the record starts. */
  line: number;
}

export interface ParsedRecords {
  format: string;
  records: ParsedRecord[];
  warnings: ImportWarning[];
  /** Records seen, read or not: records.length plus those skipped. */
  seen: number;
}

/**
 * A reference export, read in two steps (its text has \n or \r\n line ends, so each reader
 * trims or splits on both): split the text into record chunks (cheap), then read
 * each chunk into a publication. The split lets a large file be read in slices, with progress
 * and a way to cancel, while small files and tests read it in one call.
 */
export interface ReferenceFormat<C = unknown> extends FormatInfo {
  kind: 'publications';
  /** The record chunks; throws FormatError when the text holds none. */
  split(text: string, warnings: ImportWarning[]): C[];
  /**
   * The same chunks from a TextSource, for a format whose structure is ASCII (tags at line
   * starts, line ends, spaces) and whose reader keeps only what it takes through source.slice:
   * the import then hands it a UTF-8 file's bytes undecoded (utf8Source), and the records,
   * warnings and line numbers are those split(text) gives for the decoded text.
   */
  splitSource?(source: TextSource, warnings: ImportWarning[]): C[];
  /** One record, or null (with a warning) when it cannot be used. */
  read(chunk: C, warnings: ImportWarning[]): ParsedRecord | null;
}

/** A format that holds whole genes: read in one step. Throws FormatError when it cannot be read. */
export interface GeneFormat extends FormatInfo {
  kind: 'genes';
  read(text: string): { genes: Gene[]; warnings: ImportWarning[] };
}

// Each format reads its own chunk type; the registry holds them side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ImportFormat = ReferenceFormat<any> | GeneFormat;

/**
 * A reader's refusal of the whole file, with the line (or further problems) where there are some.
 * The importer adds the file's name, so the app and the CLI say "file, line N: reason".
 */
export class FormatError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
    readonly details: string[] = [],
  ) {
    super(reason);
  }
}

/** One citation as the writers take it: a publication and what GeneShelf adds to it. */
export interface CitationRecord {
  publication: Publication;
  genes: string[];
  note: string;
  /** Where to read it. */
  url: string;
}

export function readAll<C>(format: ReferenceFormat<C>, text: string): ParsedRecords {
  const warnings: ImportWarning[] = [];
  const chunks = format.split(text, warnings);
  const records = chunks.flatMap((c) => format.read(c, warnings) ?? []);
  return { format: format.id, records, warnings, seen: chunks.length };
}

function splitSource<C>(format: ReferenceFormat<C>, source: TextSource, warnings: ImportWarning[]): C[] {
  if (!format.splitSource) throw new Error(`${format.name} is not read from a text source`);
  return format.splitSource(source, warnings);
}

/** Thrown by readInSlices when its signal is aborted. */
export class ImportCancelledError extends Error {
  constructor() {
    super('the import was cancelled');
  }
}

export interface ReadControl {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Reads slice by slice, yielding to the event loop between slices so main stays responsive,
 * reporting progress, and stopping (ImportCancelledError) as soon as the signal is aborted.
 */
export async function readInSlices<C>(format: ReferenceFormat<C>, text: string | TextSource, options: ReadControl & { slice?: number } = {}): Promise<ParsedRecords> {
  const warnings: ImportWarning[] = [];
  const chunks = typeof text === 'string' ? format.split(text, warnings) : splitSource(format, text, warnings);
  const records: ParsedRecord[] = [];
  const slice = options.slice ?? 250;
  for (let i = 0; i < chunks.length; i += slice) {
    if (options.signal?.aborted) throw new ImportCancelledError();
    for (const chunk of chunks.slice(i, i + slice)) {
      const record = format.read(chunk, warnings);
      if (record) records.push(record);
    }
    options.onProgress?.(Math.min(i + slice, chunks.length), chunks.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (options.signal?.aborted) throw new ImportCancelledError();
  return { format: format.id, records, warnings, seen: chunks.length };
}
