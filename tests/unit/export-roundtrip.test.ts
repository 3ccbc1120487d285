import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CitationRecord } from '../../electron/core/formats';
import { splitPages } from '../../electron/core/formats/records';
import { writeBibtex } from '../../electron/core/formats/bibtex';
import { writeCslJson } from '../../electron/core/formats/csl-json';
import { writeRis } from '../../electron/core/formats/ris';
import { serialiseGeneFile } from '../../electron/core/genes';
import { parseImportBytes } from '../../electron/core/import';
import { CSV_COLUMNS, readingListCsv } from '../../electron/core/lists';
import type { Publication } from '../../electron/core/model';
import { makePublication } from '../../electron/core/publication';

/**
 * Every export GeneShelf writes, read back through the whole import path (decode, detect, read),
 * gives the records that were exported: generated records whose titles, abstracts, keywords and
 * notes hold what broke exports before (a line starting with "@", braces, RIS tag lines,
 * U+2028, tabs, line breaks, TeX's special characters). CSV, which GeneShelf does not import, is
 * read back with csv-parse, as a spreadsheet would.
 */

// Words a title or an abstract may hold; none is an upper-case word before a colon, which the
// readers take as a structured abstract's section label.
const WORDS = ['IKZF1', 'deletion', 'B-ALL', 'Ph-like', 'leukaemia', 'Müller', 'ß', 'α-chain', '50%', 'A&B', '$5', '#1', 'x_y', '~', '^2', 'C:\\path', '{braced}', '}', '{', '@article{x,', 'ER  -', 'TY  - JOUR', '"quoted"', "it's", '(9p21)', 'e12', '1/2', 'a;b', 'x,y', '–', '\u2028', '\t', '  '];
const text = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));
// Lines of an abstract or a note: a line may start with "@" or a RIS tag.
const lines = (max: number) => fc.array(fc.oneof(text(1, 8), fc.constantFrom('@article{split, title={x}}', 'ER  - ', 'TY  - JOUR', '  @misc{y,')), { minLength: 1, maxLength: max }).map((l) => l.join('\n'));
const FAMILIES = ['Ayón-Pérez', 'Lilljebjörn', "O'Brien", 'van der Berg', 'Nguyễn', 'Smith', 'Müller-Lüdenscheidt'];
const author = fc.oneof(
  fc.tuple(fc.constantFrom(...FAMILIES), fc.stringMatching(/^[A-Z]{1,3}$/)).map(([f, i]) => `${f} ${i}`),
  fc.constant("Children's Oncology Group"),
);
const keyword = fc.array(fc.constantFrom('IKZF1', 'minimal residual disease', 'Ph-like ALL', 'α-thalassaemia', 'CD19+', 'relapse'), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

const publication: fc.Arbitrary<Publication> = fc
  .record({
    title: text(1, 12).filter((t) => t.trim() !== ''),
    authors: fc.array(author, { maxLength: 4 }),
    journal: fc.constantFrom('Nat Commun', 'Blood', 'J Clin Oncol', 'Leuk Res'),
    year: fc.option(fc.integer({ min: 1950, max: 2026 }), { nil: undefined }),
    volume: fc.option(fc.stringMatching(/^[1-9]\d{0,2}$/), { nil: undefined }),
    issue: fc.option(fc.stringMatching(/^[1-9]\d?$/), { nil: undefined }),
    pages: fc.option(fc.constantFrom('1911-8', '112-119', 'e12', 'e12-e20', '7'), { nil: undefined }),
    doi: fc.option(fc.stringMatching(/^10\.\d{4}\/[a-z0-9][a-z0-9.]{0,10}[a-z0-9]$/), { nil: undefined }),
    pmid: fc.option(fc.stringMatching(/^[1-9]\d{0,7}$/), { nil: undefined }),
    abstract: fc.option(lines(4), { nil: undefined }),
    keywords: fc.uniqueArray(keyword, { maxLength: 4, selector: (k) => k.toLowerCase() }),
  })
  .map((f) => makePublication(f));

const records = fc
  .array(fc.tuple(publication, lines(3)), { minLength: 1, maxLength: 5 })
  .map((rows) => rows.map(([p, note]): CitationRecord => ({ publication: p, genes: ['IKZF1'], note, url: 'https://pubmed.ncbi.nlm.nih.gov/' })))
  // One paper once: two records with one id would be one publication on the way back.
  .filter((rs) => new Set(rs.map((r) => r.publication.id)).size === rs.length);

/** What a citation format carries of a publication, compared after the trip. */
function carried(p: Publication) {
  const pages = p.pages ? splitPages(p.pages) : undefined;
  return {
    id: p.id,
    title: p.title,
    authors: p.authors,
    journal: p.journal,
    year: p.year,
    volume: p.volume,
    issue: p.issue,
    pages: pages ? [pages.start, pages.end ?? pages.start] : undefined,
    doi: p.doi,
    pmid: p.pmid,
    abstract: p.abstract,
    keywords: p.keywords ?? [],
  };
}

async function readBack(name: string, text: string): Promise<{ format: string; publications: Publication[] }> {
  const parsed = await parseImportBytes(name, Buffer.from(text, 'utf8'));
  return { format: parsed.format, publications: parsed.genes.length ? parsed.genes[0]!.publications : parsed.publications.map((r) => r.publication) };
}

// Every export format that is a citation manager's file. The bibliography export is not here: it
// is one-way (citations formatted for people to read or paste into Word, which no program reads
// back); tests/unit/citations.test.ts checks it against hand-checked citations instead.
const WRITERS: Array<[string, string, string, (rs: CitationRecord[]) => string]> = [
  ['RIS', 'list.ris', 'ris', writeRis],
  ['BibTeX', 'list.bib', 'bibtex', writeBibtex],
  ['CSL-JSON', 'list.json', 'csl-json', writeCslJson],
];

describe('every export re-imports to the records that were exported', () => {
  for (const [name, file, format, write] of WRITERS) {
    it(`${name}`, async () => {
      await fc.assert(
        fc.asyncProperty(records, async (rs) => {
          const back = await readBack(file, write(rs));
          expect(back.format).toBe(format);
          expect(back.publications.map(carried)).toEqual(rs.map((r) => carried(r.publication)));
        }),
        { numRuns: Number(process.env.ROUNDTRIP_RUNS ?? 150) },
      );
    });
  }

  it('gene file: every field, whole', async () => {
    await fc.assert(
      fc.asyncProperty(records, async (rs) => {
        const publications = rs.map((r) => r.publication);
        const gene = { symbol: 'IKZF1', name: '', aliases: [], location: '', summary: '', protein: '', databases: [], ontology: { count: 0, terms: [] }, cancerOverview: '', specificCancers: [], literatureTerms: [], provenance: {}, publications };
        const back = await readBack('IKZF1.genefile.json', serialiseGeneFile([gene]));
        expect(back.format).toBe('genefile');
        expect(back.publications).toEqual(publications);
      }),
      { numRuns: Number(process.env.ROUNDTRIP_RUNS ?? 150) },
    );
  });

  it('CSV: every cell reads back as written, notes and abstracts included', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const rows = rs.map((r) => ({ ...r, inLibrary: true, read: false, dateAdded: '2026-12-01T10:00:00Z', lists: ['Ward round'], geneSources: [] }));
        const [header, ...cells] = parse(readingListCsv(rows, { neutraliseFormulas: false }), { bom: true }) as string[][];
        expect(header).toEqual([...CSV_COLUMNS]);
        const col = (n: (typeof CSV_COLUMNS)[number]) => cells.map((c) => c[CSV_COLUMNS.indexOf(n)]);
        expect(col('Title')).toEqual(rs.map((r) => r.publication.title));
        expect(col('Abstract')).toEqual(rs.map((r) => r.publication.abstract));
        expect(col('Note')).toEqual(rs.map((r) => r.note));
        expect(col('Keywords')).toEqual(rs.map((r) => (r.publication.keywords ?? []).join('; ')));
        expect(col('PMID')).toEqual(rs.map((r) => r.publication.pmid ?? ''));
      }),
      { numRuns: Number(process.env.ROUNDTRIP_RUNS ?? 150) },
    );
  });
});
