import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LibraryService } from '../../electron/core/service';
import { INDEX_FILE } from '../../electron/core/search/index-file';
import { PAX5_PAGE, ROOT, SAMPLE, tempDir } from '../helpers';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

const open = (options = {}) => LibraryService.open(dir.path, { samplePath: SAMPLE, waitForSearchIndex: true, ...options });

describe('search over a library', () => {
  it('finds a gene by an alias and expands the alias into its publications', async () => {
    const app = await open();
    const results = await app.search({ query: 'ZNFN1A1' });
    expect(results.genes.map((g) => g.symbol)).toEqual(['IKZF1']);
    // No IKZF1 paper says ZNFN1A1; the alias stands for the symbol.
    expect(results.publications.total).toBeGreaterThan(3);
    const gene = await app.store.getGene('IKZF1');
    const sayIkzf1 = gene!.publications.filter((p) => /IKZF1/i.test(`${p.title} ${p.abstract}`));
    expect(results.publications.total).toBeGreaterThanOrEqual(sayIkzf1.length);
    expect(results.terms).toContain('ikzf1');
    expect(results.ready).toBe(true);
  });

  it('answers with the publication card details: genes, year, journal, bookmarked and read', async () => {
    const app = await open();
    const first = (await app.search({ query: 'IKZF1 deletion ' })).publications.items[0]!;
    await app.toggleBookmark(first.id);
    const again = (await app.search({ query: 'IKZF1 deletion ' })).publications.items.find((p) => p.id === first.id)!;
    expect(again).toMatchObject({ genes: ['IKZF1'], bookmarked: true, read: false });
    expect(again.journal).not.toBe('');
    expect(again.year).toBeGreaterThan(2000);
  });

  it("finds the user's notes and list names", async () => {
    const app = await open();
    const list = await app.createList('Ward round Tuesday');
    const id = (await app.search({ query: 'leukemia ' })).publications.items[0]!.id;
    await app.setMembership(id, list.id, true);
    await app.setNote(list.id, id, 'Ask about minimal residual disease at day 29');
    const results = await app.search({ query: 'residual dis' });
    expect(results.notes).toMatchObject([{ listName: 'Ward round Tuesday', publicationId: id }]);
    expect((await app.search({ query: 'ward tuesday' })).lists.map((l) => l.name)).toEqual(['Ward round Tuesday']);
    // The in-list facet narrows to listed papers.
    expect((await app.search({ query: 'leukemia ', inList: true })).publications.items.map((p) => p.id)).toEqual([id]);
  });

  it('follows imports and removals without rebuilding the index', async () => {
    const app = await open();
    expect((await app.search({ query: 'gene:PAX5' })).problems).toEqual(['no gene PAX5 is in the library']);
    await app.importFile(PAX5_PAGE);
    const pax5 = await app.search({ query: 'gene:PAX5' });
    expect(pax5.publications.total).toBeGreaterThan(0);
    expect(pax5.publications.items.every((p) => p.genes.includes('PAX5'))).toBe(true);
    const segments = app.librarySearch.index.segmentCount;
    await app.removeGene('PAX5');
    expect((await app.search({ query: 'gene:PAX5' })).problems).toHaveLength(1);
    expect(app.librarySearch.index.segmentCount).toBeLessThanOrEqual(segments);
    // IKZF1's publications are still found.
    expect((await app.search({ query: 'IKZF1' })).publications.total).toBeGreaterThan(0);
  });

  it('sees what another process wrote to the library', async () => {
    const app = await open();
    const before = (await app.search({ query: 'PAX5' })).publications.total;
    const other = await LibraryService.open(dir.path);
    await other.importFile(PAX5_PAGE);
    await app.store.pickUpOtherWriters();
    const after = await app.search({ query: 'gene:PAX5' });
    expect(after.publications.total).toBeGreaterThan(before);
  });

  it('answers an empty library and a query that matches nothing plainly', async () => {
    const empty = await LibraryService.open(join(dir.path, 'empty'), { waitForSearchIndex: true });
    const none = await empty.search({ query: 'leukemia' });
    expect(none).toMatchObject({ genes: [], notes: [], lists: [], publications: { total: 0, items: [] }, ready: true });
    const app = await open();
    expect((await app.search({ query: 'zebrafishes ' })).publications.total).toBe(0);
    expect((await app.search({ query: 'leukemia year:20x' })).problems).toEqual(['year:20x is not a year or a range like 2015..2019']);
  });

  it('a damaged shard is left out of the results, and the rest still found', async () => {
    const app = await open();
    await app.importFile(PAX5_PAGE);
    expect((await app.search({ query: 'gene:IKZF1' })).publications.total).toBeGreaterThan(0);
    const pax5 = (await app.search({ query: 'gene:PAX5' })).publications.total;
    expect(pax5).toBeGreaterThan(0);
    // IKZF1's shard, as the catalogue names it.
    const catalogue = JSON.parse(await readFile(join(dir.path, 'library.json'), 'utf8'));
    const shard = catalogue.genes.IKZF1.runs[0][0];
    expect(catalogue.genes.PAX5.runs[0][0]).not.toBe(shard);
    await writeFile(join(dir.path, 'publications', `${shard}.json`), '{ not json');
    const fresh = await LibraryService.open(dir.path, { waitForSearchIndex: true });
    expect((await fresh.search({ query: 'gene:IKZF1' })).publications.total).toBe(0);
    const results = await fresh.search({ query: 'gene:PAX5' });
    expect(results.publications.total).toBe(pax5);
    expect(results.ready).toBe(true);
  });
});

