import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCgwPage } from '../../electron/core/genes/cgw-page/parse-page';
import { readGeneFile } from '../../electron/core/genes';
import { LibraryService } from '../../electron/core/service';
import { CSV_COLUMNS } from '../../electron/core/lists';
import { MAX_IMPORT_RECORDS, withImport } from '../../electron/core/model';
import { SAMPLE, SEED, formatFixture, tempDir, userOnDisk } from '../helpers';

// Issue 12: where each gene and publication came from, what the source says of itself, and what
// the saved copy is missing.

const NBIB = formatFixture('medline', 'ikzf1-pubmed.nbib');
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('what the seed page says of itself and of what it lacks', () => {
  it('keeps its disclaimer, its note on the abstracts and the count of specific cancers it gives', async () => {
    const { gene } = parseCgwPage(await readFile(SEED, 'utf8'));
    expect(gene.provenance.disclaimer).toBe('This site is for educational purposes only; it can not be used in diagnosis or treatment.');
    expect(gene.provenance.rightsNote).toBe('Content of abstracts copyright of respective publishers - seek permission where appropriate.');
    // "Specific Cancers (1)", with no row saved.
    expect(gene.specificCancers).toEqual([]);
    expect(gene.specificCancersListed).toBe(1);
  });

  it('marks exactly the three titles the saved page cut short', async () => {
    const { gene } = parseCgwPage(await readFile(SEED, 'utf8'));
    const cut = gene.publications.filter((p) => p.titleCutOff).map((p) => p.title);
    expect(cut).toEqual([
      'Impaired hematopoiesis and leukemia development in mice with a conditional knock-in allele of a mutant splicing factor gene',
      'Genome-wide screen identifies cullin-RING ligase machinery required for lenalidomide-dependent CRL4',
      'IKZF1',
    ]);
    // The other 27 end as the page ends its titles.
    expect(gene.publications.filter((p) => !p.titleCutOff).every((p) => p.title.endsWith('.') || p.title.endsWith('?'))).toBe(true);
  });

  it('a page with no heading count says nothing about missing rows', () => {
    const text = 'Gene Summary\nGene: ABC1; Something\n\nSpecific Cancers\n\nLatest Publications\n';
    expect(parseCgwPage(text).gene.specificCancersListed).toBeUndefined();
  });
});

