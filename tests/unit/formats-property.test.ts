import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bibtex as bibtexReader } from '../../electron/core/formats/bibtex';
import { cslJson as cslReader } from '../../electron/core/formats/csl-json';
import { medline as medlineReader } from '../../electron/core/formats/medline';
import { pubmedXml as pubmedXmlReader } from '../../electron/core/formats/pubmed-xml';
import { FormatError as NoRecordsError, readAll, type ReferenceFormat as RecordReader } from '../../electron/core/formats';
import { ris as risReader } from '../../electron/core/formats/ris';
import { parseCgwPage } from '../../electron/core/genes';
import { ImportError } from '../../electron/core/errors';
import { FORMATS, parseImportBytes } from '../../electron/core/import';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFixture } from '../helpers';

// No input may make a reader throw anything but its "no records here" refusal, or take over a
// second. Inputs are random text, and text built from each format's own pieces, so the readers
// meet near-misses: tags without values, unclosed braces and elements, stray continuation lines.

const readers: Array<[string, RecordReader<unknown>, string[]]> = [
  ['MEDLINE', medlineReader as RecordReader<unknown>, ['PMID- 123', 'TI  - ', 'TI  - A title', 'AU  - Smith J', 'FAU - Smith, John', 'MH  - *Leukemia/genetics', 'AB  - BACKGROUND: x.', '      continued', 'O-linked', 'DP  - 1999 Spring', 'LID - 10.1/x [doi]', '', 'PMID-', 'IL-6 -']],
  ['RIS', risReader as RecordReader<unknown>, ['TY  - JOUR', 'TY - JOUR', 'TI  - T', 'T1  - ', 'AU  - Doe, J', 'PY  - 2001///', 'ER  - ', 'ER  -', 'SP  - 1', 'EP  - 2', 'AB  - x', 'continued', '', 'U1  - 5[pmid]']],
  ['PubMed XML', pubmedXmlReader as RecordReader<unknown>, ['<PubmedArticleSet>', '<PubmedArticle>', '</PubmedArticle>', '<MedlineCitation><PMID>1</PMID>', '<Article><ArticleTitle>T <i>x</i></ArticleTitle>', '</Article></MedlineCitation>', '<AbstractText Label="A">b &amp; c</AbstractText>', '<PubmedBookArticle>', '</PubmedBookArticle>', '&#x1F600;', '<![CDATA[x]]>', '<']],
  ['BibTeX', bibtexReader as RecordReader<unknown>, ['@article{a,', '@string{s = "x"}', 'title = {T},', 'title = s # "y",', 'author = {M{\\"u}ller, H and {G}},', 'year = 2019', '}', '{', '@misc(', '@comment{', '\\', '%']],
  ['CSL-JSON', cslReader as RecordReader<unknown>, ['[', ']', '{', '}', '"title": "T"', '"author": [{"family": "F"}]', '"issued": {"date-parts": [["x"]]}', ',', 'null', '"page": 5', '{"items": [']],
];

// Every other registered reference format (a format added since these were written) is fuzzed
// with pieces cut from its own golden fixtures, and its fixtures whole as the well-formed case.
const covered = new Set(readers.map(([, reader]) => reader.id));
const fixtureTexts = (id: string) => {
  const dir = formatFixture(id, '');
  return readdirSync(dir).filter((n) => !n.endsWith('.expected.json')).map((n) => readFileSync(join(dir, n), 'utf8'));
};
const fromFixtures = FORMATS.filter((f): f is RecordReader<unknown> => f.kind === 'publications' && !covered.has(f.id));
for (const format of fromFixtures) {
  const lines = [...new Set(fixtureTexts(format.id).flatMap((t) => t.split(/\n|(?=<)/)))].filter((l) => l.length < 200);
  readers.push([format.name, format, lines]);
}

// A well-formed record around random content, so each reader's success path is exercised too.
const words = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const wellFormed: Record<string, fc.Arbitrary<string>> = {
  'PubMed XML': fc
    .tuple(words, fc.array(fc.constantFrom('<i>x</i>', '&amp;', '&lt;', 'é', '<sup>+</sup>'), { maxLength: 5 }))
    .map(([t, extra]) => `<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>T ${t.replace(/[<&]/g, '')} ${extra.join('')}</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>`),
  BibTeX: fc
    .tuple(words, words)
    .map(([t, a]) => `@article{key,\n  title = {T ${t.replace(/[{}\\@]/g, '')}},\n  author = {${a.replace(/[{}\\@,]/g, '') || 'A'}, B},\n  year = 2019\n}\n`),
  MEDLINE: fc.tuple(words, words).map(([t, a]) => `PMID- 1\nTI  - T ${t.replace(/\n/g, ' ')}\nAU  - ${a.replace(/\n/g, ' ')}\n`),
  RIS: fc.tuple(words, words).map(([t, a]) => `TY  - JOUR\nTI  - T ${t.replace(/\n/g, ' ')}\nAU  - ${a.replace(/\n/g, ' ')}\nER  - \n`),
  ...Object.fromEntries(fromFixtures.map((f) => [f.name, fc.constantFrom(...fixtureTexts(f.id))])),
  'CSL-JSON': fc.array(fc.record({ title: words, author: fc.array(fc.record({ family: words, given: fc.option(words, { nil: undefined }) }), { maxLength: 3 }), issued: fc.anything() }), { minLength: 1, maxLength: 4 }).map((items) => JSON.stringify(items)),
};

