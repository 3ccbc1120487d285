import type { ImportWarning } from '../model';
import { lazyModule } from '../lazy-load';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  warnings: ImportWarning[];
}

/** Thrown for bytes that are not text at all; the caller names the file. */
export class NotTextError extends Error {}

// Magic numbers of files people rename by mistake: naming the real type beats "binary file".
const SIGNATURES: Array<[string, number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a ZIP archive (or a Word/Excel document)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** How decodeText reads a file's bytes: the bytes it decodes (a BOM left out) and how. */
type Layout =
  | { kind: 'utf-8'; body: Uint8Array }
  | { kind: 'utf-16le' | 'utf-16be'; body: Uint8Array }
  /** No BOM: strict UTF-8, else Windows-1252. */
  | { kind: 'utf-8-or-1252'; body: Uint8Array };

/** Throws NotTextError for bytes that are not text at all. */
function layoutOf(bytes: Uint8Array): Layout {
  for (const [what, sig] of SIGNATURES) {
    if (startsWith(bytes, sig)) throw new NotTextError(`this is ${what}, not a text file`);
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { kind: 'utf-8', body: bytes.subarray(3) };
  if (startsWith(bytes, [0xff, 0xfe])) return { kind: 'utf-16le', body: bytes.subarray(2) };
  if (startsWith(bytes, [0xfe, 0xff])) return { kind: 'utf-16be', body: bytes.subarray(2) };
  const bomless16 = guessBomlessUtf16(bytes);
  if (bomless16) return { kind: bomless16, body: bytes };
  if (bytes.subarray(0, 8192).includes(0)) throw new NotTextError('this is a binary file, not text');
  return { kind: 'utf-8-or-1252', body: bytes };
}

/**
 * Decodes a file's bytes the way DESIGN.md asks: a BOM decides; else strict UTF-8; else
 * Windows-1252 with a warning (the usual encoding of text saved by Windows browsers and editors).
 * UTF-16 without a BOM is recognised by its zero bytes. UTF-8 and UTF-16 go through the WHATWG
 * TextDecoder; Windows-1252 through iconv-lite, because Node 20's TextDecoder decodes that label
 * as Latin-1 and turns 0x80-0x9F (curly quotes, dashes, the euro sign) into control characters.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const { kind, body } = layoutOf(bytes);
  if (kind === 'utf-8') return { text: strictUtf8(body), encoding: 'utf-8', warnings: [] };
  if (kind !== 'utf-8-or-1252') return { text: new TextDecoder(kind).decode(body), encoding: kind, warnings: [] };
  try {
    return { text: strictUtf8(body), encoding: 'utf-8', warnings: [] };
  } catch {
    // iconv-lite (half a megabyte of code pages) is loaded for the first file that needs it.
    const iconv = lazyModule<typeof import('iconv-lite')>(() => require('iconv-lite'), 'iconv-lite');
    return {
      text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'windows-1252'),
      encoding: 'windows-1252',
      warnings: [{ message: 'the file is not UTF-8; it was read as Windows-1252 (check accented characters)' }],
    };
  }
}

/**
 * The bytes decodeText takes for UTF-8 (a BOM left out), or null where it takes the file for
 * UTF-16 or for no text. When they are valid UTF-8 (isUtf8, from node:buffer: a tenth of the
 * time of decoding them), decodeText(bytes) is their text, with no warning.
 */
export function utf8Body(bytes: Uint8Array): Uint8Array | null {
  let layout: Layout;
  try {
    layout = layoutOf(bytes);
  } catch {
    return null;
  }
  return layout.kind === 'utf-8' || layout.kind === 'utf-8-or-1252' ? layout.body : null;
}

function strictUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

/** ASCII-heavy UTF-16 has a zero in every other byte; real text in other encodings has none. */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

// Spacing characters that pages saved from browsers carry (NBSP, thin and narrow spaces, the
// typographic space range, ideographic space). Structure is parsed after mapping them to ' '.
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/** Normalises line ends to \n, strips a stray BOM and maps odd spaces to plain spaces. */
export function normaliseText(text: string): string {
  return text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').replace(ODD_SPACES, ' ');
}
