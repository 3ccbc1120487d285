import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseImportBytes, readImportFile } from '../../electron/core/import';
import { parseMedline } from '../../electron/core/formats/medline';
import { parseRis } from '../../electron/core/formats/ris';
import { parsePubmedXml } from '../../electron/core/formats/pubmed-xml';
import { parseBibtex } from '../../electron/core/formats/bibtex';
import { parseCslJson } from '../../electron/core/formats/csl-json';
import { formatFixture, ROOT } from '../helpers';

const HOMES: Record<string, string> = {"ikzf1-pubmed.nbib": "medline", "endnote.ris": "ris", "pubmed.xml": "pubmed-xml", "zotero.bib": "bibtex", "zotero.json": "csl-json"};
const fixture = (name: string) => formatFixture(HOMES[name]!, name);
const text = (name: string) => readFile(fixture(name), 'utf8');
const SAMPLES = join(ROOT, '..', 'shared', 'samples');

describe('MEDLINE (.nbib)', () => {
  it('reads each record: full names over short ones, continuation lines, LID [doi], PMC, MeSH majors, types', async () => {
    const { records, warnings, seen } = parseMedline(await text('ikzf1-pubmed.nbib'));
    expect(seen).toBe(4);
    expect(records.map((r) => r.line)).toEqual([4, 36, 60]);
    const p = records[0]!.publication;
    expect(p).toMatchObject({
      id: 'pmid:31015500',
      pmid: '31015500',
      doi: '10.1038/s41467-019-09555-6',
      pmcid: 'PMC6478743',
      title: 'Multiple myeloma immunoglobulin lambda translocations portend poor prognosis.',
      authors: ['Barwick BG', 'Neri P', 'Bahlis NJ'],
      authorsFull: ['Barwick, Benjamin G', 'Neri, Paola', 'Bahlis, Nizar J'],
      journal: 'Nat Commun',
      journalTitle: 'Nature communications',
      year: 2019,
      volume: '10',
      issue: '1',
      pages: '1911',
      freeFullText: true,
      publicationTypes: ['Journal Article', 'Research Support, N.I.H., Extramural'],
    });
    // The wrapped line that starts "O-linked" is text, not a tag.
    expect(p.abstract).toBe('Multiple myeloma is a malignancy of antibody-secreting plasma cells. Most patients benefit from current therapies, however, 20% of patients relapse. O-linked glycans were not studied.');
    expect(p.mesh).toEqual([
      { descriptor: 'Humans', major: false, qualifiers: [] },
      { descriptor: 'Multiple Myeloma', major: true, qualifiers: [{ name: 'genetics', major: false }, { name: 'mortality', major: false }] },
      { descriptor: 'Ikaros Transcription Factor', major: false, qualifiers: [{ name: 'metabolism', major: true }] },
    ]);
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [40, 'a second title (TI) in one record was left out'],
      [55, 'the record for PMID 30890001 has no title (TI) and was skipped'],
    ]);
  });

  it('keeps the first of repeated titles, joins repeated abstracts, splits labelled sections, takes the doi from AID, ignores empty tags', async () => {
    const p = parseMedline(await text('ikzf1-pubmed.nbib')).records[1]!.publication;
    expect(p.title).toBe('IKZF1 deletions in childhood acute lymphoblastic leukaemia: a structured abstract.');
    expect(p.abstract).toBe('BACKGROUND: IKZF1 deletions predict relapse.\nMETHODS: We studied 1,223 cases.\nRESULTS: Deletions were found in 15%.\nCONCLUSIONS: Test for them.');
    expect(p.year).toBe(1999);
    expect(p.doi).toBe('10.1038/leu.1999.1');
    expect(p.volume).toBeUndefined();
    expect(p.authors).toEqual(["Children's Oncology Group", 'Ayón-Pérez MF', 'Lilljebjörn H']);
    expect(p.authorsFull).toEqual(["Children's Oncology Group", 'Ayón-Pérez, Martha Fabiola', 'Lilljebjörn, Henrik']);
    expect(p.pages).toBe('123-30');
    expect(p.freeFullText).toBe(false);
  });

  it('reads CRLF records and JabRef\'s complete entry', async () => {
    const crlf = parseMedline((await text('ikzf1-pubmed.nbib')).replace(/\r\n/g, '\n').replace(/\n/g, '\r\n').replace(/\r/g, ''));
    expect(crlf.records.at(-1)!.publication.title).toBe('A record saved with CRLF line ends.');
    const jabref = parseMedline(await readFile(join(SAMPLES, 'medline', 'MedlinePlainImporterTestCompleteEntry.txt'), 'utf8'));
    const p = jabref.records[0]!.publication;
    expect(p.title).toBe('From danger and motherhood to health and beauty: health advice for the factory girl in early twentieth-century Britain.');
    expect(p).toMatchObject({ pmid: '20481061', pmcid: 'PMC4513071', year: 2009, volume: '20', issue: '4', pages: '454-81', journal: '20 Century Br Hist' });
    expect(p.authorsFull).toEqual(['Long, Vicky', 'Marland, Hilary']);
    expect(p.mesh!.filter((m) => m.qualifiers.some((q) => q.major)).map((m) => m.descriptor)).toEqual(['Occupational Health', 'Reproductive Medicine', 'Women, Working']);
  });
});

