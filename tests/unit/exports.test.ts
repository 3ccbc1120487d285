import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../electron/core/service';
import { CSV_COLUMNS } from '../../electron/core/lists';
import { readRis } from '../../electron/core/formats/ris';
import { splitPages } from '../../electron/core/formats/records';
import { ALL_BOOKMARKS } from '../../electron/core/lists';
import { SAMPLE, tempDir, writeTrickyGeneFile, type GeneFileShape } from '../helpers';

// Every exported file is read back by a parser the writer does not share: csv-parse for CSV,
// citation-js for BibTeX and CSL-JSON, GeneShelf's RIS reader (also tested on its own below).

let dir: { path: string; cleanup: () => Promise<void> };
let service: LibraryService;
let source: GeneFileShape;
type Pub = Record<string, unknown> & { id: string; title: string; authors: string[]; abstract: string };
let pubs: Pub[];

beforeEach(async () => {
  dir = await tempDir();
  service = await LibraryService.open(dir.path, { samplePath: SAMPLE, clock: () => new Date('2026-11-20T09:30:00Z') });
  const tricky = await writeTrickyGeneFile(dir.path);
  source = tricky.file;
  pubs = source.genes[0]!.publications as Pub[];
  await service.importFile(tricky.path);
  const ward = await service.createList('Ward round');
  for (const p of pubs) await service.setMembership(p.id, ward.id, true);
  await service.setNote(ward.id, 'pmid:31015500', 'Discuss at MDT, "urgent"\nsecond line');
  await service.setRead(ward.id, 'pmid:29000001', true);
});
afterEach(async () => {
  await dir.cleanup();
});

const wardId = () => service.findListId('ward ROUND');