const text = (pieces: string[], name = '') =>
  fc.oneof(
    ...(wellFormed[name] ? [wellFormed[name]!] : []),
    fc.string({ unit: 'grapheme', maxLength: 400 }),
    fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 30 })), { maxLength: 60 }).map((lines) => lines.join('\n')),
    fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((parts) => parts.join('')),
  );

describe('no input breaks a reader', () => {
  for (const [name, reader, pieces] of readers) {
    it(`${name}: records or a NoRecordsError, within a second`, () => {
      let withRecords = 0;
      fc.assert(
        fc.property(text(pieces, name), (input) => {
          const started = performance.now();
          try {
            const result = readAll(reader, input);
            expect(result.records.length).toBeLessThanOrEqual(result.seen);
            for (const r of result.records) expect(r.publication.title.length).toBeGreaterThan(0);
            if (result.records.length) withRecords++;
          } catch (error) {
            if (!(error instanceof NoRecordsError)) throw error;
          }
          expect(performance.now() - started).toBeLessThan(1000);
        }),
        { numRuns: 300 },
      );
      // The inputs reach the readers' success paths too, not only their refusals.
      expect(withRecords).toBeGreaterThan(0);
    });
  }

  it('the whole import path: any bytes give a parsed file or one ImportError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 600 }), ...readers.map(([, , pieces]) => text(pieces).map((t) => new TextEncoder().encode(t)))), async (bytes) => {
        const started = performance.now();
        try {
          await parseImportBytes('fuzz.txt', bytes);
        } catch (error) {
          if (!(error instanceof ImportError)) throw error;
          expect(error.message.startsWith('fuzz.txt')).toBe(true);
        }
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 400 },
    );
  });
});

describe('large hostile inputs stay fast', () => {
  // Each once took seconds: a lazy regex rescanning for every unclosed article, and a wrapped
  // value appended line by line.
  it.each<[string, () => unknown]>([
    ['20,000 unclosed PubMed articles', () => readAll(pubmedXmlReader as RecordReader<unknown>, `<PubmedArticleSet>${'<PubmedArticle>x'.repeat(20_000)}`)],
    ['a MEDLINE title wrapped over 50,000 lines', () => readAll(medlineReader as RecordReader<unknown>, `PMID- 1\nTI  - x\n${'      more text here\n'.repeat(50_000)}`)],
    ['a MEDLINE abstract of 20,000 capitalised words', () => readAll(medlineReader as RecordReader<unknown>, `PMID- 1\nTI  - x\nAB  - ${'ABC DEF GHI JKL MNO '.repeat(20_000)}`)],
    ['20,000 RIS records with no end', () => readAll(risReader as RecordReader<unknown>, 'TY  - JOUR\nTI  - t\n'.repeat(20_000))],
    ['5,000 BibTeX entries that never close', () => readAll(bibtexReader as RecordReader<unknown>, '@article{a,\n'.repeat(5_000))],
    // Issue 9's hostile files: each took seconds to minutes.
    ['a 256 KB BibTeX author "name"', () => readAll(bibtexReader as RecordReader<unknown>, `@article{k, author = {${'Word '.repeat(52_000)}}, title = {T}}\n`)],
    ['60,000 spaces in a BibTeX abstract', () => readAll(bibtexReader as RecordReader<unknown>, `@article{k, title = {T}, abstract = {a\\par${' '.repeat(60_000)}b}}\n`)],
    ['40,000 spaces inside a MEDLINE abstract', () => readAll(medlineReader as RecordReader<unknown>, `PMID- 1\nTI  - x\nAB  - a${' '.repeat(40_000)}b\n`)],
    ['a gene page whose author line holds 80,000 spaces', () => parseCgwPage(`IKZF1\n\nGene Summary\n\nGene:IKZF1\n\nLatest Publications\n\nBarw${' '.repeat(80_000)}ick BG, Neri P\nA title\nBlood. 2019; 1(2):3-4\n`)],
    ['40 hyphens after a blank line in a page abstract', () => parseCgwPage(`IKZF1\n\nGene Summary\n\nGene:IKZF1\n\nLatest Publications\n\nRoberts KG\nA title\nBlood. 2019; 1(2):3-4\nAn abstract.\n\n${'-'.repeat(40)}\n`)],
    // The fuzzer's find (bench/fuzz/found/cgw-page/f886ca3818e0): each paragraph copied the abstract so far.
    ['a gene page abstract of 5,000 paragraphs', () => parseCgwPage(`IKZF1\n\nGene Summary\n\nGene:IKZF1\n\nLatest Publications\n\nRoberts KG\nA title\nBlood. 2019; 1(2):3-4\nAn abstract.\n${`\nIKZF1 plays an essential role in lymphoid development ${'and more text '.repeat(20)}\n`.repeat(5_000)}`)],
  ])('%s', (_name, run) => {
    const started = performance.now();
    try {
      run();
    } catch (error) {
      if (!(error instanceof NoRecordsError)) throw error;
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
