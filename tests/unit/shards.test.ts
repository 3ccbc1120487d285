import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../electron/core/service';
import { LibraryStore } from '../../electron/core/library';
import { SHARD_SIZE } from '../../electron/core/library/shards';
import { COMPACT_SLACK_BYTES, readIdentityLog } from '../../electron/core/library/identity-index';
import { markOf } from '../../electron/core/library/catalogue';
import { planChange } from '../../electron/core/library/change-plan';
import { geneWithSymbol, type Gene, type Publication } from '../../electron/core/model';
import { PAX5_PAGE, SAMPLE, SEED, tempDir, userOnDisk, writeTrickyGeneFile } from '../helpers';

// The library as a catalogue (library.json) and shards of publications (publications/pNNNNNN.json):
// what one gene costs to show and to change follows the gene, not the library.

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.cleanup());

const shardFolder = () => join(dir.path, 'publications');
const shardFiles = async () => (await readdir(shardFolder())).filter((n) => /^p\d{6}\.json$/.test(n)).sort();
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));
const catalogue = () => readJson(join(dir.path, 'library.json'));
/** Which shard holds each publication, from the genes' runs in the catalogue. */
function placementIn(cat: { genes: Record<string, { publicationIds: string[]; runs: Array<[string, number]> }> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const gene of Object.values(cat.genes)) {
    let i = 0;
    for (const [shard, count] of gene.runs) for (let k = 0; k < count; k++) out[gene.publicationIds[i++]!] = shard;
  }
  return out;
}

function publication(i: number, prefix = 'Paper'): Publication {
  return { id: `pmid:${1_000_000 + i}`, pmid: String(1_000_000 + i), authors: [`Author${i} A`], etAl: false, title: `${prefix} ${i}`, journal: 'Blood', year: 2020, freeFullText: false, abstract: '' };
}

/** Runs `change`, which must fail because the catalogue's write fails (as on a full disk), then lets writes through again. */
async function failingCatalogueWrite(service: LibraryService, change: () => Promise<unknown>): Promise<void> {
  const store = service.store as unknown as { write: (file: string, ...rest: unknown[]) => Promise<void> };
  const real = store.write;
  store.write = async function (this: unknown, file: string, ...rest: unknown[]) {
    if (file === LibraryStore.libraryFile(dir.path)) throw new Error('ENOSPC: no space left on device');
    return real.call(this, file, ...rest);
  };
  try {
    await expect(change()).rejects.toThrow(/ENOSPC/);
  } finally {
    delete (store as { write?: unknown }).write;
  }
}

function gene(symbol: string, publications: Publication[]): Gene {
  return { ...geneWithSymbol(symbol), name: `${symbol} gene`, publications };
}