describe('CSV export', () => {
  const readBack = (text: string) => parse(text, { bom: true, relax_column_count: false }) as string[][];

  it('has PubMed\'s columns first, then GeneShelf\'s, and gives back every value exactly', async () => {
    const file = join(dir.path, 'ward.csv');
    const result = await service.exportListTo(wardId(), 'csv', file);
    expect(result).toEqual({ file, format: 'csv', items: 3 });
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\ufeffPMID,Title,Authors,Citation,First Author,Journal,Publication Year,DOI,Genes,Keywords,Volume,Issue,Pages,Free full text,Abstract,Note,Read,Date added,List,URL,Gene source,Gene revised');
    const [header, ...rows] = readBack(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(row).toEqual({
      PMID: '31015500',
      Title: 'CDKN2A deletions, "quoted" words & 50% of B-ALL cases_',
      Authors: "Ayón-Pérez MF, Lilljebjörn H, Children's Oncology Group",
      Citation: 'Nat Commun. 2019; 10(1):1911-8',
      'First Author': 'Ayón-Pérez MF',
      Journal: 'Nat Commun',
      'Publication Year': '2019',
      DOI: '10.1038/s41467-019-09555-6',
      Genes: 'CDKN2A',
      Keywords: 'Ph-like ALL; copy number, focal',
      Volume: '10',
      Issue: '1',
      Pages: '1911-8',
      'Free full text': 'Yes',
      Abstract: 'BACKGROUND: One, two.\nMETHODS: Three "four".\nRESULTS: Five; six.',
      Note: 'Discuss at MDT, "urgent"\nsecond line',
      Read: 'No',
      'Date added': '2026-11-20',
      List: 'Ward round',
      URL: 'https://pubmed.ncbi.nlm.nih.gov/31015500/',
      // The tricky gene file names no source: the cells say nothing rather than something made up.
      'Gene source': '',
      'Gene revised': '',
    });
    expect(rows.map((r) => r[CSV_COLUMNS.indexOf('Read')])).toEqual(['No', 'No', 'Yes']);
    // No PMID: the DOI is where to read it.
    expect(rows[1]![CSV_COLUMNS.indexOf('URL')]).toBe('https://doi.org/10.1182/blood.2020001234');
  });

  it('neutralises formula cells by default, and writes them raw when the setting is off', async () => {
    const on = readBack((await service.renderList(wardId(), 'csv')).text);
    expect(on[2]![1]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(on[3]![1]).toBe("'+1 and -1 copy changes @ 9p21 in {T-ALL}");
    await service.updateSettings({ neutraliseCsvFormulas: false });
    const off = readBack((await service.renderList(wardId(), 'csv')).text);
    expect(off[2]![1]).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('All bookmarks names every list that holds a row, joined with "; "', async () => {
    await service.setMembership('pmid:31015500', 'reading-list', true);
    const [header, ...rows] = readBack((await service.renderList(ALL_BOOKMARKS, 'csv')).text);
    const list = header!.indexOf('List');
    expect(rows.map((r) => r[list])).toEqual(['Reading list; Ward round', 'Ward round', 'Ward round']);
  });

  it('exports 10,000 items in well under the 100 ms budget (bench/ prints the figure)', async () => {
    // A loose guard against an accidental slow path; the benchmark is the measurement.
    const ward = (await service.getList(wardId()))!;
    const rows = Array.from({ length: 10_000 }, (_, i) => ward.entries[i % 3]!);
    const view = { ...ward, entries: rows };
    const started = performance.now();
    const text = service.renderView(view, 'csv');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(readBack(text)).toHaveLength(10_001);
  });
});

describe('RIS export', () => {
  it('writes one TY..ER record per item that the RIS reader gives back field for field', async () => {
    const text = (await service.renderList(wardId(), 'ris')).text;
    expect(text).toMatch(/^TY {2}- JOUR\r\n/);
    expect(text).not.toMatch(/[^\r]\n/);
    const records = readRis(text);
    expect(records).toHaveLength(3);
    const first = Object.fromEntries(records[0]!.fields);
    expect(first).toEqual({
      TY: ['JOUR'],
      AU: ['Ayón-Pérez, MF', 'Lilljebjörn, H', "Children's Oncology Group"],
      TI: [pubs[0]!.title],
      T2: ['Nat Commun'],
      J2: ['Nat Commun'],
      PY: ['2019'],
      VL: ['10'],
      IS: ['1'],
      SP: ['1911'],
      EP: ['1918'],
      DO: ['10.1038/s41467-019-09555-6'],
      AN: ['31015500'],
      DB: ['PubMed'],
      UR: ['https://pubmed.ncbi.nlm.nih.gov/31015500/'],
      KW: ['Ph-like ALL', 'copy number, focal'],
      AB: [pubs[0]!.abstract],
      N1: ['Discuss at MDT, "urgent"\nsecond line'],
    });
    expect(Object.fromEntries(records[1]!.fields).SP).toEqual(['e12']);
    expect(Object.fromEntries(records[1]!.fields).EP).toEqual(['e20']);
  });

  it('keeps blank lines and tag-like lines inside a note', async () => {
    const note = 'first\n\nAB  - not a tag\nlast';
    await service.setNote(wardId(), 'pmid:31015500', note);
    expect(Object.fromEntries(readRis((await service.renderList(wardId(), 'ris')).text)[0]!.fields).N1).toEqual([note]);
  });
});

describe('RIS reader', () => {
  it('reads a BOM, LF ends, one space before the hyphen, text before the first record and continuation lines', () => {
    const text = '\ufeffExported from somewhere\nTY - JOUR\nAU - Smith, J\nAU  - Doe, A\nTI  - A long\ntitle\nER  -\n\nTY  - BOOK\nER  - \n';
    const records = readRis(text);
    expect(records.map((r) => r.line)).toEqual([2, 9]);
    expect(records[0]!.fields.get('AU')).toEqual(['Smith, J', 'Doe, A']);
    expect(records[0]!.fields.get('TI')).toEqual(['A long\ntitle']);
    expect(records[1]!.fields.get('TY')).toEqual(['BOOK']);
  });

  it.each([
    ['1911-8', { start: '1911', end: '1918' }],
    ['123-130', { start: '123', end: '130' }],
    ['e12-e20', { start: 'e12', end: 'e20' }],
    ['1911', { start: '1911' }],
    ['iii-x', { start: 'iii-x' }],
  ])('splits pages %s', (pages, expected) => {
    expect(splitPages(pages)).toEqual(expected);
  });
});

describe('BibTeX export', () => {
  // TeX reads a line break as a space, so multi-line fields come back with spaces: a property of
  // the format, compared as such.
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

  it('citation-js reads every entry back: names with accents, a group author, TeX specials, ids', async () => {
    const text = (await service.renderList(wardId(), 'bibtex')).text;
    expect(text.startsWith('% Encoding: UTF-8\n')).toBe(true);
    const items = new Cite(text).data as Array<Record<string, unknown>>;
    expect(items.map((i) => i['citation-key'])).toEqual(['AyonPerez2019', 'DuranAvelar2021', 'LundinStrom2019']);
    const [a, b, c] = items as Array<Record<string, any>>;
    expect(a!.author).toEqual([{ family: 'Ayón-Pérez', given: 'MF' }, { family: 'Lilljebjörn', given: 'H' }, { family: "Children's Oncology Group" }]);
    expect(a!.title).toBe(pubs[0]!.title);
    expect(a).toMatchObject({
      'container-title': 'Nat Commun',
      volume: '10',
      issue: '1',
      page: '1911-1918',
      DOI: '10.1038/s41467-019-09555-6',
      PMID: '31015500',
      URL: 'https://pubmed.ncbi.nlm.nih.gov/31015500/',
      issued: { 'date-parts': [[2019]] },
    });
    expect(flat(a!.abstract)).toBe(flat(pubs[0]!.abstract));
    expect(flat(a!.annote)).toBe('Discuss at MDT, "urgent" second line');
    expect(b!.title).toBe(pubs[1]!.title);
    expect(c!.title).toBe('+1 and -1 copy changes @ 9p21 in {T-ALL}');
  });

  it('gives two papers by one first author in one year different keys', async () => {
    const { path } = await writeTrickyGeneFile(dir.path, { symbol: 'PAX5', titleSuffix: ' again' });
    // Other PMIDs, so these are other papers by the same first authors in the same years.
    const file = JSON.parse(await readFile(path, 'utf8'));
    file.genes[0].publications = file.genes[0].publications.map((p: Pub, i: number) => ({ ...p, id: `pmid:${900 + i}`, pmid: String(900 + i) }));
    await writeFile(path, JSON.stringify(file));
    await service.importFile(path);
    await service.setMembership('pmid:900', wardId(), true);
    const keys = (new Cite((await service.renderList(wardId(), 'bibtex')).text).data as Array<Record<string, unknown>>).map((i) => i['citation-key']);
    expect(keys).toEqual(['AyonPerez2019', 'DuranAvelar2021', 'LundinStrom2019', 'AyonPerez2019a']);
  });
});

describe('CSL-JSON export', () => {
  it('is an array of CSL items that citation-js accepts as they are', async () => {
    const text = (await service.renderList(wardId(), 'csljson')).text;
    const items = JSON.parse(text);
    expect(items[0]).toEqual({
      id: 'pmid:31015500',
      type: 'article-journal',
      title: pubs[0]!.title,
      author: [{ family: 'Ayón-Pérez', given: 'MF' }, { family: 'Lilljebjörn', given: 'H' }, { literal: "Children's Oncology Group" }],
      'container-title': 'Nat Commun',
      'container-title-short': 'Nat Commun',
      issued: { 'date-parts': [[2019]] },
      volume: '10',
      issue: '1',
      page: '1911-8',
      DOI: '10.1038/s41467-019-09555-6',
      PMID: '31015500',
      URL: 'https://pubmed.ncbi.nlm.nih.gov/31015500/',
      abstract: pubs[0]!.abstract,
      note: 'Discuss at MDT, "urgent"\nsecond line',
      // A keyword holding a comma: the keywords are joined with semicolons, which readers split first.
      keyword: 'Ph-like ALL; copy number, focal',
    });
    const cite = new Cite(items).data as Array<Record<string, unknown>>;
    expect(cite.map((i) => i.title)).toEqual(pubs.map((p) => p.title));
    expect(cite[0]!.abstract).toBe(pubs[0]!.abstract);
  });
});