describe('RIS', () => {
  it('reads EndNote and PubMed RIS: text before the first record, one space before the hyphen, PY 2001///, DOI links, AN as PMID', async () => {
    const { records, warnings, seen } = parseRis(await text('endnote.ris'));
    expect(seen).toBe(3);
    expect(records[0]!.publication).toMatchObject({
      pmid: '19129520',
      doi: '10.1056/NEJMoa0808253',
      title: 'Deletion of IKZF1 and prognosis in acute lymphoblastic leukemia',
      authors: ['Mullighan CG', 'Roberts KG'],
      authorsFull: ['Mullighan, Charles G.', 'Roberts, Kathryn G'],
      journal: 'N Engl J Med',
      journalTitle: 'The New England journal of medicine',
      year: 2009,
      volume: '360',
      issue: '5',
      pages: '470-480',
      abstract: 'BACKGROUND: Genetic alterations that predict relapse are poorly understood.\nMETHODS: We performed a genomewide analysis.',
    });
    expect(records[1]!.publication).toMatchObject({ title: 'One space before the hyphen, as some exporters write it', authors: ['Lilljebjörn H'], year: 2016, journal: 'Leukemia', pages: 'e12' });
    expect(warnings).toEqual([{ message: 'the record has no title (TI or T1) and was skipped', line: 29 }]);
  });

  it("reads JabRef's PubMed RIS: U1 [pmid], U2 [pmcid], J2 and JF", async () => {
    const p = parseRis(await readFile(join(SAMPLES, 'ris', 'RisImporterTestDOI.ris'), 'utf8')).records[0]!.publication;
    expect(p).toMatchObject({ pmid: '26957754', pmcid: 'PMC4756000', doi: '10.1589/jpts.28.186', journal: 'J Phys Ther Sci', journalTitle: 'Journal of physical therapy science', year: 2016, pages: '186-189' });
    expect(p.authors[0]).toBe('Jung SI');
  });
});

