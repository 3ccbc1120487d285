import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../electron/core/service';
import { PAX5_PAGE, SAMPLE, buildCli, geneshelf, tempDir } from '../helpers';

// A damaged file is never overwritten, its last good copy never replaced by anything that was not
// opened whole, and the offer to restore it stands across every open, app and CLI alike.

let dir: { path: string; cleanup: () => Promise<void> };
const userFile = () => join(dir.path, 'user.json');
const libraryFile = () => join(dir.path, 'library.json');

beforeAll(() => buildCli());
beforeEach(async () => {
  dir = await tempDir();
  // A library that was used: the sample, a bookmark with a note, and an open that kept good copies.
  const service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
  await service.setMembership('key-1e810e348482933e', 'reading-list', true);
  await service.setNote('reading-list', 'key-1e810e348482933e', 'Ask about MRD at the MDT');
  await LibraryService.open(dir.path);
});
afterEach(() => dir.cleanup());

const DAMAGE: Array<[string, string | Buffer]> = [
  ['cut off mid-write', '{"schemaVersion":2,"lists":[{"id":"reading-list","name":"Rea'],
  ['JSON null', 'null'],
  ['a JSON array', '[]'],
  ['bytes that are not UTF-8', Buffer.concat([Buffer.from('{"schemaVersion":2,"lists":[],"x":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])],
];

describe.each(DAMAGE)('user.json damaged (%s)', (_what, bytes) => {
  it('three opens later the notes are still in a readable backup, the offer still stands, and restore brings them back', async () => {
    const goodBackup = await readFile(`${userFile()}.bak`);
    await writeFile(userFile(), bytes);
    for (let open = 1; open <= 3; open++) {
      const service = await LibraryService.open(dir.path);
      const notice = service.notices().find((n) => n.kind === 'corrupt-moved-aside');
      expect(notice, `open ${open}`).toMatchObject({ file: userFile(), backup: `${userFile()}.bak` });
      expect(notice!.message).toMatch(/^Your reading lists and notes \(user\.json\) could not be read \(.+\)\. It was moved aside to user\.json\.corrupt-.+ the last good copy can be restored\.$/);
      expect(await readFile(`${userFile()}.bak`), `open ${open}`).toEqual(goodBackup);
    }
    const aside = (await readdir(dir.path)).filter((f) => f.startsWith('user.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir.path, aside[0]!))).toEqual(Buffer.from(bytes));

    const service = await LibraryService.open(dir.path);
    await service.restoreLibraryBackup();
    expect((await service.getList('reading-list'))!.entries.map((e) => e.note)).toEqual(['Ask about MRD at the MDT']);
    const after = await LibraryService.open(dir.path);
    expect(after.notices()).toEqual([]);
    expect((await after.getList('reading-list'))!.entries).toHaveLength(1);
  });
});

describe('the CLI on a damaged library', () => {
  it('prints the app\'s notice and exits 1 instead of listing an empty stand-in, every time, until restored', async () => {
    await writeFile(userFile(), 'null');
    for (let run = 1; run <= 2; run++) {
      const lists = await geneshelf('lists', '--library', dir.path);
      expect(lists.code).toBe(1);
      expect(lists.stdout).toBe('');
      expect(lists.stderr).toMatch(/^geneshelf: Your reading lists and notes \(user\.json\) could not be read \(it holds null where a JSON object belongs\)\..*\nlists did nothing\./s);
    }
    expect((await geneshelf('bookmark', 'key-1e810e348482933e', '--library', dir.path)).code).toBe(1);
    expect((await geneshelf('genes', '--library', dir.path)).code).toBe(1);

    const doctor = await geneshelf('doctor', '--library', dir.path);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/^library\.json good, .*: The library file \(library\.json\)$/m);
    expect(doctor.stdout).toMatch(/^user\.json damaged \(it holds null where a JSON object belongs\): Your reading lists and notes \(user\.json\)$/m);
    expect(doctor.stdout).toMatch(/found damaged .* \(it holds null where a JSON object belongs\); moved aside to user\.json\.corrupt-/);
    expect(doctor.stdout).toMatch(/backups: user\.json\.bak good, /);

    const restore = await geneshelf('restore', '--library', dir.path);
    expect(restore).toMatchObject({ code: 0, stdout: 'restored user.json from user.json.bak\n' });
    const lists = await geneshelf('lists', '--library', dir.path, '--json');
    expect(lists.code).toBe(0);
    expect(JSON.parse(lists.stdout)[0].items[0].note).toBe('Ask about MRD at the MDT');
    expect((await geneshelf('doctor', '--library', dir.path)).code).toBe(0);
    expect((await geneshelf('restore', '--library', dir.path)).stdout).toBe('No file of this library is damaged; nothing was changed.\n');
    const nowhere = await geneshelf('restore', '--library', join(dir.path, 'no-such-folder'));
    expect(nowhere).toMatchObject({ code: 1, stderr: `geneshelf: ${join(dir.path, 'no-such-folder')} is not a library folder (there is no such folder); nothing was changed\n` });
  });

  it('a library begun afresh after damage is kept aside when the last good copy is restored', async () => {
    await writeFile(libraryFile(), '[1,2');
    const service = await LibraryService.open(dir.path);
    expect(service.listGenes()).toEqual([]);
    const afresh = join(dir.path, 'fresh.genefile.json');
    await writeFile(afresh, JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol: 'PAX5', publications: [] }] }));
    await service.importFile(afresh);
    expect((await LibraryService.open(dir.path)).notices().map((n) => n.kind)).toEqual(['corrupt-moved-aside']);
    await (await LibraryService.open(dir.path)).restoreLibraryBackup();
    expect((await LibraryService.open(dir.path)).listGenes().map((g) => g.symbol)).toEqual(['IKZF1']);
    const replaced = (await readdir(dir.path)).find((f) => f.startsWith('library.json.replaced-'))!;
    expect(Object.keys(JSON.parse(await readFile(join(dir.path, replaced), 'utf8')).genes)).toEqual(['PAX5']);
  });

  it('starting afresh withdraws the offer and keeps the damaged file and the backups', async () => {
    await writeFile(userFile(), 'null');
    const service = await LibraryService.open(dir.path);
    expect(await service.startLibraryAfresh()).toEqual([]);
    expect((await LibraryService.open(dir.path)).notices()).toEqual([]);
    expect((await readdir(dir.path)).some((f) => f.startsWith('user.json.corrupt-'))).toBe(true);
    expect((await readdir(dir.path)).filter((f) => f.startsWith('user.json.bak'))).not.toEqual([]);
  });
});

describe('a library that has outgrown one file', () => {
  it('is refused with its size and the limit, and is neither moved aside nor overwritten', async () => {
    await truncate(libraryFile(), 600 * 1024 * 1024); // sparse: no disk, no time
    await expect(LibraryService.open(dir.path)).rejects.toThrow(/^The library file \(library\.json\) could not be read: library\.json is 629 MB, more than the 536 MB GeneShelf can read in one piece; nothing was changed$/);
    expect((await readdir(dir.path)).filter((f) => f.startsWith('library.json.corrupt-'))).toEqual([]);
    expect((await stat(libraryFile())).size).toBe(600 * 1024 * 1024);
  });
});

describe('backup generations', () => {
  it('keeps the last three good copies, and restores the newest that reads whole', async () => {
    const service = await LibraryService.open(dir.path);
    for (const note of ['second', 'third', 'fourth']) {
      await service.setNote('reading-list', 'key-1e810e348482933e', note);
      await LibraryService.open(dir.path);
    }
    const names = (await readdir(dir.path)).filter((f) => f.startsWith('user.json.bak')).sort();
    expect(names).toEqual(['user.json.bak', 'user.json.bak.2', 'user.json.bak.3']);
    const noteIn = async (f: string) => JSON.parse(await readFile(join(dir.path, f), 'utf8')).lists[0].items[0].note;
    expect(await Promise.all(names.map(noteIn))).toEqual(['fourth', 'third', 'second']);

    // A newest copy this version cannot read (written by a newer GeneShelf) is passed over too.
    await writeFile(`${userFile()}.bak.3`, await readFile(`${userFile()}.bak.2`));
    await writeFile(`${userFile()}.bak.2`, JSON.stringify({ schemaVersion: 99, lists: [] }));
    // The newest copy damaged too (a disk error): the one before it is restored.
    await writeFile(`${userFile()}.bak`, '{"sch');
    await writeFile(userFile(), '{"sch');
    const damaged = await LibraryService.open(dir.path);
    expect(damaged.notices()[0]).toMatchObject({ backup: `${userFile()}.bak.3` });
    await damaged.restoreLibraryBackup();
    expect((await damaged.getList('reading-list'))!.entries[0]!.note).toBe('third');
  });
});

describe('a damaged shard of publications, through the CLI', () => {
  it('stops commands with the notice, is listed by doctor beside a summary of the good shards, and restore brings it back', async () => {
    await (await LibraryService.open(dir.path)).importFile(PAX5_PAGE);
    // A shard's good copy is kept when it is written (and before each change to it).
    const shard = join(dir.path, 'publications', 'p000001.json');
    const good = await readFile(shard);
    await writeFile(shard, '{"schemaVersion":1,"publications":{"pmid:1":');

    // Showing PAX5 finds the damage, moves the shard aside and stops; every command from then on says so.
    const shown = await geneshelf('publications', 'PAX5', '--library', dir.path);
    expect(shown).toMatchObject({ code: 1, stdout: '' });
    expect(shown.stderr).toMatch(/^geneshelf: Publications shard p000001 .*\npublications did nothing\./s);
    const genes = await geneshelf('genes', '--library', dir.path);
    expect(genes.code).toBe(1);
    expect(genes.stderr).toMatch(/^geneshelf: Publications shard p000001 \(publications\/p000001\.json\) could not be read \(.+\)\. It was moved aside to p000001\.json\.corrupt-.+ the last good copy can be restored\.\ngenes did nothing\./s);

    const doctor = await geneshelf('doctor', '--library', dir.path);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/^p000001\.json damaged \(its text stops before its data ends, as if the file was cut short while it was written\): Publications shard p000001 \(publications\/p000001\.json\)$/m);
    expect(doctor.stdout).toMatch(/moved aside to p000001\.json\.corrupt-/);
    expect(doctor.stdout).toMatch(/^publications\/: 1 shard good, .* MB; 1 with a good backup/m);

    expect(await geneshelf('restore', '--library', dir.path)).toMatchObject({ code: 0, stdout: 'restored p000001.json from p000001.json.bak\n' });
    expect(await readFile(shard)).toEqual(good);
    const listed = await geneshelf('publications', 'PAX5', '--library', dir.path);
    expect(listed.stdout.trim().split('\n')).toHaveLength(6);
  });
});