describe('the index file beside the library', () => {
  // The shards a process indexed from their files (not read back from the index file).
  const countReads = (app: Awaited<ReturnType<typeof open>>) => app.librarySearch.shardsIndexed;

  it('is written once the index is built, and read at the next start instead of the shards', async () => {
    const first = await open();
    await first.importFile(PAX5_PAGE);
    const expected = await first.search({ query: 'leukemia ' });
    await first.librarySearch.save();
    const bytes = (await stat(join(dir.path, INDEX_FILE))).size;
    expect(bytes).toBeGreaterThan(1000);

    const second = await open();
    const reads = countReads(second);
    // A page of results is read from the index's docs files, not from the shards.
    let shardReads = 0;
    const publications = second.store.publications.bind(second.store);
    second.store.publications = (ids) => {
      if ([...ids].length) shardReads++;
      return publications(ids);
    };
    const again = await second.search({ query: 'leukemia ' });
    expect(reads).toEqual([]);
    expect(shardReads).toBe(0);
    expect(again.publications.items[0]!.snippet).not.toBe('');
    expect(again.publications.total).toBe(expected.publications.total);
    expect(again.publications.items.map((p) => [p.id, p.score])).toEqual(expected.publications.items.map((p) => [p.id, p.score]));
  });

  it('re-indexes only the shard another process changed since it was written', async () => {
    const first = await open();
    await first.importFile(PAX5_PAGE);
    await first.search({ query: 'x' });
    await first.librarySearch.save();
    // Another process adds a paper to PAX5's shard.
    const other = await LibraryService.open(dir.path);
    await other.store.addPublications('PAX5', [{ ...(await other.store.getGene('PAX5'))!.publications[0]!, id: 'pmid:99999999', pmid: '99999999', title: 'Zanubrutinib xenograft study' }], 'test');
    const catalogue = JSON.parse(await readFile(join(dir.path, 'library.json'), 'utf8'));

    const second = await open();
    const reads = countReads(second);
    const found = await second.search({ query: 'zanubrutinib' });
    expect(found.publications.items.map((p) => p.id)).toEqual(['pmid:99999999']);
    expect(reads).toEqual([catalogue.genes.PAX5.runs.at(-1)[0]]);
  });

  it('a damaged or foreign index file is ignored, the index built again, and the file replaced', async () => {
    const first = await open();
    const expected = (await first.search({ query: 'IKZF1 ' })).publications.total;
    for (const damage of ['truncated', 'garbage', 'version']) {
      const file = join(dir.path, INDEX_FILE);
      await first.librarySearch.save();
      const good = await readFile(file);
      const bad = damage === 'truncated' ? good.subarray(0, good.length - 100) : damage === 'garbage' ? Buffer.from('{"not":"an index"}') : Buffer.concat([good.subarray(0, 4), Buffer.from([9, 0, 0, 0]), good.subarray(8)]);
      await writeFile(file, bad);
      const again = await open();
      expect((await again.search({ query: 'IKZF1 ' })).publications.total, damage).toBe(expected);
      await again.librarySearch.save();
      expect((await readFile(file)).equals(bad), damage).toBe(false);
    }
  });

  it('a shard whose docs file is gone is indexed again, and files no index names are removed', async () => {
    const first = await open();
    await first.importFile(PAX5_PAGE);
    const expected = (await first.search({ query: 'leukemia ' })).publications.total;
    await first.librarySearch.save();
    const docs = join(dir.path, 'search-docs');
    const [gone, ...kept] = await readdir(docs);
    await rm(join(docs, gone!));
    await writeFile(join(docs, 'p000099-0123456789ab.docs'), 'left by a crash');
    const second = await open();
    expect((await second.search({ query: 'leukemia ' })).publications.total).toBe(expected);
    expect(second.librarySearch.shardsIndexed).toEqual([gone!.slice(0, 7)]);
    const now = await readdir(docs);
    expect(now).not.toContain('p000099-0123456789ab.docs');
    for (const name of kept) expect(now).toContain(name);
  });

  it('a dry run reads the index file but never writes one', async () => {
    const app = await open();
    await app.search({ query: 'x' });
    const dry = await LibraryService.open(dir.path, { readOnly: true, waitForSearchIndex: true });
    expect((await dry.search({ query: 'IKZF1' })).publications.total).toBeGreaterThan(0);
    await dry.librarySearch.save();
    await expect(stat(join(dir.path, INDEX_FILE))).rejects.toThrow();
  });
});

describe('indexing in a worker thread', () => {
  // The worker as main runs it: `npm test` builds out/ before the unit tests.
  const worker = join(ROOT, 'out', 'main', 'search-worker.cjs');

  it('gives the same index as indexing in this thread, and the work is done in the worker', async () => {
    const plain = await open();
    await plain.importFile(PAX5_PAGE);
    const expected = await plain.search({ query: 'leukemia deletion ' });
    await rm(join(dir.path, INDEX_FILE), { force: true });
    const threaded = await LibraryService.open(dir.path, { waitForSearchIndex: true, searchWorker: worker });
    const got = await threaded.search({ query: 'leukemia deletion ' });
    expect(threaded.librarySearch.indexer.builtInWorker).toBe(threaded.librarySearch.shardsIndexed.length);
    expect(threaded.librarySearch.indexer.builtInWorker).toBeGreaterThan(0);
    expect(got.publications.items.map((p) => [p.id, p.score])).toEqual(expected.publications.items.map((p) => [p.id, p.score]));
    await threaded.librarySearch.indexer.close();
  });

  it('a worker that cannot start leaves the indexing to this thread', async () => {
    const app = await LibraryService.open(dir.path, { samplePath: SAMPLE, waitForSearchIndex: true, searchWorker: join(dir.path, 'no-such-worker.cjs') });
    expect((await app.search({ query: 'IKZF1' })).publications.total).toBeGreaterThan(0);
    expect(app.librarySearch.indexer.builtInWorker).toBe(0);
  });
});
