import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LibraryService } from '../../electron/core/service';
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
    const ikzf1Only = (await app.search({ query: 'leukemia ' })).publications.total;
    await app.importFile(PAX5_PAGE);
    const pax5 = await app.search({ query: 'gene:PAX5' });
    expect(pax5.publications.total).toBeGreaterThan(0);
    expect(pax5.publications.items.every((p) => p.genes.includes('PAX5'))).toBe(true);
    expect((await app.search({ query: 'leukemia ' })).publications.total).toBeGreaterThan(ikzf1Only);
    const indexed = app.librarySearch.shardsIndexed.length;
    await app.removeGene('PAX5');
    expect((await app.search({ query: 'gene:PAX5' })).problems).toHaveLength(1);
    // PAX5's papers left the results and every count; IKZF1's are all still found.
    const after = await app.search({ query: 'leukemia ', limit: 200 });
    expect(after.publications.total).toBe(ikzf1Only);
    expect(after.facets.genes.map((g) => g.symbol)).toEqual(['IKZF1']);
    expect(after.publications.items.every((p) => p.genes.includes('IKZF1'))).toBe(true);
    // Only the shard the removal changed was read again, not IKZF1's.
    expect(app.librarySearch.shardsIndexed.length).toBeLessThanOrEqual(indexed + 1);
  });

  it('a removal whose shard was not rewritten still takes its papers out of the results', async () => {
    const app = await open();
    const ikzf1Only = (await app.search({ query: 'leukemia ' })).publications.total;
    await app.importFile(PAX5_PAGE);
    await app.search({ query: 'leukemia ' });
    // The catalogue no longer places PAX5's papers anywhere, but their shard file is as it was
    // (the tidy after a removal failed, say): the signatures alone would keep them found.
    const shardOf = app.store.shardOf.bind(app.store);
    const pax5 = app.store.publicationIdsOf('PAX5');
    app.store.shardOf = (id) => (pax5.has(id) && !app.store.publicationIdsOf('IKZF1').has(id) ? undefined : shardOf(id));
    (app.store as { revision: number }).revision++;
    expect((await app.search({ query: 'leukemia ' })).publications.total).toBe(ikzf1Only);
  });

  it('pages through every result once: each page starts where main says the last one ended', async () => {
    const app = await open();
    await app.importFile(PAX5_PAGE);
    const first = await app.search({ query: 'leukemia ', limit: 7 });
    const seen: string[] = [...first.publications.items.map((p) => p.id)];
    let next = first.publications.next;
    expect(next).toBe(7);
    while (next < first.publications.total) {
      const page = await app.search({ query: 'leukemia ', limit: 7, offset: next });
      seen.push(...page.publications.items.map((p) => p.id));
      next = page.publications.next;
    }
    expect(seen).toHaveLength(first.publications.total);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('a facet alone, with the box empty, finds what it narrows to', async () => {
    const app = await open();
    const years = await app.search({ query: '', years: { from: 2018, to: 2018 }, limit: 200 });
    expect(years.publications.total).toBeGreaterThan(0);
    expect(years.publications.items.every((p) => p.year === 2018)).toBe(true);
    const free = await app.search({ query: '', freeFullText: true, limit: 200 });
    expect(free.publications.total).toBeGreaterThan(0);
    expect(free.publications.items.every((p) => p.freeFullText)).toBe(true);
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

describe('the index on disk beside the library', () => {
  // The shards a process indexed from their files (not read back from the index).
  const countReads = (app: Awaited<ReturnType<typeof open>>) => app.librarySearch.shardsIndexed;
  const folder = () => join(dir.path, 'search');
  const segmentFiles = async () => (await readdir(folder())).filter((f) => f.endsWith('.seg')).sort();

  it('is written as the index is built, and read at the next start instead of the shards', async () => {
    const first = await open();
    await first.importFile(PAX5_PAGE);
    const expected = await first.search({ query: 'leukemia ' });
    await first.librarySearch.save();
    expect(await segmentFiles()).toHaveLength(2);
    expect((await stat(join(folder(), 'manifest.json'))).size).toBeGreaterThan(50);

    const second = await open();
    const reads = countReads(second);
    // A page of results is read from the segment files, not from the shards.
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

  it('a change writes the segment of the shard it touched and the manifest, not the whole index', async () => {
    const app = await open();
    await app.search({ query: 'x' });
    await app.librarySearch.save();
    const before = await segmentFiles();
    await app.importFile(PAX5_PAGE);
    await app.search({ query: 'x' });
    await app.librarySearch.save();
    const after = await segmentFiles();
    // IKZF1's segment file is the same file; PAX5's shard has one of its own.
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(before.length + 1);
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

  it('a damaged or foreign manifest, terms file or segment file is ignored and what it stood for indexed again', async () => {
    const first = await open();
    await first.importFile(PAX5_PAGE);
    const expected = (await first.search({ query: 'leukemia ' })).publications.total;
    await first.librarySearch.save();
    const damages: Array<[string, (file: Buffer) => Buffer, string]> = [
      ['manifest.json', (b) => b.subarray(0, b.length - 10), 'a truncated manifest'],
      ['manifest.json', () => Buffer.from('{"format":"geneshelf.search","version":99}'), 'a manifest of another version'],
      ['terms.txt', (b) => Buffer.concat([Buffer.from('leukemia\n'), b]), 'a terms file with a term too many'],
      ['terms.txt', (b) => b.subarray(0, 20), 'a cut terms file'],
    ];
    const segments = await segmentFiles();
    for (const seg of segments) {
      damages.push([seg, (b) => b.subarray(0, b.length - 500), `a truncated segment ${seg}`]);
      // Well formed, but its postings point past their end: a reader that trusted them would never stop.
      damages.push([seg, (b) => { const c = Buffer.from(b); for (let i = 200; i < Math.min(c.length, 4000); i += 7) c[i] = 0xff; return c; }, `garbled postings in ${seg}`]);
    }
    for (const [name, damage, what] of damages) {
      const file = join(folder(), name);
      const good = await readFile(file);
      await writeFile(file, damage(good));
      const again = await open();
      expect((await again.search({ query: 'leukemia ' })).publications.total, what).toBe(expected);
      expect((await again.search({ query: 'IKZF1 deletion ' })).publications.total, what).toBeGreaterThan(0);
      await again.librarySearch.save();
      await writeFile(file, good);
    }
  });

  it('a shard whose segment file is gone is indexed again; files no manifest names are removed once old', async () => {
    const first = await open();
    await first.importFile(PAX5_PAGE);
    const expected = (await first.search({ query: 'leukemia ' })).publications.total;
    await first.librarySearch.save();
    const [gone, ...kept] = await segmentFiles();
    await rm(join(folder(), gone!));
    const old = join(folder(), 'p000099-0123456789ab.seg');
    const fresh = join(folder(), 'p000098-0123456789ab.seg');
    await writeFile(old, 'left by a crash');
    await writeFile(fresh, 'just written by another process');
    const longAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, longAgo, longAgo);
    const second = await open();
    expect((await second.search({ query: 'leukemia ' })).publications.total).toBe(expected);
    expect(second.librarySearch.shardsIndexed).toEqual([gone!.slice(0, 7)]);
    const now = await readdir(folder());
    expect(now).not.toContain('p000099-0123456789ab.seg');
    // A file another process may have just written (its manifest not yet saved) is left alone.
    expect(now).toContain('p000098-0123456789ab.seg');
    for (const name of kept) expect(now).toContain(name);
  });

  it('a dry run reads the index but never writes to it', async () => {
    const app = await open();
    await app.search({ query: 'x' });
    await app.librarySearch.save();
    const files = await readdir(folder());
    const manifest = await readFile(join(folder(), 'manifest.json'));
    const dry = await LibraryService.open(dir.path, { readOnly: true, waitForSearchIndex: true });
    expect((await dry.search({ query: 'IKZF1' })).publications.total).toBeGreaterThan(0);
    expect(dry.librarySearch.shardsIndexed).toEqual([]);
    await dry.librarySearch.save();
    expect(await readdir(folder())).toEqual(files);
    expect((await readFile(join(folder(), 'manifest.json'))).equals(manifest)).toBe(true);
    // With no index on disk it indexes in memory, and still writes nothing.
    await rm(folder(), { recursive: true });
    const dry2 = await LibraryService.open(dir.path, { readOnly: true, waitForSearchIndex: true });
    expect((await dry2.search({ query: 'IKZF1' })).publications.total).toBeGreaterThan(0);
    await dry2.librarySearch.save();
    await expect(stat(folder())).rejects.toThrow();
  });
});

describe('the index in its worker thread, as the app has it', () => {
  // The worker as main runs it: `npm test` builds out/ before the unit tests.
  const worker = join(ROOT, 'out', 'main', 'search-worker.cjs');

  it('answers as the index in this thread does, and sees what the store writes', async () => {
    const plain = await open();
    await plain.importFile(PAX5_PAGE);
    const expected = await plain.search({ query: 'leukemia deletion ' });
    await rm(join(dir.path, 'search'), { recursive: true, force: true });
    const app = await LibraryService.open(dir.path, { waitForSearchIndex: true, searchWorker: worker });
    await app.searchIndex.catchUp();
    const got = await app.search({ query: 'leukemia deletion ' });
    expect((app.searchIndex as { inWorker?: boolean }).inWorker).toBe(true);
    expect(got.publications.items.map((p) => [p.id, p.score])).toEqual(expected.publications.items.map((p) => [p.id, p.score]));
    // A change through this process's store reaches the worker through the files.
    await app.removeGene('PAX5');
    await app.searchIndex.catchUp();
    expect((await app.search({ query: 'gene:PAX5' })).problems).toEqual(['no gene PAX5 is in the library']);
    // The gene page's text filter is answered there too.
    expect((await app.getPublications('IKZF1', null, 0, 100, { text: 'Ayon-Perez' }))!.items.map((p) => p.id)).toEqual(['key-5c679862123bebbe']);
    await app.searchIndex.close();
    expect(await readdir(join(dir.path, 'search'))).toContain('manifest.json');
  });

  it('a worker that cannot start leaves the searching to this thread', async () => {
    const app = await LibraryService.open(dir.path, { samplePath: SAMPLE, waitForSearchIndex: true, searchWorker: join(dir.path, 'no-such-worker.cjs') });
    expect((await app.search({ query: 'IKZF1' })).publications.total).toBeGreaterThan(0);
    expect((app.searchIndex as { inWorker?: boolean }).inWorker).toBe(false);
    await app.searchIndex.close();
  });
});

describe('a result\'s snippet', () => {
  it('stops at a word, with no full stop before its ellipsis, and opens at the first match', async () => {
    const { snippetOf } = await import('../../electron/core/search/library-search');
    const sentence = 'Treatment outcomes in malignancies. ';
    const abstract = `${'Background words about cohorts and methods. '.repeat(3)}IKZF1 deletions were common. ${sentence.repeat(12)}`;
    const snippet = snippetOf(abstract, new Set(['ikzf1']));
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet).toContain('IKZF1 deletions were common.');
    expect(snippet.endsWith('…')).toBe(true);
    // The last word before the ellipsis is whole, and no stop or comma stands before it.
    expect(snippet).toMatch(/(Treatment|outcomes|in|malignancies)…$/);
    expect(snippet.length).toBeLessThanOrEqual(242);
    // A short abstract is given whole, with its own full stop.
    expect(snippetOf('IKZF1 is short.', new Set(['ikzf1']))).toBe('IKZF1 is short.');
  });
});
