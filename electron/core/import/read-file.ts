import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Gene, ImportWarning } from '../model';
import { ImportError, fileSystemReason } from '../errors';
import { decodeText, hasLoneCr, NotTextError, utf8Body, utf8Source, withoutLoneCrs, type TextEncodingName, type TextSource } from '../text';
import { FormatError, ImportCancelledError, readInSlices, type ImportFormat, type ParsedRecord, type ReadControl, type ReferenceFormat } from '../formats';
import { FORMATS } from './registry';
import { unknownFormatReason } from './unknown';

/** Gene files and saved pages are kilobytes; a 10,000-record PubMed XML export is near 175 MB. Past this it is none of them. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/**
 * A file read into the model: genes (a gene page or a gene file, one gene or a panel), or
 * publications (a reference export) that the user attaches to a gene before they are saved.
 */
export interface ParsedImport {
  file: string;
  /** The format's id and name, from the registry. */
  format: string;
  formatName: string;
  encoding: TextEncodingName;
  genes: Gene[];
  publications: ParsedRecord[];
  /** Records found in a reference export, read or skipped; 0 for gene pages and gene files. */
  recordsSeen: number;
  warnings: ImportWarning[];
}

function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

/**
 * Reads any file a user may import, finding its format from the content, never the extension.
 * Only a regular file is read (a FIFO would block for ever, /dev/zero would never end, and stat
 * says 0 bytes for both), and the bytes are counted while reading, so a file that grows or lies
 * about its size is stopped at the limit.
 */
export async function readImportFile(file: string, control: ReadControl = {}): Promise<ParsedImport> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw new ImportError(file, fileSystemReason(error));
  }
  if (info.isDirectory()) throw new ImportError(file, 'this is a folder, not a file');
  if (!info.isFile()) throw new ImportError(file, 'this is not a regular file (it is a device, a pipe or a socket), so it is not a gene page or gene file');
  if (info.size > MAX_IMPORT_BYTES) throw tooLarge(file, info.size);
  return parseImportBytes(file, await readBounded(file, MAX_IMPORT_BYTES, info.size), control);
}

/** `size` is what stat said, or (`counted`) how far reading got before it was stopped. */
function tooLarge(file: string, size: number, counted = false): ImportError {
  return new ImportError(file, `the file is ${counted ? `over ${megabytes(MAX_IMPORT_BYTES)}` : megabytes(size)}; GeneShelf imports files of up to ${megabytes(MAX_IMPORT_BYTES)}, so this is not a gene page or gene file`);
}

/**
 * The file's bytes, read into one buffer of the size stat gave (grown if the file is longer) and
 * stopped (ImportError) once more than `limit` have come.
 */
async function readBounded(file: string, limit: number, expected: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ImportError(file, fileSystemReason(error));
  }
  try {
    // One byte more than expected, so a file that grew is noticed without a second buffer.
    let buffer = Buffer.allocUnsafe(Math.min(expected, limit) + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > limit) throw tooLarge(file, total, true);
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(bigger, 0, 0, total);
        buffer = bigger;
      }
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, total, buffer.length - total, null));
      } catch (error) {
        throw new ImportError(file, fileSystemReason(error));
      }
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > limit) throw tooLarge(file, total, true);
    return buffer.subarray(0, total);
  } finally {
    await handle.close();
  }
}

