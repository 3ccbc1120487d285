import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LibraryService } from '../../electron/core/service';
import { PAX5_PAGE, SAMPLE, tempDir } from '../helpers';

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