describe('the sharded library', () => {
  it('keeps each gene’s publications in its own shard, and the catalogue says where each one is', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    await service.importFile(PAX5_PAGE);
    expect(await shardFiles()).toEqual(['p000000.json', 'p000001.json']);
    const cat = await catalogue();
    expect(cat.genes.IKZF1.shard).toBe('p000000');
    expect(cat.genes.PAX5.shard).toBe('p000001');
    const ikzf1 = await readJson(join(shardFolder(), 'p000000.json'));
    expect(Object.keys(ikzf1.publications).sort()).toEqual([...cat.genes.IKZF1.publicationIds].sort());
    for (const id of cat.genes.PAX5.publicationIds) expect(placementIn(cat)[id]).toBe('p000001');
  });

  it('shows one gene without reading another gene’s shard, and an import rewrites only the shards it changes', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    await service.importFile(PAX5_PAGE);
    const ikzf1Shard = join(shardFolder(), 'p000000.json');
    const before = await stat(ikzf1Shard);
    const ikzf1Bytes = await readFile(ikzf1Shard);

    // Another gene file into a third gene: IKZF1's shard is not written.
    const { path } = await writeTrickyGeneFile(dir.path, { symbol: 'CDKN2A' });
    await service.importFile(path);
    expect((await stat(ikzf1Shard)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(ikzf1Shard)).toEqual(ikzf1Bytes);

    // PAX5's shard made unreadable: IKZF1 still opens, whole, with nothing to report.
    await writeFile(join(shardFolder(), 'p000001.json'), '{"schemaVersion":1,"publications":{');
    const fresh = await LibraryService.open(dir.path);
    expect(fresh.notices()).toEqual([]);
    expect((await fresh.getGeneView('IKZF1'))!.gene.publications).toHaveLength(30);
  });

  it('a damaged shard is moved aside when first read, offered for restore at every open until restored', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    await service.importFile(PAX5_PAGE);
    // A second open makes each shard's good copy (a shard is backed up when it has changed since).
    await (await LibraryService.open(dir.path)).getGeneView('PAX5');
    const good = await readFile(join(shardFolder(), 'p000001.json'));
    await writeFile(join(shardFolder(), 'p000001.json'), 'not json at all');

    const app = await LibraryService.open(dir.path);
    expect(app.notices()).toEqual([]);
    const damagedView = await app.getGeneView('PAX5');
    expect(damagedView!.gene.publications).toEqual([]);
    const notice = app.notices().find((n) => n.kind === 'corrupt-moved-aside');
    expect(notice?.message).toMatch(/^Publications shard p000001 \(publications\/p000001\.json\) could not be read \(.+\)\. It was moved aside to p000001\.json\.corrupt-.+ the last good copy can be restored\.$/);
    expect((await readdir(shardFolder())).some((n) => n.startsWith('p000001.json.corrupt-'))).toBe(true);

    // A shard moved aside is no change by another program: the app is not told of one every second.
    expect(await app.store.pickUpOtherWriters()).toBe(false);
    expect(await app.store.pickUpOtherWriters()).toBe(false);

    // The next open says so at once, before any gene is shown; the CLI refuses to act on it.
    const next = await LibraryService.open(dir.path);
    expect(next.notices().map((n) => n.file)).toEqual([join(shardFolder(), 'p000001.json')]);
    await next.restoreLibraryBackup();
    expect(await readFile(join(shardFolder(), 'p000001.json'))).toEqual(good);
    expect((await next.getGeneView('PAX5'))!.gene.publications).toHaveLength(6);
    expect((await LibraryService.open(dir.path)).notices()).toEqual([]);
  });

  it('begins a new shard when a gene’s shard is full', async () => {
    const service = await LibraryService.open(dir.path);
    const many = Array.from({ length: SHARD_SIZE + 5 }, (_, i) => publication(i));
    await service.store.saveGenes([gene('BIG1', many)], 'test');
    const shards = await shardFiles();
    expect(shards).toEqual(['p000000.json', 'p000001.json']);
    expect(Object.keys((await readJson(join(shardFolder(), shards[0]!))).publications)).toHaveLength(SHARD_SIZE);
    expect(Object.keys((await readJson(join(shardFolder(), shards[1]!))).publications)).toHaveLength(5);
    const reopened = await LibraryService.open(dir.path);
    expect((await reopened.getGeneView('BIG1'))!.gene.publications.map((p) => p.id)).toEqual(many.map((p) => p.id));
  });

  it('removing a gene drops the publications no other gene cites, from its shard too; shared and listed ones stay', async () => {
    const service = await LibraryService.open(dir.path);
    const shared = publication(1, 'Shared');
    await service.store.saveGenes([gene('AAA1', [shared, publication(2)]), gene('BBB2', [shared, publication(3)])], 'test');
    await service.setMembership(publication(2).id, 'reading-list', true);
    await service.removeGene('AAA1');
    const cat = await catalogue();
    expect(Object.keys(placementIn(cat)).sort()).toEqual([shared.id, publication(3).id].sort());
    const shardOfAaa = await readJson(join(shardFolder(), 'p000000.json'));
    expect(Object.keys(shardOfAaa.publications)).toEqual([shared.id]);
    // The listed publication left the library and stays in the list, from its snapshot, with its gene's name.
    const entry = (await (await LibraryService.open(dir.path)).getList('reading-list'))!.entries[0]!;
    expect(entry).toMatchObject({ inLibrary: false, genes: ['AAA1'] });
    expect(entry.publication.title).toBe('Paper 2');
  });

  it('a listed paper has no snapshot while the library holds it: a bookmark writes only the lists; a removed gene’s paper gets one, and loses it when the gene comes back', async () => {
    const service = await LibraryService.open(dir.path);
    const paper = { ...publication(1), abstract: 'A long abstract that belongs in the library, not in user.json.' };
    await service.store.saveGenes([gene('AAA1', [paper])], 'test');
    await service.setMembership(paper.id, 'reading-list', true);
    const userJson = async () => JSON.stringify(await userOnDisk(dir.path));
    expect(await userJson()).not.toContain('A long abstract');
    expect((await service.getList('reading-list'))!.entries[0]!.publication.abstract).toBe(paper.abstract);

    await service.removeGene('AAA1');
    expect(JSON.parse(await userJson()).snapshots[paper.id]).toMatchObject({ abstract: paper.abstract, genes: ['AAA1'] });
    expect((await service.getList('reading-list'))!.entries[0]).toMatchObject({ inLibrary: false, genes: ['AAA1'] });

    await service.store.saveGenes([gene('AAA1', [paper])], 'test');
    await service.setLastGene('AAA1');
    expect(JSON.parse(await userJson()).snapshots).toEqual({});
    expect((await service.getList('reading-list'))!.entries[0]).toMatchObject({ inLibrary: true, genes: ['AAA1'] });
  });

  it('a re-import that changes a listed publication shows in the list at once', async () => {
    const service = await LibraryService.open(dir.path);
    await service.store.saveGenes([gene('AAA1', [publication(1)])], 'test');
    await service.setMembership(publication(1).id, 'reading-list', true);
    await service.store.saveGenes([gene('AAA1', [{ ...publication(1), title: 'Corrected title' }])], 'test');
    const again = await LibraryService.open(dir.path);
    expect((await again.getList('reading-list'))!.entries[0]!.publication.title).toBe('Corrected title');
    expect((await again.getGeneView('AAA1'))!.gene.publications[0]!.title).toBe('Corrected title');
  });

  it('keeps each version of a shard it writes as its newest good copy, the older ones moving down', async () => {
    const service = await LibraryService.open(dir.path);
    const shard = join(shardFolder(), 'p000000.json');
    await service.store.saveGenes([gene('AAA1', [publication(1)])], 'test');
    const first = await readFile(shard);
    expect(await readFile(`${shard}.bak`)).toEqual(first);
    await service.store.saveGenes([gene('AAA1', [{ ...publication(1), title: 'Second version' }])], 'test');
    expect(await readFile(`${shard}.bak`)).toEqual(await readFile(shard));
    expect(await readFile(`${shard}.bak.2`)).toEqual(first);
    // Damaged now: restore gives it back as last written.
    const last = await readFile(shard);
    await writeFile(shard, '{"schemaVersion":1,"publi');
    const app = await LibraryService.open(dir.path);
    expect((await app.getGeneView('AAA1'))!.gene.publications).toEqual([]);
    // While it waits to be restored, nothing is written over it.
    await expect(app.store.saveGenes([gene('AAA1', [publication(2)])], 'test')).rejects.toThrow('waits to be restored');
    await app.restoreLibraryBackup();
    expect(await readFile(shard)).toEqual(last);
    expect((await app.getGeneView('AAA1'))!.gene.publications.map((p) => p.title)).toEqual(['Second version']);
  });

  it('a shard the catalogue counts but that is missing is damage: said, listed by the doctor and restorable', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    const shard = join(shardFolder(), 'p000000.json');
    const good = await readFile(shard);
    await rm(shard);
    const app = await LibraryService.open(dir.path);
    expect((await app.getGeneView('IKZF1'))!.gene.publications).toEqual([]);
    expect(app.notices().map((n) => n.message)).toEqual(['Publications shard p000000 (publications/p000000.json) could not be read (the file is missing). The last good copy can be restored.']);
    expect(LibraryStore.files(dir.path).map((f) => f.label)).toContain('Publications shard p000000 (publications/p000000.json)');
    await app.restoreLibraryBackup();
    expect(await readFile(shard)).toEqual(good);
    expect((await app.getGeneView('IKZF1'))!.gene.publications).toHaveLength(30);
  });

  it('a listed paper whose shard cannot be read stops the removal of its gene, so it never leaves the list uncopied', async () => {
    const service = await LibraryService.open(dir.path);
    await service.store.saveGenes([gene('AAA1', [publication(1)]), gene('BBB2', [publication(2)])], 'test');
    await service.setMembership(publication(1).id, 'reading-list', true);
    await writeFile(join(shardFolder(), 'p000000.json'), 'damaged');
    const app = await LibraryService.open(dir.path);
    await expect(app.removeGene('AAA1')).rejects.toThrow(/does not hold pmid:1000001, which a reading list holds.*nothing was changed/);
    expect(app.listGenes().map((g) => g.symbol)).toEqual(['AAA1', 'BBB2']);
    expect((await catalogue()).genes.AAA1).toBeDefined();
    await app.restoreLibraryBackup();
    await app.removeGene('AAA1');
    expect((await app.getList('reading-list'))!.entries[0]).toMatchObject({ inLibrary: false, genes: ['AAA1'] });
  });

  it('a write that fails leaves memory as the files are, and the same change goes through afterwards', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    const catalogueBefore = await readFile(join(dir.path, 'library.json'));
    const identityBefore = await readFile(join(dir.path, 'identity.log'));
    // PAX5's new shard cannot be written: a folder stands where its file would go.
    await mkdir(join(shardFolder(), 'p000001.json'));
    await expect(service.importFile(PAX5_PAGE)).rejects.toThrow();
    expect(await readFile(join(dir.path, 'library.json'))).toEqual(catalogueBefore);
    expect(await readFile(join(dir.path, 'identity.log'))).toEqual(identityBefore);
    expect(service.listGenes().map((g) => g.symbol)).toEqual(['IKZF1']);
    expect((await service.store.identities()).length).toBe(30);
    expect(Object.values(placementIn(await catalogue())).every((name) => name === 'p000000')).toBe(true);

    await rm(join(shardFolder(), 'p000001.json'), { recursive: true });
    await service.importFile(PAX5_PAGE);
    expect((await service.getGeneView('PAX5'))!.gene.publications).toHaveLength(6);
    expect((await LibraryService.open(dir.path)).listGenes().map((g) => [g.symbol, g.publicationCount])).toEqual([
      ['IKZF1', 30],
      ['PAX5', 6],
    ]);
  });

  it('a change to a stored paper that fails to write does not show its new text: its shard gets its old content back', async () => {
    const service = await LibraryService.open(dir.path);
    await service.store.saveGenes([gene('AAA1', [publication(1)])], 'test');
    const shardBefore = await readFile(join(shardFolder(), 'p000000.json'));
    // The catalogue's write fails (a full disk): the change fails after the shard and the change's
    // lines in identity.log were written.
    const logBefore = await readFile(join(dir.path, 'identity.log'));
    await failingCatalogueWrite(service, () => service.store.saveGenes([gene('AAA1', [{ ...publication(1), title: 'Retracted' }])], 'test'));
    expect((await readFile(join(dir.path, 'identity.log'))).toString()).toContain('retracted');
    expect((await readFile(join(dir.path, 'identity.log'))).subarray(0, logBefore.length)).toEqual(logBefore);
    expect(await readFile(join(shardFolder(), 'p000000.json'))).toEqual(shardBefore);
    // The index, read at the catalogue's generation, leaves out the lines of the change that failed.
    expect((await (await LibraryService.open(dir.path)).store.identities()).map((x) => x.key)).toEqual(['paper 1|2020|author1']);
    expect((await service.getGeneView('AAA1'))!.gene.publications[0]!.title).toBe('Paper 1');
    expect((await (await LibraryService.open(dir.path)).getGeneView('AAA1'))!.gene.publications[0]!.title).toBe('Paper 1');
  });

  it('keeps which genes cite each paper up to date change by change, as a fresh open works it out', async () => {
    const service = await LibraryService.open(dir.path);
    const store = service.store;
    const p = (i: number) => publication(i);
    const steps: Array<() => Promise<unknown>> = [
      () => store.saveGenes([gene('AAA1', [p(1), p(2), p(3)]), gene('BBB2', [p(2), p(4)])], 'test'),
      () => store.addPublications('CCC3', [p(3), p(5)], 'test'),
      () => store.saveGenes([gene('AAA1', [p(3), p(6)])], 'test'),
      () => store.addPublications('BBB2', [p(1)], 'test'),
      () => store.removeGene('CCC3'),
      () => store.saveGenes([gene('CCC3', [p(2), p(5)])], 'test'),
    ];
    const ids = Array.from({ length: 7 }, (_, i) => p(i).id);
    for (const step of steps) {
      ids.forEach((id) => store.genesCiting(id)); // the index is built, then kept up to date
      await step();
      const fresh = (await LibraryService.open(dir.path)).store;
      expect(ids.map((id) => store.genesCiting(id))).toEqual(ids.map((id) => fresh.genesCiting(id)));
    }
    expect(store.genesCiting(p(2).id)).toEqual(['BBB2', 'CCC3']);
  });

  it('sees a publication another process changed in a shard this one has read', async () => {
    const app = await LibraryService.open(dir.path);
    await app.store.saveGenes([gene('AAA1', [publication(1)])], 'test');
    expect((await app.getGeneView('AAA1'))!.gene.publications[0]!.title).toBe('Paper 1');
    const cli = await LibraryService.open(dir.path);
    await cli.store.saveGenes([gene('AAA1', [{ ...publication(1), title: 'Changed elsewhere' }])], 'test');
    expect(await app.store.pickUpOtherWriters()).toBe(true);
    expect((await app.getGeneView('AAA1'))!.gene.publications[0]!.title).toBe('Changed elsewhere');
  });
});

