import { spawnSync } from 'node:child_process';
import { mkdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../electron/core/service';
import { LockLostError, withFolderLock } from '../../electron/core/library/folder-lock';
import { SAMPLE, buildCli, geneshelf, tempDir } from '../helpers';

// Several writers on one library folder: the app and CLI runs, at the same moment. Every write
// that any of them reported done must be on disk afterwards.

let dir: { path: string; cleanup: () => Promise<void> };
let library: string;
beforeAll(() => buildCli());
beforeEach(async () => {
  dir = await tempDir();
  library = join(dir.path, 'library');
  await LibraryService.open(library, { samplePath: SAMPLE });
});
afterEach(() => dir.cleanup());

async function geneFile(symbol: string): Promise<string> {
  const file = join(dir.path, `${symbol}.genefile.json`);
  await writeFile(file, JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol, name: `gene ${symbol}`, publications: [{ title: `A paper about ${symbol}`, authors: ['Osei K'], journal: 'Blood', year: 2021 }] }] }));
  return file;
}

describe('several processes writing to one library at once', () => {
  it('twelve bookmarks, four imports and two removals, all started at one moment, are all on disk', async () => {
    const ids = (await (await LibraryService.open(library)).getPublications('IKZF1', null, 0, 12))!.items.map((p) => p.id);
    expect(ids).toHaveLength(12);
    const first = await geneFile('GATA2');
    await geneshelf('import', first, '--library', library);
    await geneshelf('import', await geneFile('RUNX1'), '--library', library);
    const files = await Promise.all(['PAX5', 'CDKN2A', 'ETV6', 'TP53'].map(geneFile));
    const runs = await Promise.all([
      ...ids.map((id) => geneshelf('bookmark', id, '--library', library)),
      ...files.map((f) => geneshelf('import', f, '--library', library)),
      geneshelf('remove', 'GATA2', '--library', library),
      geneshelf('remove', 'RUNX1', '--library', library),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);

    const after = await LibraryService.open(library);
    expect(after.listGenes().map((g) => g.symbol)).toEqual(['CDKN2A', 'ETV6', 'IKZF1', 'PAX5', 'TP53']);
    expect(new Set((await after.getList('reading-list'))!.entries.map((e) => e.publication.id))).toEqual(new Set(ids));
  });

  it('ten CLI processes and the app renaming and making lists at the same moment: every change is kept', async () => {
    const app = await LibraryService.open(library);
    const ward = await app.createList('Ward');
    const clinic = await app.createList('Clinic');
    const ids = (await app.getPublications('IKZF1', null, 12, 8))!.items.map((p) => p.id);
    const [runs] = await Promise.all([
      Promise.all([
        ...ids.map((id) => geneshelf('bookmark', id, '--list', 'Ward', '--library', library)),
        geneshelf('import', await geneFile('ETV6'), '--library', library),
        geneshelf('import', await geneFile('TP53'), '--library', library),
      ]),
      (async () => {
        await app.renameList(clinic.id, 'Clinic, Thursday');
        await app.createList('Tumour board');
        await app.setMembership(ids[0]!, clinic.id, true);
      })(),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const disk = await LibraryService.open(library);
    expect(disk.listsState().lists.map((l) => [l.name, l.count])).toEqual([
      ['Reading list', 0],
      ['Ward', 8],
      ['Clinic, Thursday', 1],
      ['Tumour board', 0],
    ]);
    expect(new Set((await disk.getList(ward.id))!.entries.map((e) => e.publication.id))).toEqual(new Set(ids));
    expect(disk.listGenes().map((g) => g.symbol)).toEqual(['ETV6', 'IKZF1', 'TP53']);
  });

  it('the app\'s next write keeps what the CLI wrote in between (it re-reads the files first)', async () => {
    const app = await LibraryService.open(library);
    const [a, b] = (await app.getPublications('IKZF1', null, 0, 2))!.items.map((p) => p.id);
    await app.setMembership(a!, 'reading-list', true);
    expect((await geneshelf('import', await geneFile('PAX5'), '--library', library)).code).toBe(0);
    expect((await geneshelf('bookmark', b!, '--library', library)).code).toBe(0);
    // The app, still open with its old copy, writes again.
    await app.setNote('reading-list', a!, 'seen by the app');
    const disk = await LibraryService.open(library);
    expect(disk.listGenes().map((g) => g.symbol)).toEqual(['IKZF1', 'PAX5']);
    expect((await disk.getList('reading-list'))!.entries.map((e) => [e.publication.id, e.note])).toEqual([
      [a, 'seen by the app'],
      [b, ''],
    ]);
    // And the app itself now shows the CLI's gene.
    expect(app.listGenes().map((g) => g.symbol)).toEqual(['IKZF1', 'PAX5']);
  });

  it('the app\'s watcher hears of a CLI import within two seconds, and not of its own writes', async () => {
    const app = await LibraryService.open(library);
    const heard: number[] = [];
    const stop = app.watchOtherWriters(() => heard.push(Date.now()));
    try {
      await app.setMembership((await app.getPublications('IKZF1', null, 0, 1))!.items[0]!.id, 'reading-list', true);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(heard).toEqual([]);
      const done = (await geneshelf('import', await geneFile('PAX5'), '--library', library)).code === 0 ? Date.now() : NaN;
      await expect.poll(() => heard.length, { timeout: 2_500 }).toBe(1);
      expect(heard[0]! - done).toBeLessThan(2_000);
      expect(app.listGenes().map((g) => g.symbol)).toEqual(['IKZF1', 'PAX5']);
    } finally {
      stop();
    }
  });

  it('a fresh lock whose owner on this machine was killed is freed at once, not after it goes stale', async () => {
    // Opened before the lock is left, so the timed write is the first to meet it.
    const service = await LibraryService.open(library);
    const id = (await service.getPublications('IKZF1', null, 0, 1))!.items[0]!.id;
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const lock = join(library, 'library.lock');
    await mkdir(lock);
    await writeFile(join(lock, 'owner'), `${hostname()}\n${dead}\n`);
    const started = Date.now();
    await service.setMembership(id, 'reading-list', true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a writer whose lock was taken over while it stalled writes nothing over the new holder', async () => {
    const lock = join(library, 'library.lock');
    const outcome = await withFolderLock(library, async (guard) => {
      // Another program takes the lock as stale (here: the folder goes, and a new one is made).
      await rm(lock, { recursive: true, force: true });
      await mkdir(lock);
      // proper-lockfile notices at its next refresh of the lock, within STALE_MS / 2.
      await new Promise((r) => setTimeout(r, 6_000));
      try {
        guard.check();
        return 'wrote';
      } catch (error) {
        return error instanceof LockLostError ? 'stopped' : String(error);
      }
    });
    expect(outcome).toBe('stopped');
    // The new holder's lock is left as it is.
    await expect(stat(lock)).resolves.toBeDefined();
  }, 15_000);

  it('a writer that holds the lock past its refresh (a large import) keeps it and may write', async () => {
    const outcome = await withFolderLock(library, async (guard) => {
      // Longer than STALE_MS / 2, when proper-lockfile first refreshes the lock and checks it is still its own.
      await new Promise((r) => setTimeout(r, 6_000));
      try {
        guard.check();
        return 'wrote';
      } catch (error) {
        return String(error);
      }
    });
    expect(outcome).toBe('wrote');
    // And let go of it: the next writer does not wait.
    await expect(stat(join(library, 'library.lock'))).rejects.toThrow();
  }, 15_000);

  it('a lock left by a writer that was killed does not block the library for good', async () => {
    const id = (await (await LibraryService.open(library)).getPublications('IKZF1', null, 0, 1))!.items[0]!.id;
    const lock = join(library, 'library.lock');
    await mkdir(lock);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    const started = Date.now();
    const run = await geneshelf('bookmark', id, '--library', library);
    expect(run.code, run.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