/** The first format in the registry that claims the text, or undefined when none does. */
export function detectFormat(text: string): ImportFormat | undefined {
  let json: unknown;
  if (/^\s*[{[]/.test(text)) {
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON after all: the gene file reader says where it breaks.
    }
  }
  return FORMATS.find((f) => f.detect({ text, json }));
}

/** The head of a file detection is asked about before the file is decoded (utf8Reading). */
const HEAD_BYTES = 256 * 1024;
/** MEDLINE's detector reads the first 20,000 characters of a file; a head has at least this many. */
const DETECTION_HEAD_CHARS = 65_536;

/**
 * A UTF-8 reference export in a format that reads its records from the file's bytes (splitSource:
 * MEDLINE and RIS) is not decoded whole: decoding an 80 MB MEDLINE export took 180 ms, a sixth of its
 * import, and made every string read from it two bytes a character, though most of its bytes are
 * fields GeneShelf does not read (affiliations). Null where the file is decoded as before.
 *
 * The format is what detection says of the file's decoded head, and for MEDLINE that is what it
 * says of the whole file (RIS's detector looks for its tag lines, which a head holds only if the
 * file does): MEDLINE's detector reads only the first 20,000 characters, and the formats
 * asked before it cannot claim a file whose head they refuse when the head does not begin with
 * "<" (PubMed and EndNote XML) and holds MEDLINE's tag lines (which no JSON text has). A second
 * BOM, and an old Mac file's lone CRs (which the decoded path makes line ends first), are left
 * to that path. tests/unit/import-bytes.test.ts holds the two paths to the same records.
 */
export function utf8Reading(bytes: Uint8Array): { format: ReferenceFormat<unknown>; source: TextSource } | null {
  const body = utf8Body(bytes);
  if (!body) return null;
  // The head ends at a character, and not between a CR and its LF.
  let cut = Math.min(body.length, HEAD_BYTES);
  while (cut < body.length && cut > 0 && ((body[cut]! & 0xc0) === 0x80 || body[cut - 1] === 13)) cut--;
  const headBytes = body.subarray(0, cut);
  if (!isUtf8(headBytes)) return null;
  const head = Buffer.from(headBytes.buffer, headBytes.byteOffset, headBytes.byteLength).toString('utf8');
  if (cut < body.length && head.length < DETECTION_HEAD_CHARS) return null;
  if (/^[\s\ufeff]*(?:<|$)/.test(head) || head.startsWith('\ufeff')) return null;
  const format = detectFormat(head);
  if (!format || format.kind !== 'publications' || !format.splitSource) return null;
  // Only now the whole file: a file of another format is validated once, by decoding it.
  if (cut < body.length && !isUtf8(body)) return null;
  const source = utf8Source(body);
  if (hasLoneCr(source.text)) return null;
  return { format, source };
}

export async function parseImportBytes(file: string, bytes: Uint8Array, control: ReadControl = {}): Promise<ParsedImport> {
  const undecoded = utf8Reading(bytes);
  if (undecoded) {
    const { format, source } = undecoded;
    return readRecords({ file, format: format.id, formatName: format.name, encoding: 'utf-8' }, format, source, [], control);
  }
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof NotTextError) throw new ImportError(file, error.message);
    throw new ImportError(file, 'the text could not be decoded');
  }
  // Readers take \n or \r\n line ends (each trims the CR or splits on both); only an old Mac
  // file's lone CRs are made \n, before detection, which looks for tags at line starts. Copying a
  // 30 MB CRLF export to drop every CR cost 100 ms.
  const text = withoutLoneCrs(decoded.text);
  const encoding = decoded.encoding;
  if (text.trim() === '') throw new ImportError(file, 'the file is empty');

  const format = detectFormat(text);
  if (!format) throw new ImportError(file, unknownFormatReason(text));
  const base = { file, format: format.id, formatName: format.name, encoding };
  if (format.kind === 'publications') return readRecords(base, format, text, decoded.warnings, control);
  try {
    const { genes, warnings } = format.read(text);
    return { ...base, genes, publications: [], recordsSeen: 0, warnings: [...decoded.warnings, ...warnings] };
  } catch (error) {
    throw readError(file, format, error);
  }
}

/** A reference export's records, read in slices; the decoder's warnings come first. */
async function readRecords(
  base: Pick<ParsedImport, 'file' | 'format' | 'formatName' | 'encoding'>,
  format: ReferenceFormat<unknown>,
  text: string | TextSource,
  decodeWarnings: ParsedImport['warnings'],
  control: ReadControl,
): Promise<ParsedImport> {
  const { file } = base;
  try {
    const read = await readInSlices(format, text, control);
    if (read.records.length === 0) {
      const first = read.warnings[0];
      throw new ImportError(file, `no record could be read: ${first?.message ?? 'every record was unusable'}`, first?.line !== undefined ? { line: first.line } : {});
    }
    return { ...base, genes: [], publications: read.records, recordsSeen: read.seen, warnings: [...decodeWarnings, ...read.warnings] };
  } catch (error) {
    throw readError(file, format, error);
  }
}

/** A reader's failure as the import reports it: with the file's name, and its line where there is one. */
function readError(file: string, format: ImportFormat, error: unknown): Error {
  if (error instanceof FormatError) return new ImportError(file, error.reason, error.line !== undefined ? { line: error.line } : {}, error.details);
  if (error instanceof ImportCancelledError || error instanceof ImportError) return error;
  return new ImportError(file, `could not be read as ${format.name}: ${error instanceof Error ? error.message : String(error)}`);
}