describe('the one-time split of a library from before the shards', () => {
  // Schema 1 as it was written: every gene with its publication ids, every publication in one file.
  async function writeSingleFileLibrary(): Promise<{ text: string; genes: Record<string, string[]>; publications: Record<string, Publication> }> {
    const sample = await readJson(SAMPLE);
    const ikzf1 = sample.genes[0] as Gene;
    const publications: Record<string, Publication> = {};
    for (const p of ikzf1.publications) publications[p.id] = p;
    const orphan = publication(99, 'Cited by no gene');
    publications[orphan.id] = orphan;
    const mine = publication(7, 'Only PAX5');
    publications[mine.id] = mine;
    const { publications: _p, ...rest } = ikzf1;
    const genes = {
      IKZF1: { ...rest, publicationIds: ikzf1.publications.map((p) => p.id), importedAt: '2026-01-01T00:00:00.000Z', importedFrom: 'ikzf1.json' },
      // PAX5 cites one of IKZF1's papers too: one copy, in one shard.
      PAX5: { ...geneWithSymbol('PAX5'), publications: undefined, publicationIds: [ikzf1.publications[0]!.id, mine.id], importedAt: '2026-01-02T00:00:00.000Z', importedFrom: 'pax5.json' },
    };
    const text = JSON.stringify({ schemaVersion: 1, genes, publications });
    await mkdir(dir.path, { recursive: true });
    await writeFile(join(dir.path, 'library.json'), text);
    return { text, genes: { IKZF1: genes.IKZF1.publicationIds, PAX5: genes.PAX5.publicationIds }, publications };
  }

  it('splits library.json into the catalogue and shards after keeping the old file, with progress, and every gene reads as before', async () => {
    const old = await writeSingleFileLibrary();
    const progress: Array<[number, number]> = [];
    const service = await LibraryService.open(dir.path, { onSplitProgress: (done, total) => progress.push([done, total]) });
    expect(service.notices()).toEqual([expect.objectContaining({ kind: 'migrated', message: expect.stringContaining('split into a catalogue and 2 publication files (31 publications)') })]);
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(await readFile(join(dir.path, 'library.json.v1.bak'), 'utf8')).toBe(old.text);
    for (const [symbol, ids] of Object.entries(old.genes)) {
      expect((await service.getGeneView(symbol))!.gene.publications).toEqual(ids.map((id) => old.publications[id]));
    }
    const cat = await catalogue();
    expect(cat.schemaVersion).toBe(3);
    expect(placementIn(cat)[publication(99).id]).toBeUndefined();
    expect(placementIn(cat)[old.genes.PAX5![0]!]).toBe('p000000');
    // Opened again: nothing more to split, nothing to say.
    expect((await LibraryService.open(dir.path)).notices()).toEqual([]);
  });

  it('a catalogue that named a shard for every publication (schema 2) is upgraded to runs on each gene', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    await service.importFile(PAX5_PAGE);
    const v3 = await catalogue();
    const placement = placementIn(v3);
    const genes = Object.fromEntries(Object.entries(v3.genes as Record<string, { runs: unknown }>).map(([k, { runs: _runs, ...g }]) => [k, g]));
    const v2 = JSON.stringify({ schemaVersion: 2, genes, placement, shards: v3.shards, nextShard: v3.nextShard, generation: v3.generation });
    await writeFile(join(dir.path, 'library.json'), v2);
    const upgraded = await LibraryService.open(dir.path);
    expect(upgraded.notices()).toEqual([expect.objectContaining({ kind: 'migrated', message: expect.stringContaining('upgraded from schema 2 to 3') })]);
    expect(await readFile(join(dir.path, 'library.json.v2.bak'), 'utf8')).toBe(v2);
    expect((await catalogue()).genes).toEqual(v3.genes);
    expect((await upgraded.getGeneView('PAX5'))!.gene.publications).toHaveLength(6);
    expect(upgraded.store.holds(Object.keys(placement)[0]!)).toBe(true);
  });

  it('a dry run over a library not yet split reads it in memory and writes nothing', async () => {
    const old = await writeSingleFileLibrary();
    const service = await LibraryService.open(dir.path, { readOnly: true });
    expect(service.listGenes().map((g) => [g.symbol, g.publicationCount])).toEqual([
      ['IKZF1', 30],
      ['PAX5', 2],
    ]);
    expect((await service.getGeneView('PAX5'))!.gene.publications.map((p) => p.title)).toEqual([old.publications[old.genes.PAX5![0]!]!.title, 'Only PAX5 7']);
    expect(await readdir(dir.path)).toEqual(['library.json']);
    expect(await readFile(join(dir.path, 'library.json'), 'utf8')).toBe(old.text);
  });

  it('a damaged single-file library is moved aside, as any damaged library file is, and nothing is split', async () => {
    await writeFile(join(dir.path, 'library.json'), '{"schemaVersion":1,"genes":{');
    const service = await LibraryService.open(dir.path);
    expect(service.notices().map((n) => n.kind)).toEqual(['corrupt-moved-aside']);
    expect((await readdir(dir.path)).some((n) => n.startsWith('library.json.corrupt-'))).toBe(true);
    expect(await shardFiles()).toEqual([]);
  });

  it('lists every shard for the doctor, with its label', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    await service.importFile(PAX5_PAGE);
    expect(LibraryStore.files(dir.path).map((f) => f.label)).toEqual([
      'The library file (library.json)',
      'Your reading lists and notes (user.json)',
      'Publications shard p000000 (publications/p000000.json)',
      'Publications shard p000001 (publications/p000001.json)',
    ]);
  });
});

