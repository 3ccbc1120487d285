import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../electron/core/service';
import { beforeLastImport, formatFixture, PAX5_PAGE, SAMPLE, tempDir, writeTrickyGeneFile } from '../helpers';

const NBIB = formatFixture('medline', 'ikzf1-pubmed.nbib');
// The sample's copy of this paper has no PMID; the .nbib's has one.
const MYELOMA = 'key-1e810e348482933e';

let dir: { path: string; cleanup: () => Promise<void> };
let service: LibraryService;
const libraryBytes = () => readFile(join(dir.path, 'library.json'));

beforeEach(async () => {
  dir = await tempDir();
  service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
});
afterEach(() => dir.cleanup());

describe('importing a reference export into a gene', () => {
  it('previews without writing: new, updated (the same paper, matched by title, year and first author), skipped, warnings by line', async () => {
    const before = await libraryBytes();
    const preview = await service.previewImport(NBIB, { gene: 'ikzf1' });
    expect(preview).toMatchObject({ kind: 'publications', format: 'medline', formatName: 'PubMed MEDLINE (.nbib)', target: { symbol: 'IKZF1', exists: true } });
    expect(preview.counts).toEqual({ new: 2, updated: 1, duplicate: 0, skipped: 1 });
    expect(preview.warnings.map((w) => w.line)).toEqual([40, 55]);
    expect(preview.sample.map((s) => s.firstAuthor)).toEqual(['Barwick BG', "Children's Oncology Group", 'Roberts KG']);
    expect(await libraryBytes()).toEqual(before);

    const report = await service.commitImport(preview.token);
    expect(report.counts).toEqual(preview.counts);
    expect(report.genes).toEqual([{ symbol: 'IKZF1', name: 'IKAROS family zinc finger 1', status: 'updated', publications: 3 }]);
    const gene = (await service.getGeneView('IKZF1'))!.gene;
    expect(gene.publications).toHaveLength(32);
    // The matched paper keeps its id and gains what it lacked.
    const myeloma = gene.publications.find((p) => p.id === MYELOMA)!;
    expect(myeloma).toMatchObject({ pmid: '31015500', doi: '10.1038/s41467-019-09555-6', pmcid: 'PMC6478743', journalTitle: 'Nature communications' });
    expect(myeloma.mesh!.map((m) => m.descriptor)).toEqual(['Humans', 'Multiple Myeloma', 'Ikaros Transcription Factor']);
    expect(myeloma.authors).toEqual(['Barwick BG', 'Neri P', 'Bahlis NJ']);
  });

  it('importing the same file again counts everything as duplicate and writes nothing', async () => {
    await service.importFile(NBIB, { gene: 'IKZF1' });
    const before = await libraryBytes();
    const again = await service.previewImport(NBIB, { gene: 'IKZF1' });
    expect(again.counts).toEqual({ new: 0, updated: 0, duplicate: 3, skipped: 1 });
    await service.commitImport(again.token);
    expect(await libraryBytes()).toEqual(before);
    expect((await service.getGeneView('IKZF1'))!.gene.publications).toHaveLength(32);
  });

  it('keeps bookmarks and notes on a paper the import merges into', async () => {
    await service.toggleBookmark(MYELOMA);
    await service.setNote('reading-list', MYELOMA, 'discuss');
    await service.importFile(NBIB, { gene: 'IKZF1' });
    expect((await service.getList('reading-list'))!.entries[0]).toMatchObject({ note: 'discuss', inLibrary: true });
    expect((await service.getList('reading-list'))!.entries[0]!.publication.pmid).toBe('31015500');
  });

  it('matches a DOI however it is written, and never merges two different PMIDs', async () => {
    const ris = join(dir.path, 'doi.ris');
    await writeFile(
      ris,
      [
        'TY  - JOUR', 'TI  - Another title for the myeloma paper', 'AU  - Barwick, B', 'PY  - 2019', 'DO  - https://doi.org/10.1038/S41467-019-09555-6', 'ER  - ',
        'TY  - JOUR', 'TI  - Multiple myeloma immunoglobulin lambda translocations portend poor prognosis.', 'AU  - Barwick, B', 'PY  - 2019', 'AN  - 1', 'DB  - PubMed', 'ER  - ',
      ].join('\n'),
    );
    await service.importFile(NBIB, { gene: 'IKZF1' });
    const preview = await service.previewImport(ris, { gene: 'IKZF1' });
    // The first is the myeloma paper by its DOI; the second has the title but another PMID: another paper.
    expect(preview.counts).toEqual({ new: 1, updated: 0, duplicate: 1, skipped: 0 });
  });

  it('lists a near match (a title that differs slightly) and merges it only when asked', async () => {
    const ris = join(dir.path, 'near.ris');
    await writeFile(ris, ['TY  - JOUR', 'TI  - Multiple myeloma immunoglobulin lambda translocation portends poor prognosis', 'AU  - Barwick, Benjamin G', 'PY  - 2019', 'ER  - '].join('\n'));
    const preview = await service.previewImport(ris, { gene: 'IKZF1' });
    expect(preview.nearMatches).toEqual([
      {
        index: 0,
        line: 1,
        incoming: expect.objectContaining({ title: 'Multiple myeloma immunoglobulin lambda translocation portends poor prognosis', year: 2019 }),
        existing: expect.objectContaining({ id: MYELOMA, firstAuthor: 'Barwick BG' }),
      },
    ]);
    expect(preview.counts.new).toBe(1);
    // Merged, it adds nothing the paper lacks (its full name does not line up with three authors).
    expect((await service.reviewImport(preview.token, [0])).counts).toEqual({ new: 0, updated: 0, duplicate: 1, skipped: 0 });
    await service.commitImport(preview.token, [0]);
    const gene = (await service.getGeneView('IKZF1'))!.gene;
    expect(gene.publications).toHaveLength(30);
    expect(gene.publications.find((p) => p.id === MYELOMA)!.authorsFull).toBeUndefined();
  });

  it('keeps a near match apart by default', async () => {
    const ris = join(dir.path, 'near.ris');
    await writeFile(ris, ['TY  - JOUR', 'TI  - Multiple myeloma immunoglobulin lambda translocation portends poor prognosis', 'AU  - Barwick, Benjamin G', 'PY  - 2019', 'ER  - '].join('\n'));
    await service.importFile(ris, { gene: 'IKZF1' });
    expect((await service.getGeneView('IKZF1'))!.gene.publications).toHaveLength(31);
  });

  it('makes a new gene by its symbol; a paper another gene has is linked, not copied', async () => {
    await service.importFile(NBIB, { gene: 'IKZF1' });
    const preview = await service.previewImport(NBIB, { gene: 'cdkn2a' });
    expect(preview.target).toEqual({ symbol: 'CDKN2A', exists: false });
    expect(preview.counts).toEqual({ new: 3, updated: 0, duplicate: 0, skipped: 1 });
    await service.commitImport(preview.token);
    expect(service.listGenes().map((g) => [g.symbol, g.publicationCount])).toEqual([
      ['CDKN2A', 3],
      ['IKZF1', 32],
    ]);
    expect(service.store.genesCiting(MYELOMA)).toEqual(['IKZF1', 'CDKN2A']);
    // Typed in lower case, a symbol reads as HGNC writes it, "orf" included.
    expect((await service.previewImport(NBIB, { gene: 'c11orf65' })).target).toEqual({ symbol: 'C11orf65', exists: false });
  });

  it('cancel writes nothing and the preview is gone; a preview without a gene cannot be committed', async () => {
    const before = await libraryBytes();
    const preview = await service.previewImport(NBIB);
    expect(preview.target).toBeNull();
    service.cancelImport(preview.token);
    await expect(service.commitImport(preview.token)).rejects.toThrow('this preview has expired');
    const unassigned = await service.previewImport(NBIB);
    await expect(service.commitImport(unassigned.token)).rejects.toThrow('choose the gene these publications belong to');
    await expect(service.chooseImportGene(unassigned.token, 'not a symbol!')).rejects.toThrow('is not a gene symbol');
    await expect(service.importFile(NBIB)).rejects.toThrow('holds publications, not a gene');
    expect(await libraryBytes()).toEqual(before);
  });

  it('a cancelled read (the signal aborted) writes nothing', async () => {
    const before = await libraryBytes();
    const controller = new AbortController();
    controller.abort();
    await expect(service.previewImport(NBIB, { gene: 'IKZF1', signal: controller.signal })).rejects.toThrow('the import was cancelled');
    expect(await libraryBytes()).toEqual(before);
  });
});

