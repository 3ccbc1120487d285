import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseCgwPage } from '../../electron/core/genes';
import { parseCitation, looksLikeCitation } from '../../electron/core/genes';
import { parsePageDate } from '../../electron/core/genes';
import { parseImportBytes } from '../../electron/core/import';
import { PAX5_PAGE, readSeed } from '../helpers';

const seedBytes = async () => Buffer.from(await readSeed(), 'utf8');

function utf16(text: string, endian: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), body]) : body;
}

describe('the page format, not one file: encodings and line ends', () => {
  it('reads the seed with CRLF line ends, a UTF-8 BOM, UTF-16 LE/BE with a BOM and UTF-16 without one', async () => {
    const seed = await readSeed();
    const reference = parseCgwPage(seed).gene;
    const variants: Record<string, Buffer> = {
      crlf: Buffer.from(seed.replace(/\n/g, '\r\n')),
      bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await seedBytes()]),
      utf16le: utf16(seed.replace(/\n/g, '\r\n'), 'le'),
      utf16be: utf16(seed, 'be'),
      utf16leNoBom: utf16(seed, 'le', false),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const parsed = await parseImportBytes(`${name}.txt`, bytes);
      expect(parsed.genes[0], name).toEqual(reference);
      expect(parsed.warnings.filter((w) => /Windows-1252/.test(w.message)), name).toEqual([]);
    }
  });

  it('reads a Windows-1252 page, keeps its accents and says it guessed the encoding', async () => {
    const page = [
      'Gene Summary',
      'Gene:IKZF1; IKAROS family zinc finger 1',
      'Latest Publications: IKZF1 (cancer-related)',
      '',
      'Ayón-Pérez MF, Lilljebjörn H, et al.',
      'A title with an en dash – and curly quotes “here”.',
      'Cytogenet Genome Res. 2019; 158(1):10-16 [PubMed] Related Publications',
      'Abstract with ® and naïve text.',
    ].join('\r\n');
    // Encode to Windows-1252 by hand: Latin-1 for most, the 0x80-0x9f block for dashes and quotes.
    const cp1252: Record<string, number> = { '–': 0x96, '“': 0x93, '”': 0x94 };
    const bytes = Buffer.from([...page].map((ch) => cp1252[ch] ?? ch.charCodeAt(0)));
    const parsed = await parseImportBytes('cp1252.txt', bytes);
    expect(parsed.encoding).toBe('windows-1252');
    const pub = parsed.genes[0]!.publications[0]!;
    expect(pub.authors).toEqual(['Ayón-Pérez MF', 'Lilljebjörn H']);
    expect(pub.title).toBe('A title with an en dash – and curly quotes “here”.');
    expect(pub.abstract).toBe('Abstract with ® and naïve text.');
    expect(parsed.warnings.some((w) => /read as Windows-1252/.test(w.message))).toBe(true);
  });

  it('maps non-breaking and thin spaces to plain spaces', () => {
    const page = 'Gene Summary\nGene:\u00a0TP53;\u2009tumor protein p53\nLocation:\u202f17p13.1\n';
    const { gene } = parseCgwPage(page);
    expect(gene.symbol).toBe('TP53');
    expect(gene.name).toBe('tumor protein p53');
    expect(gene.location).toBe('17p13.1');
  });
});

describe('a file cut off midway', () => {
  it('imports every whole publication and warns about the rest', async () => {
    const seed = await readSeed();
    const cut = seed.slice(0, seed.indexOf('Kamihara J, Shimamura A') + 'Kamihara J, Shimamura A\nIt\'s ALL in the Family'.length);
    const { gene, warnings } = parseCgwPage(cut);
    expect(gene.symbol).toBe('IKZF1');
    expect(gene.publications).toHaveLength(21);
    expect(gene.publications.at(-1)!.title).toMatch(/^Copy number abnormality/);
    const cutLine = cut.split('\n').findIndex((l) => l.startsWith('Kamihara J')) + 1;
    expect(warnings).toContainEqual(expect.objectContaining({ line: cutLine, message: expect.stringMatching(/no journal citation.*skipped/) }));
    expect(warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/ends before its footer/) }));
    expect(gene.provenance.license).toBeUndefined();
  });

  it('keeps the gene summary when the file stops inside it', async () => {
    const seed = await readSeed();
    const { gene } = parseCgwPage(seed.slice(0, seed.indexOf('Protein:')));
    expect(gene).toMatchObject({ symbol: 'IKZF1', location: '7p12.2', protein: '', publications: [], literatureTerms: [] });
  });
});

describe('sections missing or empty', () => {
  it('reads a page with only a gene line', () => {
    const { gene } = parseCgwPage('Gene:KRAS; KRAS proto-oncogene, GTPase\n');
    expect(gene).toMatchObject({ symbol: 'KRAS', name: 'KRAS proto-oncogene, GTPase', aliases: [], databases: [], ontology: { count: 0, terms: [] }, cancerOverview: '', specificCancers: [], literatureTerms: [], publications: [], provenance: {} });
  });

  it('reads the seed with its literature and publication sections removed', async () => {
    const seed = await readSeed();
    const without = seed.slice(0, seed.indexOf('Literature Analysis')) + seed.slice(seed.indexOf('Disclaimer:'));
    const { gene } = parseCgwPage(without);
    expect(gene.literatureTerms).toEqual([]);
    expect(gene.publications).toEqual([]);
    expect(gene.provenance.license).toBe('CC BY-SA 4.0');
  });

  it('refuses text that is not a gene page, naming why', () => {
    expect(() => parseCgwPage('Dear colleague,\nplease find the slides attached.\n')).toThrow(/not a Cancer Genetics Web gene page/);
  });
});