describe('the identity index an import checks for duplicates with', () => {
  // The same papers as a MEDLINE export holds them: a duplicate by PMID where there is one, else by title, year and first author.
  const medlineOf = (pubs: Publication[]) =>
    pubs.map((p) => `${p.pmid ? `PMID- ${p.pmid}\n` : ''}TI  - ${p.title}\nDP  - ${p.year ?? ''}\n${p.authors.map((a) => `AU  - ${a}\n`).join('')}`).join('\n');

  const logFile = () => join(dir.path, 'identity.log');
  const logLines = async () => (await readFile(logFile(), 'utf8')).split('\n').slice(0, -1);

  it('finds duplicates from identity.log and the shards it matches, without reading another gene’s shard', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    await service.importFile(PAX5_PAGE);
    const ids = (await catalogue()).genes.IKZF1.publicationIds as string[];
    const log = await readIdentityLog(logFile(), markOf(await catalogue()));
    expect([...log!.keys()].sort()).toEqual(Object.keys(placementIn(await catalogue())).sort());
    expect((await logLines()).at(-1)).toBe(`#\t${(await catalogue()).generation}\t${(await catalogue()).stamp}`);

    // PAX5's shard unreadable: an export of IKZF1's own papers never touches it.
    await writeFile(join(shardFolder(), 'p000001.json'), 'broken');
    const fresh = await LibraryService.open(dir.path);
    const ikzf1 = (await fresh.getGeneView('IKZF1'))!.gene.publications.slice(0, 3);
    const nbib = join(dir.path, 'three.nbib');
    await writeFile(nbib, medlineOf(ikzf1));
    const preview = await fresh.previewImport(nbib, { gene: 'IKZF1' });
    expect(preview.counts).toMatchObject({ new: 0, duplicate: 3 });
    expect(fresh.notices()).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(ikzf1.map((p) => p.id)));
  });

  it('a change appends its own lines to the log and leaves what was there byte for byte', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    const before = await readFile(logFile());
    await service.importFile(PAX5_PAGE);
    const after = await readFile(logFile());
    expect(after.subarray(0, before.length)).toEqual(before);
    const added = after.subarray(before.length).toString('utf8').split('\n').slice(0, -1);
    const pax5 = (await catalogue()).genes.PAX5.publicationIds as string[];
    expect(added.filter((l) => l.startsWith('+\t')).map((l) => l.split('\t')[1]).sort()).toEqual([...pax5].sort());
    expect(added.at(-1)).toBe(`#\t${(await catalogue()).generation}\t${(await catalogue()).stamp}`);
    // A gene removed lets go of the papers no other gene cites, in lines of their own.
    await service.removeGene('PAX5');
    const removal = (await readFile(logFile())).subarray(after.length).toString('utf8').split('\n').slice(0, -1);
    expect(removal.filter((l) => l.startsWith('-\t')).map((l) => l.slice(2)).sort()).toEqual([...pax5].sort());
    expect([...(await readIdentityLog(logFile(), markOf(await catalogue())))!.keys()].sort()).toEqual(Object.keys(placementIn(await catalogue())).sort());
  });

  it('lines past the catalogue’s generation (a change whose catalogue was never written, one cut off) are left out, then cut off by the next change', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    const generation = (await catalogue()).generation;
    const good = await readFile(logFile());
    // A paper a dead writer added to the log, its generation's marker, and a line it was writing when killed.
    await writeFile(logFile(), Buffer.concat([good, Buffer.from(`+\tpmid:39999999\t39999999\t\tghost paper|2021|ghost\n#\t${generation + 1}\t0123456789ab\n+\tpmid:3999`)]));
    const nbib = join(dir.path, 'ghost.nbib');
    await writeFile(nbib, 'PMID- 39999999\nTI  - Ghost paper\nDP  - 2021\nAU  - Ghost A\n');
    const fresh = await LibraryService.open(dir.path);
    expect((await fresh.store.identities()).map((x) => x.id)).not.toContain('pmid:39999999');
    expect((await fresh.previewImport(nbib, { gene: 'IKZF1' })).counts).toMatchObject({ new: 1, duplicate: 0, updated: 0 });
    await fresh.importFile(PAX5_PAGE);
    const text = await readFile(logFile(), 'utf8');
    expect(text.startsWith(good.toString('utf8'))).toBe(true);
    expect(text).not.toContain('ghost');
    expect(text).not.toContain('0123456789ab');
    expect((await (await LibraryService.open(dir.path)).store.identities()).map((x) => x.id).sort()).toEqual(Object.keys(placementIn(await catalogue())).sort());
  });

  it('a generation written again by a program that keeps no log (an older GeneShelf) after a failed change is not taken for the failed change’s', async () => {
    const service = await LibraryService.open(dir.path);
    await service.store.saveGenes([gene('AAA1', [publication(1)]), gene('BBB2', [publication(2)])], 'test');
    // Removing BBB2 fails at the catalogue: the log keeps its lines and the marker of the generation it would have made.
    await failingCatalogueWrite(service, () => service.removeGene('BBB2'));
    expect(await readFile(logFile(), 'utf8')).toContain('-\tpmid:1000002\n');
    // An older GeneShelf then writes the catalogue at that same generation, BBB2 still in it.
    const cat = await catalogue();
    await writeFile(join(dir.path, 'library.json'), JSON.stringify({ ...cat, generation: cat.generation + 1 }));
    const fresh = await LibraryService.open(dir.path);
    expect((await fresh.store.identities()).map((x) => x.id).sort()).toEqual(['pmid:1000001', 'pmid:1000002']);
    const nbib = join(dir.path, 'again.nbib');
    await writeFile(nbib, 'PMID- 1000002\nTI  - Paper 2\nDP  - 2020\nAU  - Author2 A\n');
    expect((await fresh.previewImport(nbib, { gene: 'BBB2' })).counts).toMatchObject({ new: 0, duplicate: 1 });
  });

  it('a log grown well past what it held when last written whole is written whole again', async () => {
    const service = await LibraryService.open(dir.path);
    const many = Array.from({ length: 1000 }, (_, i) => publication(i, 'A rather long title for a paper about copy number changes, number'));
    await service.store.saveGenes([gene('KEEP1', [publication(5000)])], 'test');
    const sizes: number[] = [];
    for (let round = 0; round < 12; round++) {
      await service.store.saveGenes([gene('CHURN1', many)], 'test');
      await service.removeGene('CHURN1');
      sizes.push((await stat(logFile())).size);
    }
    // Each round appends about 150 KB; without being written whole again it would pass 1.8 MB.
    expect(Math.max(...sizes)).toBeLessThan(2 * sizes[0]! + COMPACT_SLACK_BYTES + 200_000);
    expect(sizes.some((n, i) => i > 0 && n < sizes[i - 1]!)).toBe(true);
    const lines = await logLines();
    expect(lines[0]).toMatch(/^geneshelf-identity\t2\t\d+$/);
    expect((await service.store.identities()).map((x) => x.id)).toEqual(['pmid:1005000']);
  });

  it('an identity index that is missing, damaged or behind the catalogue is built again from the shards, and written whole at the next change', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    const ikzf1 = (await service.getGeneView('IKZF1'))!.gene.publications.slice(0, 2);
    const nbib = join(dir.path, 'two.nbib');
    await writeFile(nbib, medlineOf(ikzf1));
    const good = await readFile(logFile(), 'utf8');
    const { generation, stamp } = await catalogue();
    for (const spoil of [
      async () => writeFile(logFile(), good.slice(0, good.length / 2)),
      async () => writeFile(logFile(), good.replace(`#\t${generation}\t${stamp}\n`, `#\t${generation - 1}\t${stamp}\n`)),
      async () => writeFile(logFile(), good.replace(`#\t${generation}\t${stamp}\n`, `#\t${generation}\t0123456789ab\n`)),
      async () => writeFile(logFile(), good.replace(/\n\+\t/, '\nnot a line of the index\t')),
      async () => writeFile(logFile(), good.replace('geneshelf-identity\t2', 'geneshelf-identity\t9')),
      async () => rm(logFile()),
      // Not a regular file (a FIFO would block a read for ever).
      ...(process.platform === 'win32' ? [] : [async () => (await rm(logFile()), execFileSync('mkfifo', [logFile()]))]),
    ]) {
      await spoil();
      const fresh = await LibraryService.open(dir.path);
      expect(fresh.notices()).toEqual([]);
      expect((await fresh.previewImport(nbib, { gene: 'IKZF1' })).counts).toMatchObject({ new: 0, duplicate: 2 });
      // The change after such a read writes the log whole: it holds the library, and this change.
      await fresh.importFile(PAX5_PAGE);
      const log = await readIdentityLog(logFile(), markOf(await catalogue()));
      expect([...log!.keys()].sort()).toEqual(Object.keys(placementIn(await catalogue())).sort());
      await fresh.removeGene('PAX5');
    }
  });

  it('an older version’s identity.json of the catalogue’s generation is read once to write the log, then removed', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    const generation = (await catalogue()).generation;
    const identities = await service.store.identities();
    // As versions before the log kept it; one key marked, to tell it from a rebuild from the shards.
    const entries = Object.fromEntries(identities.map((x, i) => [x.id, [x.pmid ?? '', x.doi ?? '', i === 0 ? 'from the old index|1999|old' : x.key]]));
    await writeFile(join(dir.path, 'identity.json'), JSON.stringify({ schemaVersion: 1, generation, entries }));
    await rm(logFile());
    const fresh = await LibraryService.open(dir.path);
    await fresh.importFile(PAX5_PAGE);
    const log = await readIdentityLog(logFile(), markOf(await catalogue()));
    expect(log!.get(identities[0]!.id)!.key).toBe('from the old index|1999|old');
    expect(log!.size).toBe(Object.keys(placementIn(await catalogue())).length);
    await expect(stat(join(dir.path, 'identity.json'))).rejects.toThrow();
  });

  it('keeps ids, DOIs and title keys holding tabs, line breaks and backslashes as they were', async () => {
    const service = await LibraryService.open(dir.path);
    const odd = { ...publication(7), pmid: undefined, id: 'doi:10.1000/a\tb\\c', doi: '10.1000/a\tb\\c\nd' } as Publication;
    await service.store.saveGenes([gene('ODD1', [odd, publication(8)])], 'test');
    const x = (await (await LibraryService.open(dir.path)).store.identities()).find((i) => i.id === odd.id);
    expect(x).toEqual({ id: 'doi:10.1000/a\tb\\c', doi: '10.1000/a\tb\\c\nd', key: 'paper 7|2020|author7' });
  });
});