describe('import records', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let service: LibraryService;
  beforeEach(async () => {
    dir = await tempDir();
    service = await LibraryService.open(dir.path);
  });
  afterEach(() => dir.cleanup());

  it('a gene page keeps the file it was imported from and when, by name only', async () => {
    const before = Date.now();
    await service.importFile(SEED);
    const imports = (await service.store.getGene('IKZF1'))!.provenance.imports!;
    expect(imports).toEqual([{ file: 'IKZF1.cgw.txt', format: 'Cancer Genetics Web page', at: expect.stringMatching(ISO_MOMENT), by: 'GeneShelf 0.1.0' }]);
    expect(Date.parse(imports[0]!.at)).toBeGreaterThanOrEqual(before - 1000);
    // The page's own provenance is kept beside it.
    expect((await service.store.getGene('IKZF1'))!.provenance).toMatchObject({ pageUrl: 'http://www.cancer-genetics.org/IKZF1.htm', license: 'CC BY-SA 4.0', pageRevised: '2019-08-31' });
  });

  it('a reference export marks the publications it brings, joins the gene’s chain with its count, and leaves the gene’s source as it was', async () => {
    await service.importFile(SAMPLE);
    const report = await service.importFile(NBIB, { gene: 'IKZF1' });
    const gene = (await service.store.getGene('IKZF1'))!;
    const [first, second] = gene.provenance.imports!;
    expect(first).toMatchObject({ file: 'IKZF1.genefile.json', format: 'GeneShelf gene file' });
    expect(second).toEqual({ file: 'ikzf1-pubmed.nbib', format: report.format === 'medline' ? expect.stringMatching(/MEDLINE/) : '', at: expect.stringMatching(ISO_MOMENT), by: 'GeneShelf 0.1.0', publications: report.genes[0]!.publications });
    expect(second!.publications).toBeGreaterThan(0);
    expect(gene.provenance.pageUrl).toBe('http://www.cancer-genetics.org/IKZF1.htm');

    // New to the library: marked with the export. Barwick 2019 was the page's already: it came from there.
    const added = (await service.store.getPublication('pmid:30890000'))!;
    expect(added.addedFrom).toEqual({ file: 'ikzf1-pubmed.nbib', format: second!.format, at: second!.at });
    const barwick = gene.publications.find((p) => p.title.startsWith('Multiple myeloma immunoglobulin lambda'))!;
    expect(barwick.addedFrom).toBeUndefined();

    // The same export again brings nothing new, and what it brought first keeps its first date.
    await service.importFile(NBIB, { gene: 'IKZF1' });
    expect((await service.store.getPublication('pmid:30890000'))!.addedFrom!.at).toBe(second!.at);
  });

  it('a gene file carries its chain to a colleague’s library, where their import joins it', async () => {
    await service.importFile(SEED);
    await service.importFile(NBIB, { gene: 'IKZF1' });
    const out = join(dir.path, 'IKZF1 for Sam.json');
    await service.exportGenesTo(['IKZF1'], out);
    const written = JSON.parse(await readFile(out, 'utf8')) as { genes: Array<{ provenance: { imports: unknown[] }; publications: Array<{ addedFrom?: unknown; titleCutOff?: boolean }> }> };
    expect(written.genes[0]!.provenance.imports).toHaveLength(2);
    expect(written.genes[0]!.publications.filter((p) => p.addedFrom)).not.toHaveLength(0);
    expect(written.genes[0]!.publications.filter((p) => p.titleCutOff)).toHaveLength(3);

    const other = await tempDir();
    try {
      const colleague = await LibraryService.open(other.path);
      await colleague.importFile(out);
      const gene = (await colleague.store.getGene('IKZF1'))!;
      expect(gene.provenance.imports!.map((r) => r.file)).toEqual(['IKZF1.cgw.txt', 'ikzf1-pubmed.nbib', 'IKZF1 for Sam.json']);
      // Where each publication came from first is what the file said, not the colleague's import.
      expect((await colleague.store.getPublication('pmid:30890000'))!.addedFrom).toEqual((await service.store.getPublication('pmid:30890000'))!.addedFrom);
    } finally {
      await other.cleanup();
    }
  });

  it('a gene stored before imports were recorded shows the import its catalogue knew', async () => {
    await service.importFile(SEED);
    const file = join(dir.path, 'library.json');
    const catalogue = JSON.parse(await readFile(file, 'utf8'));
    delete catalogue.genes.IKZF1.provenance.imports;
    await writeFile(file, JSON.stringify(catalogue));
    const reopened = await LibraryService.open(dir.path);
    expect((await reopened.store.getGene('IKZF1'))!.provenance.imports).toEqual([{ file: 'IKZF1.cgw.txt', format: '', at: catalogue.genes.IKZF1.importedAt, by: 'GeneShelf' }]);
  });

  it('keeps the first record and the newest past the cap', () => {
    let chain = withImport(undefined, { file: 'first.txt', format: 'x', at: '2020-01-01T00:00:00.000Z', by: 'GeneShelf' });
    for (let i = 0; i < MAX_IMPORT_RECORDS + 10; i++) chain = withImport(chain, { file: `n${i}.nbib`, format: 'x', at: '2021-01-01T00:00:00.000Z', by: 'GeneShelf' });
    expect(chain).toHaveLength(MAX_IMPORT_RECORDS);
    expect(chain[0]!.file).toBe('first.txt');
    expect(chain.at(-1)!.file).toBe(`n${MAX_IMPORT_RECORDS + 9}.nbib`);
    expect(chain[1]!.file).toBe('n11.nbib');
  });

  it('a gene file whose import records are not a list is refused with their JSON path', () => {
    const text = JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol: 'ABC1', provenance: { imports: 'yesterday' } }] });
    expect(() => readGeneFile(text)).toThrow(/genes\[0\]\.provenance\.imports|\/genes\/0\/provenance\/imports/);
  });
});