describe('curated panels', () => {
  it('a gene file with several genes imports in one step, and a selection exports as one file that round-trips', async () => {
    await service.importFile(PAX5_PAGE);
    await service.importFile((await writeTrickyGeneFile(dir.path)).path);
    const panel = join(dir.path, 'ALL-panel.genefile.json');
    await service.exportGenesTo(['IKZF1', 'PAX5', 'CDKN2A'], panel);

    const other = await tempDir();
    try {
      const fresh = await LibraryService.open(other.path);
      const preview = await fresh.previewImport(panel);
      expect(preview.kind).toBe('genes');
      expect(preview.genes.map((g) => [g.symbol, g.status, g.publications])).toEqual([
        ['IKZF1', 'added', 30],
        ['PAX5', 'added', 6],
        ['CDKN2A', 'added', 3],
      ]);
      expect(preview.counts).toEqual({ new: 39, updated: 0, duplicate: 0, skipped: 0 });
      await fresh.commitImport(preview.token);
      for (const symbol of ['IKZF1', 'PAX5', 'CDKN2A']) expect(beforeLastImport(await fresh.store.getGene(symbol)).gene).toEqual(await service.store.getGene(symbol));
      const again = await fresh.previewImport(panel);
      expect(again.counts).toEqual({ new: 0, updated: 0, duplicate: 39, skipped: 0 });
    } finally {
      await other.cleanup();
    }
  });
});