describe('planChange', () => {
  const stored = (symbol: string, ids: string[], shard?: string) => ({ ...geneWithSymbol(symbol), publicationIds: ids, runs: [], importedAt: '', importedFrom: '', ...(shard ? { shard } : {}) });

  it('places new papers in the open shard of the gene that brings them, and lets go only of papers no gene cites', () => {
    const before = { schemaVersion: 3, genes: { AAA1: stored('AAA1', ['pmid:1', 'pmid:2'], 'p000000'), BBB2: stored('BBB2', ['pmid:2'], 'p000000') }, shards: { p000000: 2 }, nextShard: 1, generation: 4 };
    const placement = new Map([
      ['pmid:1', 'p000000'],
      ['pmid:2', 'p000000'],
    ]);
    const genes: Record<string, ReturnType<typeof stored>> = { ...before.genes, CCC3: stored('CCC3', ['pmid:3', 'pmid:2']) };
    delete (genes as Record<string, unknown>).AAA1;
    const puts = new Map([
      ['pmid:3', { ...publication(3), id: 'pmid:3' }],
      ['pmid:2', { ...publication(2), id: 'pmid:2' }],
    ]);
    const plan = planChange(before, genes, puts, placement);
    expect([...plan.changedKeys].sort()).toEqual(['AAA1', 'CCC3']);
    expect([...plan.placed]).toEqual([['pmid:3', 'p000001']]);
    expect(genes.CCC3!.shard).toBe('p000001');
    expect([...plan.removals]).toEqual([['p000000', ['pmid:1']]]);
    expect([...plan.additions].map(([name, ps]) => [name, ps.map((p) => p.id)])).toEqual([
      ['p000001', ['pmid:3']],
      ['p000000', ['pmid:2']],
    ]);
    expect(plan.next).toMatchObject({ shards: { p000000: 1, p000001: 1 }, nextShard: 2, generation: 5 });
    // Nothing it was given is changed but the genes it was asked to plan.
    expect(before.shards).toEqual({ p000000: 2 });
    expect(placement.size).toBe(2);
  });
});