describe('a reading list’s CSV says where each item’s gene came from', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  afterEach(() => dir.cleanup());

  it('gives the source and revision date of the gene, and of each gene when several cite the paper', async () => {
    dir = await tempDir();
    const service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
    const pax5 = join(dir.path, 'PAX5.json');
    const ikzf1 = (await service.store.getGene('IKZF1'))!;
    // A second gene, revised later, that cites the same Barwick 2019 paper.
    await writeFile(
      pax5,
      JSON.stringify({
        format: 'geneshelf.genefile',
        version: 1,
        genes: [{ symbol: 'PAX5', provenance: { attribution: 'Cotterill SJ. PAX5, Cancer Genetics Web', pageUrl: 'http://www.cancer-genetics.org/PAX5.htm', pageRevised: '2019-09-01' }, publications: [ikzf1.publications[0]] }],
      }),
    );
    await service.importFile(pax5);
    const list = await service.createList('MDT');
    await service.setMembership(ikzf1.publications[0]!.id, list.id, true);
    await service.setMembership(ikzf1.publications[6]!.id, list.id, true);
    const [header, ...rows] = parse((await service.renderList(list.id, 'csv')).text, { bom: true }) as string[][];
    expect(header).toEqual([...CSV_COLUMNS]);
    const cell = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(cell(rows[0]!, 'Genes')).toBe('IKZF1; PAX5');
    expect(cell(rows[0]!, 'Gene source')).toBe('IKZF1: Cotterill SJ. IKZF1, Cancer Genetics Web (http://www.cancer-genetics.org/IKZF1.htm); PAX5: Cotterill SJ. PAX5, Cancer Genetics Web (http://www.cancer-genetics.org/PAX5.htm)');
    expect(cell(rows[0]!, 'Gene revised')).toBe('IKZF1: 2019-08-31; PAX5: 2019-09-01');
    expect(cell(rows[1]!, 'Genes')).toBe('IKZF1');
    expect(cell(rows[1]!, 'Gene source')).toBe('Cotterill SJ. IKZF1, Cancer Genetics Web (http://www.cancer-genetics.org/IKZF1.htm)');
    expect(cell(rows[1]!, 'Gene revised')).toBe('2019-08-31');
  });
});

describe('a gene imported again', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  afterEach(() => dir.cleanup());

  it('keeps the chain it had, reference exports included, and adds the new import', async () => {
    dir = await tempDir();
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    await service.importFile(NBIB, { gene: 'IKZF1' });
    await service.importFile(SEED);
    const chain = (await service.store.getGene('IKZF1'))!.provenance.imports!;
    expect(chain.map((r) => r.file)).toEqual(['IKZF1.cgw.txt', 'ikzf1-pubmed.nbib', 'IKZF1.cgw.txt']);
    expect(chain[1]!.publications).toBe(3);
  });
});

describe('settings GeneShelf cannot use', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  afterEach(() => dir.cleanup());

  it('a hand-edited user.json with an unknown style, theme or threshold opens with the defaults for those, and exports still work', async () => {
    dir = await tempDir();
    const first = await LibraryService.open(dir.path, { samplePath: SAMPLE });
    const list = await first.createList('MDT');
    await first.setMembership((await first.store.getGene('IKZF1'))!.publications[6]!.id, list.id, true);
    const file = join(dir.path, 'user.json');
    const user = JSON.parse(await readFile(file, 'utf8'));
    user.settings = { neutraliseCsvFormulas: 'no', citationStyle: 'harvard', theme: 'sepia', sidebarCollapsed: 'yes', staleAfterYears: 7, extra: 1 };
    await writeFile(file, JSON.stringify(user));
    const service = await LibraryService.open(dir.path);
    expect(service.settings()).toEqual({ neutraliseCsvFormulas: true });
    // The bibliography export falls back to Vancouver, and the gene page to the two-year threshold.
    expect((await service.renderList(list.id, 'bibliography')).text).toContain('Roberts KG. Why and how to treat Ph-like ALL?');
    expect((await service.getGene('IKZF1'))!.currency!.thresholdYears).toBe(2);
    // The next change of settings writes a clean copy.
    await service.updateSettings({ theme: 'dark' });
    expect((await userOnDisk(dir.path)).settings).toEqual({ neutraliseCsvFormulas: true, theme: 'dark' });
  });
});
