import { readFile, stat } from 'node:fs/promises';
import type { Gene, ImportWarning } from '../model';
import { ImportError, fileSystemReason } from '../errors';
import { decodeText, NotTextError, type TextEncodingName } from '../text/decode';
import { GeneFileError, looksLikeJson, readGeneFile } from '../genefile/read-genefile';
import { PageParseError, parseCgwPage } from '../cgw/parse-page';

/** Gene files and saved pages are kilobytes to a few megabytes; past this it is not one of them. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type ImportFormat = 'cgw-page' | 'genefile';

export interface ParsedImport {
  file: string;
  format: ImportFormat;
  encoding: TextEncodingName;
  genes: Gene[];
  warnings: ImportWarning[];
}

function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

/** Reads any file a user may import, finding its format from the content, never the extension. */
export async function readImportFile(file: string): Promise<ParsedImport> {
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
  return parseImportBytes(file, bytes);
}

export function parseImportBytes(file: string, bytes: Uint8Array): ParsedImport {
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof NotTextError) throw new ImportError(file, error.message);
    throw new ImportError(file, 'the text could not be decoded');
  }
  const { text, encoding } = decoded;
  if (text.trim() === '') throw new ImportError(file, 'the file is empty');

  if (looksLikeJson(text)) {
    try {
      const { genes, warnings } = readGeneFile(text);
      return { file, format: 'genefile', encoding, genes, warnings: [...decoded.warnings, ...warnings] };
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
    return { file, format: 'cgw-page', encoding, genes: [gene], warnings: [...decoded.warnings, ...warnings] };
  } catch (error) {
    if (error instanceof PageParseError) {
      throw new ImportError(file, error.reason, error.line !== undefined ? { line: error.line } : {});
    }
    throw error;
  }
}