describe('what PubMed records add survives a gene file', () => {
  it('PMCID, full names, journal title, publication types and MeSH marks round-trip through export and import', async () => {
    await service.importFile(NBIB, { gene: 'IKZF1' });
    const out = join(dir.path, 'IKZF1.genefile.json');
    await service.exportGenesTo(['IKZF1'], out);
    const other = await tempDir();
    try {
      const fresh = await LibraryService.open(other.path);
      await fresh.importFile(out);
      expect(beforeLastImport(await fresh.store.getGene('IKZF1')).gene).toEqual(await service.store.getGene('IKZF1'));
      const p = (await fresh.store.getPublication('pmid:30890000'))!;
      expect(p).toMatchObject({ authorsFull: ["Children's Oncology Group", 'Ayón-Pérez, Martha Fabiola', 'Lilljebjörn, Henrik'], publicationTypes: ['Review'] });
    } finally {
      await other.cleanup();
    }
  });

  it('a hand-written gene file may give MeSH headings by name alone', async () => {
    const file = join(dir.path, 'mesh.genefile.json');
    await writeFile(file, JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol: 'TP53', publications: [{ title: 'A', mesh: [{ descriptor: 'Humans' }, { descriptor: 'Leukemia', qualifiers: [{ name: 'genetics' }] }] }] }] }));
    await service.importFile(file);
    expect((await service.getGeneView('TP53'))!.gene.publications[0]!.mesh).toEqual([
      { descriptor: 'Humans', major: false, qualifiers: [] },
      { descriptor: 'Leukemia', major: false, qualifiers: [{ name: 'genetics', major: false }] },
    ]);
    expect((await service.getGeneView('TP53'))!.literature.map((t) => [t.term, t.source])).toEqual([
      ['Humans', 'mesh'],
      ['Leukemia', 'mesh'],
    ]);
  });
});
