import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportError } from '../../electron/core/errors';
import { medline } from '../../electron/core/formats/medline';
import { ris } from '../../electron/core/formats/ris';
import { parseImportBytes } from '../../electron/core/import';
import { utf8Source } from '../../electron/core/text';
import { medlineRealistic } from '../fixtures/reference-exports';

/**
 * A UTF-8 MEDLINE file is read from its bytes, not decoded whole (import/read-file.ts,
 * utf8Reading); the same text in UTF-16 is decoded first, as every other file is. Both must give
 * the same records, warnings and line numbers, or the same refusal, whatever the text holds
 * beyond ASCII: characters of two, three and four bytes, and the white space JavaScript trims
 * that ASCII has not (no-break and ideographic spaces, U+2028, a BOM inside the text).
 */

async function outcome(bytes: Uint8Array): Promise<unknown> {
  try {
    const { file: _file, encoding: _encoding, ...parsed } = await parseImportBytes('pubmed.nbib', bytes);
    return parsed;
  } catch (error) {
    if (error instanceof ImportError) return { refused: error.message };
    throw error;
  }
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
/** The same text as UTF-16 with a BOM: decoded whole. (Its decoder would drop a second BOM, so no text here starts with one.) */
const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

const ODD = ['é', 'à', 'ś', 'Ł', '😀', '中', '\u00a0', '\u2028', '\u2029', '\u3000', '\ufeff', '\u0085', '\t', ' ', '\r'];
const LINES = [
  'PMID- 1', 'PMID- 2', 'PMID-3', 'PMID- 99a', 'PMCR- 2024/01/15', 'TI  - A title', 'TI  -', 'BTI - A book', 'AB  - BACKGROUND: x. METHODS: y.', 'AB  - Plain.',
  '      carried on', '      ', 'carried on without its indent', 'FAU - Müller, Jürgen', 'AU  - Müller J', 'CN  - Group', 'MH  - *Leukemia/genetics/*therapy', 'OT  - IKZF1',
  'LID - 10.1/x [doi]', 'AID - doi:10.2/y', 'AD  - Dept, Univ', 'TA  - Blood', 'DP  - 2020 Jan', 'PT  - Journal Article', 'XX  - unknown', '', '   ',
];
const oddText = fc.string({ unit: fc.constantFrom(...ODD, 'a', 'Z', ' '), maxLength: 6 });
const line = fc.tuple(fc.constantFrom(...LINES), oddText, fc.nat()).map(([l, odd, at]) => {
  const i = l.length ? at % (l.length + 1) : 0;
  return l.slice(0, i) + odd + l.slice(i);
});
const medlineText = fc
  .tuple(fc.array(fc.oneof(line, fc.constantFrom(...LINES)), { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, last]) => lines.join(eol) + (last ? eol : ''))
  .filter((t) => !t.startsWith('\ufeff'));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a UTF-8 MEDLINE file read from its bytes', () => {
  it('gives what its decoded text gives', async () => {
    const fromBytes = vi.spyOn(medline, 'splitSource');
    await fc.assert(
      fc.asyncProperty(medlineText, fc.boolean(), async (text, bom) => {
        const bytes = bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]) : utf8(text);
        expect(await outcome(bytes)).toEqual(await outcome(utf16(text)));
      }),
      { numRuns: 1500 },
    );
    // The property reached the byte reading (not only the decoded path, twice).
    expect(fromBytes.mock.calls.length).toBeGreaterThan(100);
  });

  it('gives what its decoded text gives for a file longer than the head detection reads, cut anywhere near it', async () => {
    const bytes = utf8(medlineRealistic(60));
    expect(bytes.length).toBeGreaterThan(300_000);
    // A character of 1-4 bytes, a CRLF, or a lone CR (left to the decoded path) put around the head's end (256 KB).
    for (const odd of ['é', '中', '😀', '\r\n', '\r', '\u2028']) {
      for (let at = 262_144 - 4; at <= 262_144 + 4; at++) {
        let p = at;
        while ((bytes[p]! & 0xc0) === 0x80) p++;
        const text = Buffer.concat([bytes.subarray(0, p), utf8(odd), bytes.subarray(p)]).toString('utf8');
        expect(await outcome(utf8(text))).toEqual(await outcome(utf16(text)));
      }
    }
  });

  it('is read from its bytes only where they are UTF-8 and the head is MEDLINE', async () => {
    const fromBytes = vi.spyOn(medline, 'splitSource');
    const record = 'PMID- 1\nTI  - Caf\u00e9 au lait.\nAU  - Doe J\n';
    await parseImportBytes('a.nbib', utf8(record));
    expect(fromBytes).toHaveBeenCalledTimes(1);
    // Windows-1252, a lone CR (an old Mac file), a second BOM: decoded first, as before.
    for (const bytes of [Buffer.from(record, 'latin1'), utf8(record.replace(/\n/g, '\r')), utf8(`\ufeff\ufeff${record}`)]) await outcome(bytes);
    expect(fromBytes).toHaveBeenCalledTimes(1);
  });
});

// RIS is read from its bytes too (its tags and line ends are ASCII), by the same rule.
const RIS_LINES = [
  'TY  - JOUR', 'TY  - BOOK', 'ER  - ', 'ER  -', 'TI  - A title', 'T1  - Another title', 'TI  -', 'AU  - Müller, Jürgen', 'A1  - Doe, J', 'AB  - Plain.', 'N2  - BACKGROUND: x.',
  'continued on', ' TY  - written indented by our writer', '', '   ', 'KW  - IKZF1; PAX5', 'PY  - 2020///', 'Y1  - n.d.', 'DA  - 2019/05/01', 'JO  - Blood', 'DO  - 10.1/x', 'AN  - 123 [pmid]', 'SP  - 1', 'EP  - 9', 'XX  - unknown',
];
const risLine = fc.tuple(fc.constantFrom(...RIS_LINES), oddText, fc.nat()).map(([l, odd, at]) => {
  const i = l.length ? at % (l.length + 1) : 0;
  return l.slice(0, i) + odd + l.slice(i);
});
const risText = fc
  .tuple(fc.array(fc.oneof(risLine, fc.constantFrom(...RIS_LINES)), { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, last]) => ['TY  - JOUR', ...lines].join(eol) + (last ? eol : ''));

describe('a UTF-8 RIS file read from its bytes', () => {
  it('gives what its decoded text gives', async () => {
    const fromBytes = vi.spyOn(ris, 'splitSource');
    await fc.assert(
      fc.asyncProperty(risText, fc.boolean(), async (text, bom) => {
        const bytes = bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]) : utf8(text);
        expect(await outcome(bytes)).toEqual(await outcome(utf16(text)));
      }),
      { numRuns: 1500 },
    );
    expect(fromBytes.mock.calls.length).toBeGreaterThan(100);
  });
});

describe('utf8Source', () => {
  it('finds ASCII structure at byte offsets and gives the decoded text of a range', () => {
    const text = 'TI  - Żółć 😀 ok\nAU  - Doe J\n';
    const source = utf8Source(utf8(text));
    expect(source.text.length).toBe(Buffer.byteLength(text));
    const lineEnd = source.text.indexOf('\n');
    expect(source.slice(6, lineEnd)).toBe('Żółć 😀 ok');
    expect(source.slice(lineEnd + 1, source.text.length - 1)).toBe('AU  - Doe J');
  });
});