describe('PubMed XML', () => {
  it('reads articles with inline markup, structured abstracts, CollectiveName, MedlineDate, MeSH majors, and book articles; skips a broken one by its line', async () => {
    const { records, warnings, seen } = parsePubmedXml(await text('pubmed.xml'));
    expect(seen).toBe(3);
    const [article, book] = records.map((r) => r.publication);
    expect(article).toMatchObject({
      pmid: '19129520',
      doi: '10.1056/NEJMoa0808253',
      pmcid: 'PMC2674612',
      title: 'Deletion of IKZF1 & prognosis in acute lymphoblastic leukemia.',
      authors: ['Mullighan CG', 'Ayón-Pérez M', "Children's Oncology Group"],
      authorsFull: ['Mullighan, Charles G', 'Ayón-Pérez, Martha', "Children's Oncology Group"],
      journal: 'N Engl J Med',
      journalTitle: 'The New England journal of medicine',
      year: 1999,
      volume: '360',
      issue: '5',
      pages: '470-80',
      abstract: 'BACKGROUND: Genetic alterations that predict relapse are poorly understood.\nMETHODS: We studied 221 children (CD19+ cells).',
      publicationTypes: ['Journal Article'],
      mesh: [
        { descriptor: 'Humans', major: false, qualifiers: [] },
        { descriptor: 'Precursor Cell Lymphoblastic Leukemia-Lymphoma', major: true, qualifiers: [{ name: 'genetics', major: false }] },
      ],
    });
    expect(records[0]!.line).toBe(4);
    expect(book).toMatchObject({ pmid: '20301779', title: 'IKZF1-Related Immunodeficiency', journal: 'GeneReviews®', year: 1993, authors: ['Kuehn HS'], abstract: 'CLINICAL CHARACTERISTICS: Recurrent infections.' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.line).toBe(51);
    expect(warnings[0]!.message).toMatch(/not well-formed XML .* was skipped/);
  });

  it("reads JabRef's MeSH heading sample, major topics on descriptors and qualifiers", async () => {
    const p = parsePubmedXml(await readFile(join(SAMPLES, 'pubmed-xml', 'MedlineImporterTestMeshHeadingList.xml'), 'utf8')).records[0]!.publication;
    expect(p.mesh!.map((m) => [m.descriptor, m.major, m.qualifiers.filter((q) => q.major).map((q) => q.name)])).toEqual([
      ['Humans', false, []],
      ['Software', true, []],
      ['Kidney Diseases', true, []],
      ['Models, Theoretical', false, ['methods']],
      ['Sample Heading', true, ['analysis']],
    ]);
  });

  it('warns about an article cut off at the end of the file', async () => {
    const cut = (await text('pubmed.xml')).split('<PubmedBookArticle>')[0] + '<PubmedBookArticle>\n<BookDocument><PMID>2';
    const { records, warnings } = parsePubmedXml(cut);
    expect(records).toHaveLength(1);
    expect(warnings.at(-1)).toEqual({ message: 'the last article is cut off (it never closes) and was skipped', line: 53 });
  });
});

describe('BibTeX', () => {
  it('reads TeX accents and raw UTF-8, @string and #, braces, a group author; skips a broken entry by its line', async () => {
    const { records, warnings, seen } = parseBibtex(await text('zotero.bib'));
    expect(seen).toBe(4);
    const [a, b] = records.map((r) => r.publication);
    expect(a).toMatchObject({
      pmid: '26957754',
      doi: '10.1038/leu.2016.1',
      title: 'Transcriptional landscape of B cell precursor ALL',
      authors: ['Lilljebjörn H', 'Ayón-Pérez M', "Children's Oncology Group"],
      authorsFull: ['Lilljebjörn, Henrik', 'Ayón-Pérez, Martha', "Children's Oncology Group"],
      journal: 'Leukemia Research',
      year: 2016,
      volume: '30',
      pages: '1911-1918',
      abstract: 'BACKGROUND: One.\nMETHODS: Two.',
    });
    expect(b).toMatchObject({ title: 'Raw UTF-8 names', authors: ['Lilljebjörn H', 'van der Berg J'], journal: 'Blood', year: 2018 });
    expect(records.map((r) => r.line)).toEqual([5, 17]);
    expect(warnings.map((w) => w.line)).toEqual([24, 29]);
    expect(warnings[0]!.message).toMatch(/^this @article entry could not be read \(.+\) and was skipped$/);
    expect(warnings[1]!.message).toBe('this @misc entry has no title and was skipped');
  });

  it("reads citation-js's non-ASCII author sample the same way in each spelling", async () => {
    // The sample has no title, which GeneShelf requires; one is added, the names are as written.
    const sample = await readFile(join(SAMPLES, 'bibtex', 'authors with non-ASCII characters.bib'), 'utf8');
    const { records } = parseBibtex(sample.replace('@article{myarticle,', '@article{myarticle, title = {Names},'));
    expect(records[0]!.publication.authorsFull).toEqual(['von Helmholtz, Hermann', 'von Helmhöltz, Hermänñ', 'von Helmhöltz, Hermänñ', 'von Helmhöltz, Hermänñ']);
  });
});

describe('CSL-JSON', () => {
  it('reads Zotero items; skips one without a title and one that is not an object, by line and JSON path', async () => {
    const { records, warnings, seen } = parseCslJson(await text('zotero.json'));
    expect(seen).toBe(4);
    expect(records[0]!.publication).toMatchObject({
      pmid: '19129520',
      pmcid: 'PMC2674612',
      doi: '10.1056/NEJMoa0808253',
      authors: ['Mullighan CG', "Children's Oncology Group"],
      journal: 'N Engl J Med',
      journalTitle: 'The New England journal of medicine',
      year: 2009,
      pages: '470-480',
      abstract: 'BACKGROUND: One.\nMETHODS: Two.',
    });
    expect(records[1]!.publication).toMatchObject({ title: 'A book with a raw date', year: 2001, authors: ['von Neumann J'] });
    expect(records.map((r) => r.line)).toEqual([2, 18]);
    expect(warnings).toEqual([
      { message: 'this item has no title and was skipped', path: '$[2].title', line: 19 },
      { message: 'this item is not an object and was skipped', path: '$[3]', line: 20 },
    ]);
  });

  it("reads citation-js's CSL mapping sample", async () => {
    const { records } = parseCslJson(await readFile(join(SAMPLES, 'csl-json', 'bibtex-csl.json'), 'utf8'));
    expect(records.length).toBeGreaterThan(3);
    expect(records.every((r) => r.publication.title.length > 0)).toBe(true);
  });
});

describe('finding the format from the content', () => {
  it.each([
    ['ikzf1-pubmed.nbib', 'medline', 3],
    ['endnote.ris', 'ris', 2],
    ['pubmed.xml', 'pubmed-xml', 2],
    ['zotero.bib', 'bibtex', 2],
    ['zotero.json', 'csl-json', 2],
  ])('%s is %s, whatever its name', async (name, format, count) => {
    const bytes = await readFile(fixture(name));
    const parsed = await parseImportBytes('download.txt', bytes);
    expect(parsed.format).toBe(format);
    expect(parsed.publications).toHaveLength(count);
    expect(parsed.genes).toEqual([]);
  });

  it('reads MEDLINE saved with a UTF-8 BOM, as UTF-16 with a BOM and as Windows-1252, accents intact', async () => {
    const source = await text('ikzf1-pubmed.nbib');
    const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source, 'utf8')]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')]);
    const cp1252 = iconv.encode(source, 'windows-1252');
    for (const bytes of [utf8Bom, utf16, cp1252]) {
      const parsed = await parseImportBytes('export.nbib', bytes);
      expect(parsed.publications[1]!.publication.authors).toContain('Ayón-Pérez MF');
    }
    const fromCp1252 = await parseImportBytes('export.nbib', cp1252);
    expect(fromCp1252.encoding).toBe('windows-1252');
  });

  it('refuses a file in a known format with no usable record, naming the file and the reason', async () => {
    await expect(parseImportBytes('empty.ris', Buffer.from('TY  - JOUR\nAU  - Someone, A\nER  - \n'))).rejects.toThrow(
      'empty.ris, line 1: no record could be read: the record has no title (TI or T1) and was skipped',
    );
    await expect(parseImportBytes('list.json', Buffer.from('[]'))).rejects.toThrow(/list\.json: this JSON is not a GeneShelf gene file/);
  });

  it('still reads gene files and gene pages', async () => {
    const parsed = await readImportFile(join(ROOT, 'resources', 'samples', 'IKZF1.genefile.json'));
    expect(parsed.format).toBe('genefile');
    expect(parsed.publications).toEqual([]);
  });
});

describe('RIS tag lines', () => {
  it('tagLine reads a line exactly as the rule written as a regex does', async () => {
    // The rule as one expression: the specification the hand-written reader is held to.
    const TAG_LINE = /^([A-Z][A-Z0-9])[ \t]{1,2}-(?: (.*))?$/s;
    const { tagLine } = await import('../../electron/core/formats/ris/tags');
    const fc = (await import('fast-check')).default;
    const part = fc.constantFrom('T', 'Y', 'A', '1', 'a', ' ', '  ', '\t', '-', '- ', ' - ', 'x', '\u2028', '');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const line = parts.join('');
        const m = TAG_LINE.exec(line);
        expect(tagLine(line)).toEqual(m ? { tag: m[1], value: m[2] ?? '' } : null);
      }),
      { numRuns: 3000 },
    );
  });
});