describe('the PAX5 variant page: the forms real pages carry', async () => {
  const { gene, warnings } = parseCgwPage(await readFile(PAX5_PAGE, 'utf8'));
  const pub = (start: string) => gene.publications.find((p) => p.title.startsWith(start))!;

  it('reads a wrapped summary, an overview, a per-year series and specific cancer rows', () => {
    expect(gene.summary.split('\n')).toHaveLength(2);
    expect(gene.cancerOverview).toContain('Germline PAX5 variants');
    expect(gene.publicationsPerYear).toEqual([
      { year: 2015, count: 31 },
      { year: 2016, count: 40 },
      { year: 2017, count: 38 },
      { year: 2018, count: 45 },
    ]);
    expect(gene.specificCancers).toEqual([
      { cancer: 'Acute Lymphocytic Leukemia (ALL)', topic: 'PAX5 alterations in B-ALL', papers: 112 },
      { cancer: 'Hodgkin Lymphoma', papers: 7 },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads group authors, single authors, supplements, a citation with no journal and e-pages', () => {
    expect(gene.publications).toHaveLength(6);
    expect(pub('A group-authored')).toMatchObject({ authors: ["Children's Oncology Group"], etAl: false, journal: 'Blood', year: 2018, volume: '131', issue: '10', pages: '1100-1110' });
    expect(pub('A single-author')).toMatchObject({ authors: ['Ayón-Pérez MF'], volume: '10', pages: '63', freeFullText: true, abstract: '' });
    expect(pub('Supplement pages')).toMatchObject({ volume: '130', issue: 'Suppl 1', pages: 'S12-S19' });
    expect(pub('A paper cited without')).toMatchObject({ journal: '', year: 2016, volume: '7', pages: 'e0190447', etAl: true });
    expect(pub('E-pages')).toMatchObject({ pages: '937-948.e8', abstract: '' });
  });

  it('joins an abstract written in paragraphs and keeps labelled sections', () => {
    expect(pub('Supplement pages').abstract).toBe('An abstract in two paragraphs, first part.\nSecond paragraph of the same abstract, after a blank line.');
    expect(pub('PAX5-driven').abstract.split('\n').map((l) => l.split(':')[0])).toEqual(['BACKGROUND', 'METHODS', 'RESULTS']);
  });
});

describe('citations', () => {
  it.each([
    ['Nat Commun. 2019; 10(1):1911 [PubMed] Free Access to Full Article Related Publications', { journal: 'Nat Commun', year: 2019, volume: '10', issue: '1', pages: '1911', freeFullText: true }],
    ['2018; 10:63', { journal: '', year: 2018, volume: '10', pages: '63', freeFullText: false }],
    ['Clin Epigenetics. 2018; 10:63', { journal: 'Clin Epigenetics', volume: '10', pages: '63' }],
    ['PLoS One. 2018; 13(1):e0190447', { pages: 'e0190447', issue: '1' }],
    ['Proc Natl Acad Sci U S A. 2018; 115(50):E11711-E11720', { journal: 'Proc Natl Acad Sci U S A', pages: 'E11711-E11720' }],
    ['Cancer Cell. 2018; 33(5):937-948.e8', { pages: '937-948.e8' }],
    ['J Immunol. 2011; 187(Suppl 1):S12-S19', { volume: '187', issue: 'Suppl 1', pages: 'S12-S19' }],
    ['Oncol Rep. 2019 Mar; 41(3):2027-2040', { journal: 'Oncol Rep', year: 2019, volume: '41' }],
    ['J. Clin. Oncol. 2018; 36(12):1240-1249', { journal: 'J. Clin. Oncol', year: 2018 }],
    ['Blood. 2019 [Epub ahead of print] [PubMed]', { journal: 'Blood', year: 2019 }],
  ])('%s', (line, expected) => {
    expect(looksLikeCitation(line)).toBe(true);
    expect(parseCitation(line)).toMatchObject(expected);
  });

  it('does not take a title or a sentence for a citation', () => {
    expect(looksLikeCitation('IKZF1 Gene Deletion in Pediatric Patients Diagnosed with Acute Lymphoblastic Leukemia in Mexico.')).toBe(false);
    expect(looksLikeCitation('In 2019, we enrolled 20 patients.')).toBe(false);
  });
});

describe('dates', () => {
  it.each([
    ['31 August, 2019', '2019-08-31'],
    ['01 September, 2019', '2019-09-01'],
    ['August 31, 2019', '2019-08-31'],
    ['2019-08-31', '2019-08-31'],
    ['31 Aug 2019', '2019-08-31'],
    ['31 Smarch, 2019', undefined],
    ['31 February, 2019', undefined],
  ])('%s', (text, iso) => expect(parsePageDate(text)).toBe(iso));
});
