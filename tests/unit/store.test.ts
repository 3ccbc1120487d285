import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../electron/core/errors';
import { LibraryService } from '../../electron/core/service';
import { LibraryStore, USER_SCHEMA_VERSION } from '../../electron/core/library';
import { beforeLastImport, PAX5_PAGE, SAMPLE, SEED, tempDir, userOnDisk } from '../helpers';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.cleanup());

const libraryFile = () => join(dir.path, 'library.json');

describe('the library on disk', () => {
  it('a first run imports the bundled sample; a second run does not re-import it', async () => {
    const first = await LibraryService.open(dir.path, { samplePath: SAMPLE });
    expect(first.listGenes()).toEqual([expect.objectContaining({ symbol: 'IKZF1', name: 'IKAROS family zinc finger 1', location: '7p12.2', publicationCount: 30 })]);
    // library.json is the catalogue: the genes and where each publication is; the publications are in a shard.
    const onDisk = JSON.parse(await readFile(libraryFile(), 'utf8'));
    expect(onDisk.schemaVersion).toBe(3);
    expect(onDisk.publications).toBeUndefined();
    expect(onDisk.genes.IKZF1.runs).toEqual([['p000000', 30]]);
    const shard = JSON.parse(await readFile(join(dir.path, 'publications', 'p000000.json'), 'utf8'));
    expect(Object.keys(shard.publications)).toHaveLength(30);

    const emptied = JSON.parse(await readFile(libraryFile(), 'utf8'));
    emptied.genes = {};
    emptied.shards = {};
    await writeFile(libraryFile(), JSON.stringify(emptied));
    const second = await LibraryService.open(dir.path, { samplePath: SAMPLE });
    expect(second.listGenes()).toEqual([]);
  });

  it('keeps reference content and user state in separate files', async () => {
    const service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
    const libraryBefore = await readFile(libraryFile());
    await service.setLastGene('IKZF1');
    expect(await readFile(libraryFile())).toEqual(libraryBefore);
    expect(await userOnDisk(dir.path)).toMatchObject({ schemaVersion: USER_SCHEMA_VERSION, lastGene: 'IKZF1' });
    expect((await LibraryService.open(dir.path)).lastGene()).toBe('IKZF1');
  });

  it('persists imports, updates a re-imported gene in place with the same publication ids', async () => {
    const service = await LibraryService.open(dir.path);
    const first = await service.importFile(SEED);
    expect(first.genes).toEqual([{ symbol: 'IKZF1', name: 'IKAROS family zinc finger 1', status: 'added', publications: 30 }]);
    const ids = (await service.getGeneView('IKZF1'))!.gene.publications.map((p) => p.id);
    const again = await service.importFile(SEED);
    expect(again.genes[0]!.status).toBe('updated');
    await service.importFile(PAX5_PAGE);
    const reopened = await LibraryService.open(dir.path);
    expect(reopened.listGenes().map((g) => [g.symbol, g.publicationCount])).toEqual([
      ['IKZF1', 30],
      ['PAX5', 6],
    ]);
    expect((await reopened.getGeneView('ikzf1'))!.gene.publications.map((p) => p.id)).toEqual(ids);
  });

  it('writes atomically: no temp file is left behind and a failed import leaves the file byte for byte', async () => {
    const service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
    const before = await readFile(libraryFile());
    await expect(service.importFile(join(dir.path, 'missing.txt'))).rejects.toThrow('missing.txt: the file does not exist');
    expect(await readFile(libraryFile())).toEqual(before);
    expect((await readdir(dir.path)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('moves a corrupt library aside, never overwrites it, and offers the last good copy', async () => {
    await LibraryService.open(dir.path, { samplePath: SAMPLE });
    await LibraryService.open(dir.path); // a good open keeps library.json.bak
    const garbage = '{"schemaVersion":1,"genes":{"IKZF1":';
    await writeFile(libraryFile(), garbage);

    const service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
    const notices = service.notices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'corrupt-moved-aside', backup: `${libraryFile()}.bak` });
    expect(notices[0]!.message).toMatch(/could not be read .* moved aside to library\.json\.corrupt-.* the last good copy can be restored/);
    const files = await readdir(dir.path);
    const aside = files.find((f) => f.startsWith('library.json.corrupt-'))!;
    expect(await readFile(join(dir.path, aside), 'utf8')).toBe(garbage);
    // Not a first run: the sample is not imported over the user's damaged library.
    expect(service.listGenes()).toEqual([]);

    await service.restoreLibraryBackup();
    expect(service.listGenes().map((g) => g.symbol)).toEqual(['IKZF1']);
    expect(service.notices()).toEqual([]);
    expect((await LibraryService.open(dir.path)).listGenes().map((g) => g.symbol)).toEqual(['IKZF1']);
  });

  it('migrates a schema-0 library after keeping a copy of it', async () => {
    const sample = JSON.parse(await readFile(SAMPLE, 'utf8'));
    const legacy = JSON.stringify({ genes: sample.genes });
    await writeFile(libraryFile(), legacy);
    const service = await LibraryService.open(dir.path);
    expect(service.notices()).toEqual([expect.objectContaining({ kind: 'migrated', message: expect.stringMatching(/split into a catalogue and 1 publication file \(30 publications\)/) })]);
    expect(service.listGenes()).toEqual([expect.objectContaining({ symbol: 'IKZF1', publicationCount: 30 })]);
    expect((await service.getGeneView('IKZF1'))!.gene.publications.map((p) => p.title)).toEqual(sample.genes[0].publications.map((p: { title: string }) => p.title));
    expect(await readFile(`${libraryFile()}.v0.bak`, 'utf8')).toBe(legacy);
    expect(JSON.parse(await readFile(libraryFile(), 'utf8')).schemaVersion).toBe(3);
  });

  it('refuses a library written by a newer GeneShelf and leaves it untouched', async () => {
    const future = JSON.stringify({ schemaVersion: 9, genes: {}, publications: {} });
    await writeFile(libraryFile(), future);
    await expect(LibraryStore.open(dir.path)).rejects.toThrow(StoreError);
    await expect(LibraryStore.open(dir.path)).rejects.toThrow(/newer GeneShelf \(schema 9\).*Nothing was changed/);
    expect(await readFile(libraryFile(), 'utf8')).toBe(future);
  });

  it('two quick imports do not lose one another', async () => {
    const service = await LibraryService.open(dir.path);
    await Promise.all([service.importFile(SEED), service.importFile(PAX5_PAGE)]);
    expect((await LibraryService.open(dir.path)).listGenes().map((g) => g.symbol)).toEqual(['IKZF1', 'PAX5']);
  });

  it('exports genes as a gene file that imports back identically', async () => {
    const service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
    await service.importFile(PAX5_PAGE);
    const out = join(dir.path, 'panel.json');
    expect(await service.exportGenesTo(['IKZF1', 'PAX5'], out)).toEqual({ file: out, genes: 2, publications: 36 });
    const other = await tempDir();
    try {
      const copy = await LibraryService.open(other.path);
      await copy.importFile(out);
      // The same genes, each carrying its chain of imports and, at its end, this one.
      for (const symbol of ['IKZF1', 'PAX5']) {
        const { gene, last } = beforeLastImport((await copy.getGeneView(symbol))!.gene);
        expect(gene).toEqual((await service.getGeneView(symbol))!.gene);
        expect(last).toMatchObject({ file: 'panel.json', format: 'GeneShelf gene file', by: 'GeneShelf 0.1.0' });
      }
    } finally {
      await other.cleanup();
    }
    await expect(service.exportGenesTo(['NOPE1'], out)).rejects.toThrow('NOPE1 is not in the library');
  });

  it('copies a file to .bak when it opens whole, but not again while the backup is current', async () => {
    const service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
    await LibraryService.open(dir.path);
    const backup = `${libraryFile()}.bak`;
    const first = await stat(backup);
    await LibraryService.open(dir.path);
    expect((await stat(backup)).mtimeMs).toBe(first.mtimeMs);
    // A change to the library makes the next open take a new copy.
    await service.importFile(PAX5_PAGE);
    await LibraryService.open(dir.path);
    expect(await readFile(backup)).toEqual(await readFile(libraryFile()));
  });
});