describe('a hostile catalogue', () => {
  it('never reads or writes outside the library folder, whatever shard names library.json gives, and still shows what it can', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    const cat = await catalogue();
    const outside = join(dir.path, '..', `outside-${Date.now()}`);
    cat.genes.IKZF1.runs = [['p000000', 10], [`../../${outside.split('/').pop()}`, 5], ['p000000', 'x'], 7];
    cat.genes.IKZF1.shard = '../escape';
    cat.shards['../../escape'] = 3;
    await writeFile(join(dir.path, 'library.json'), JSON.stringify(cat));
    const app = await LibraryService.open(dir.path);
    expect((await app.getGeneView('IKZF1'))!.gene.publications).toHaveLength(10);
    // An import into the gene puts new papers in a shard of its own, inside the folder.
    await app.store.saveGenes([{ ...geneWithSymbol('IKZF1'), publications: [publication(1)] }], 'test');
    expect((await app.getGeneView('IKZF1'))!.gene.publications.map((p) => p.id)).toEqual([publication(1).id]);
    expect((await readdir(join(dir.path, '..'))).some((n) => n.startsWith('escape') || n.startsWith('outside-'))).toBe(false);
    expect(await shardFiles()).toEqual(['p000000.json', 'p000001.json']);
  });
});

describe('files that parse but are not what they say', () => {
  it('a catalogue or a shard of the wrong shape is damage, named by its JSON path, moved aside and restorable', async () => {
    const service = await LibraryService.open(dir.path);
    await service.importFile(SEED);
    const cat = await catalogue();
    const goodShard = await readFile(join(shardFolder(), 'p000000.json'));
    await writeFile(join(shardFolder(), 'p000000.json'), JSON.stringify({ schemaVersion: 1, publications: { 'pmid:1': 'not a paper' } }));
    const app = await LibraryService.open(dir.path);
    expect((await app.getGeneView('IKZF1'))!.gene.publications).toEqual([]);
    expect(app.notices().map((n) => n.message)).toEqual([expect.stringContaining('could not be read ($.publications["pmid:1"] is not a publication)')]);
    await app.restoreLibraryBackup();
    expect(await readFile(join(shardFolder(), 'p000000.json'))).toEqual(goodShard);

    await writeFile(join(dir.path, 'library.json'), JSON.stringify({ ...cat, genes: { ...cat.genes, IKZF1: { ...cat.genes.IKZF1, publicationIds: 'pmid:1' } } }));
    const next = await LibraryService.open(dir.path);
    expect(next.notices().map((n) => n.message)).toEqual([expect.stringMatching(/^The library file \(library\.json\) could not be read \(\$\.genes\.IKZF1\.publicationIds is not a list of ids\)\. It was moved aside/)]);
    await next.restoreLibraryBackup();
    expect((await next.getGeneView('IKZF1'))!.gene.publications).toHaveLength(30);
  });
});
