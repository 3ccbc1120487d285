import { readFile, stat } from 'node:fs/promises';
import type { Gene, ImportWarning } from '../model';
import { ImportError, fileSystemReason } from '../errors';
import { decodeText, NotTextError, type TextEncodingName } from '../text/decode';
import { GeneFileError, looksLikeJson, readGeneFile } from '../genefile/read-genefile';
import { PageParseError, parseCgwPage } from '../cgw/parse-page';
import { recordReaderFor } from '../formats/detect';
import { ImportCancelledError, NoRecordsError, readInSlices, type ParsedRecord, type RecordFormat } from '../formats/records';

/** Gene files, saved pages and reference exports are kilobytes to tens of megabytes; past this it is none of them. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type ImportFormat = 'cgw-page' | 'genefile' | RecordFormat;

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  'cgw-page': 'Cancer Genetics Web page',
  genefile: 'GeneShelf gene file',
  medline: 'PubMed MEDLINE (.nbib)',
  ris: 'RIS',
  'pubmed-xml': 'PubMed XML',
  bibtex: 'BibTeX',
  'csl-json': 'CSL-JSON',
};

/**
 * A file read into the model: genes (a gene page or a gene file, one gene or a panel), or
 * publications (a reference export) that the user attaches to a gene before they are saved.
 */
export interface ParsedImport {
  file: string;
  format: ImportFormat;
  encoding: TextEncodingName;
  genes: Gene[];
  publications: ParsedRecord[];
  /** Records found in a reference export, read or skipped; 0 for gene pages and gene files. */
  recordsSeen: number;
  warnings: ImportWarning[];
}

export interface ReadControl {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

/** Reads any file a user may import, finding its format from the content, never the extension. */
export async function readImportFile(file: string, control: ReadControl = {}): Promise<ParsedImport> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new ImportError(file, 'this is a folder, not a file');
    size = info.size;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(file, fileSystemReason(error));
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportError(file, `the file is ${megabytes(size)}; GeneShelf imports files of up to ${megabytes(MAX_IMPORT_BYTES)}, so this is not a gene page or gene file`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ImportError(file, fileSystemReason(error));
  }
  return parseImportBytes(file, bytes, control);
}

export async function parseImportBytes(file: string, bytes: Uint8Array, control: ReadControl = {}): Promise<ParsedImport> {
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof NotTextError) throw new ImportError(file, error.message);
    throw new ImportError(file, 'the text could not be decoded');
  }
  const { text, encoding } = decoded;
  if (text.trim() === '') throw new ImportError(file, 'the file is empty');

  let json: unknown;
  if (looksLikeJson(text)) {
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON after all: readGeneFile below says where it breaks.
    }
  }
  const reader = recordReaderFor(text, json);
  if (reader) {
    try {
      const read = await readInSlices(reader, text.replace(/\r\n?/g, '\n'), control);
      if (read.records.length === 0) {
        const first = read.warnings[0];
        throw new ImportError(file, `no record could be read: ${first?.message ?? 'every record was unusable'}`, first?.line !== undefined ? { line: first.line } : {});
      }
      return { file, format: read.format, encoding, genes: [], publications: read.records, recordsSeen: read.seen, warnings: [...decoded.warnings, ...read.warnings] };
    } catch (error) {
      if (error instanceof NoRecordsError) throw new ImportError(file, error.message);
      if (error instanceof ImportCancelledError || error instanceof ImportError) throw error;
      throw new ImportError(file, `could not be read as ${FORMAT_NAMES[reader.format]}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  if (looksLikeJson(text)) {
    try {
      const { genes, warnings } = readGeneFile(text);
      return { file, format: 'genefile', encoding, genes, publications: [], recordsSeen: 0, warnings: [...decoded.warnings, ...warnings] };
    } catch (error) {
      if (error instanceof GeneFileError) {
        const [first, ...rest] = error.problems;
        const more = rest.length ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'}; run "geneshelf validate" to list them)` : '';
        const details = rest.map((p) => (p.line !== undefined ? `line ${p.line}: ${p.reason}` : p.reason));
        throw new ImportError(file, `${first?.reason ?? 'invalid gene file'}${more}`, first?.line !== undefined ? { line: first.line } : {}, details);
      }
      throw error;
    }
  }
  try {
    const { gene, warnings } = parseCgwPage(text);
    return { file, format: 'cgw-page', encoding, genes: [gene], publications: [], recordsSeen: 0, warnings: [...decoded.warnings, ...warnings] };
  } catch (error) {
    if (error instanceof PageParseError) {
      throw new ImportError(file, error.reason, error.line !== undefined ? { line: error.line } : {});
    }
    throw error;
  }
}
