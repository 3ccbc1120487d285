import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../electron/core/service';
import { USER_SCHEMA_VERSION } from '../../electron/core/library';
import { ALL_BOOKMARKS } from '../../electron/core/lists';
import { SAMPLE, tempDir, userOnDisk, writeTrickyGeneFile } from '../helpers';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

const userFile = () => join(dir.path, 'user.json');
const libraryFile = () => join(dir.path, 'library.json');

async function openWithTricky(): Promise<LibraryService> {
  const service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
  const { path } = await writeTrickyGeneFile(dir.path);
  await service.importFile(path);
  return service;
}

const ids = async (service: LibraryService, listId: string) => (await service.getList(listId))!.entries.map((e) => e.publication.id);

describe('bookmarks and reading lists', () => {
  it('starts with one empty "Reading list", and the star adds to it and shows everywhere', async () => {
    const service = await openWithTricky();
    expect(service.listsState().lists).toEqual([{ id: 'reading-list', name: 'Reading list', count: 0, unread: 0 }]);
    const { state, ...result } = await service.toggleBookmark('pmid:31015500');
    expect(result).toEqual({ bookmarked: true, listName: 'Reading list' });
    // Every change answers with the lists as they now are, and what changed for the publication it touched.
    expect(state).toEqual({ lists: service.listsState().lists, memberships: { 'pmid:31015500': ['reading-list'] }, partial: true });
    expect(service.listsState().memberships).toEqual({ 'pmid:31015500': ['reading-list'] });
    const entry = (await service.getList('reading-list'))!.entries[0]!;
    expect(entry).toMatchObject({ genes: ['CDKN2A'], inLibrary: true, note: '', read: false });
    expect(entry.publication.title).toContain('CDKN2A deletions');
  });

  it('un-starring takes the publication out of every list, and undo puts each item back with its note and place', async () => {
    const service = await openWithTricky();
    const ward = await service.createList('Ward round');
    for (const id of ['pmid:29000001', 'pmid:31015500', 'doi:10.1182/blood.2020001234']) await service.toggleBookmark(id);
    await service.setMembership('pmid:31015500', ward.id, true);
    await service.setNote(ward.id, 'pmid:31015500', 'Discuss at MDT\nsecond line');
    await service.setRead('reading-list', 'pmid:31015500', true);

    const off = await service.toggleBookmark('pmid:31015500');
    expect(off.bookmarked).toBe(false);
    expect(off.undo?.message).toBe('Removed from Reading list, Ward round.');
    expect(service.listsState().memberships['pmid:31015500']).toBeUndefined();

    await service.undo(off.undo!.token);
    expect(await ids(service, 'reading-list')).toEqual(['pmid:29000001', 'pmid:31015500', 'doi:10.1182/blood.2020001234']);
    expect((await service.getList(ward.id))!.entries[0]).toMatchObject({ note: 'Discuss at MDT\nsecond line', read: false });
    expect((await service.getList('reading-list'))!.entries[1]!.read).toBe(true);
    await expect(service.undo(off.undo!.token)).rejects.toThrow('can no longer be undone');
  });

  it('creates, renames and deletes lists; a clashing or empty name is refused and user.json is untouched', async () => {
    const service = await openWithTricky();
    const list = await service.createList('  Ward   round ');
    expect(list.name).toBe('Ward round');
    await service.renameList(list.id, 'MDT Tuesday');
    const before = await readFile(userFile());
    await expect(service.createList('reading LIST')).rejects.toThrow('A list called “Reading list” already exists.');
    await expect(service.renameList(list.id, '   ')).rejects.toThrow('A reading list needs a name.');
    await expect(service.renameList('list-000000000000', 'x')).rejects.toThrow('That reading list no longer exists.');
    expect(await readFile(userFile())).toEqual(before);
    expect(service.listsState().lists.map((l) => l.name)).toEqual(['Reading list', 'MDT Tuesday']);
  });

  it('deleting a list can be undone, items, notes and position included', async () => {
    const service = await openWithTricky();
    const a = await service.createList('A');
    await service.createList('B');
    await service.setMembership('pmid:29000001', a.id, true);
    await service.setNote(a.id, 'pmid:29000001', 'keep me');
    const undo = await service.deleteList(a.id);
    expect(undo.message).toBe('Deleted “A” (1 item).');
    expect(service.listsState().lists.map((l) => l.name)).toEqual(['Reading list', 'B']);
    await service.undo(undo.token);
    expect(service.listsState().lists.map((l) => l.name)).toEqual(['Reading list', 'A', 'B']);
    expect((await service.getList(a.id))!.entries[0]!.note).toBe('keep me');
  });

  it('holds one publication in several lists, moves and copies items with their notes, and reorders', async () => {
    const service = await openWithTricky();
    const b = await service.createList('B');
    for (const id of ['pmid:29000001', 'pmid:31015500', 'doi:10.1182/blood.2020001234']) await service.toggleBookmark(id);
    await service.setNote('reading-list', 'pmid:31015500', 'my note');
    await service.transferItem('pmid:31015500', 'reading-list', b.id, 'copy');
    expect(service.listsState().memberships['pmid:31015500']).toEqual(['reading-list', b.id]);
    expect((await service.getList(b.id))!.entries[0]!.note).toBe('my note');
    await service.transferItem('pmid:29000001', 'reading-list', b.id, 'move');
    expect(await ids(service, 'reading-list')).toEqual(['pmid:31015500', 'doi:10.1182/blood.2020001234']);
    expect(await ids(service, b.id)).toEqual(['pmid:31015500', 'pmid:29000001']);

    await service.reorderItem(b.id, 'pmid:29000001', 0);
    expect(await ids(service, b.id)).toEqual(['pmid:29000001', 'pmid:31015500']);
    await service.reorderItem(b.id, 'pmid:29000001', 99);
    expect(await ids(service, b.id)).toEqual(['pmid:31015500', 'pmid:29000001']);
  });

  it('All bookmarks holds each publication once, with the lists that hold it', async () => {
    const service = await openWithTricky();
    const b = await service.createList('B');
    await service.toggleBookmark('pmid:31015500');
    await service.setMembership('pmid:31015500', b.id, true);
    await service.setMembership('pmid:29000001', b.id, true);
    const all = (await service.getList(ALL_BOOKMARKS))!;
    expect(all.editable).toBe(false);
    expect(all.entries.map((e) => [e.publication.id, e.lists.map((l) => l.name)])).toEqual([
      ['pmid:31015500', ['Reading list', 'B']],
      ['pmid:29000001', ['B']],
    ]);
  });

  it('counts items, unread and genes, and charts items by year and by journal', async () => {
    const service = await openWithTricky();
    for (const id of ['pmid:29000001', 'pmid:31015500', 'doi:10.1182/blood.2020001234']) await service.toggleBookmark(id);
    await service.setRead('reading-list', 'pmid:29000001', true);
    const view = (await service.getList('reading-list'))!;
    expect(view.counts).toEqual({ items: 3, unread: 2, genes: 1, notInLibrary: 0 });
    expect(view.byYear).toEqual([
      { year: 2019, count: 2 },
      { year: 2021, count: 1 },
    ]);
    expect(view.byJournal).toEqual([
      { journal: 'Blood', count: 1 },
      { journal: 'Leukemia', count: 1 },
      { journal: 'Nat Commun', count: 1 },
    ]);
  });

  it('refuses a publication id the library does not hold, and changes nothing', async () => {
    const service = await openWithTricky();
    const before = await readFile(userFile());
    await expect(service.toggleBookmark('pmid:1')).rejects.toThrow('No publication with id pmid:1 is in the library.');
    expect(await readFile(userFile())).toEqual(before);
  });

  it('writes user.json alone when bookmarking: the library file is never rewritten', async () => {
    const service = await openWithTricky();
    const library = await readFile(libraryFile());
    const mtime = (await stat(libraryFile())).mtimeMs;
    await service.toggleBookmark('pmid:31015500');
    await service.setNote('reading-list', 'pmid:31015500', 'n');
    expect(await readFile(libraryFile())).toEqual(library);
    expect((await stat(libraryFile())).mtimeMs).toBe(mtime);
    const onDisk = await userOnDisk(dir.path);
    expect(onDisk.lists[0]!.items).toEqual([{ id: expect.stringMatching(/^item-[0-9a-f]{12}$/), modifiedAt: expect.any(String), publicationId: 'pmid:31015500', dateAdded: expect.any(String), note: 'n', read: false }]);
  });
});

describe('user state survives', () => {
  it('re-importing the gene with changed text: items, notes and read marks stay; the list shows the new text', async () => {
    const service = await openWithTricky();
    await service.toggleBookmark('pmid:31015500');
    await service.setNote('reading-list', 'pmid:31015500', 'note');
    await service.setRead('reading-list', 'pmid:31015500', true);
    const { path } = await writeTrickyGeneFile(dir.path, { titleSuffix: ' (revised)' });
    await service.importFile(path);
    const entry = (await service.getList('reading-list'))!.entries[0]!;
    expect(entry).toMatchObject({ note: 'note', read: true, inLibrary: true });
    expect(entry.publication.title.endsWith(' (revised)')).toBe(true);
  });

  it('removing the gene: the publication stays listed, marked as no longer in the library; re-importing brings it back', async () => {
    const service = await openWithTricky();
    await service.toggleBookmark('pmid:31015500');
    await service.setNote('reading-list', 'pmid:31015500', 'note');
    await service.removeGene('CDKN2A');
    expect(service.listGenes().map((g) => g.symbol)).toEqual(['IKZF1']);

    const reopened = await LibraryService.open(dir.path);
    const gone = (await reopened.getList('reading-list'))!;
    expect(gone.counts.notInLibrary).toBe(1);
    expect(gone.entries[0]).toMatchObject({ inLibrary: false, genes: ['CDKN2A'], note: 'note' });
    expect(gone.entries[0]!.publication.authors).toEqual(['Ayón-Pérez MF', 'Lilljebjörn H', "Children's Oncology Group"]);

    await reopened.importFile((await writeTrickyGeneFile(dir.path)).path);
    expect((await reopened.getList('reading-list'))!.entries[0]).toMatchObject({ inLibrary: true, genes: ['CDKN2A'], note: 'note' });
  });

  it('restarting the app: lists, notes, order, read marks and settings come back as they were', async () => {
    const service = await openWithTricky();
    const b = await service.createList('Ward round');
    for (const id of ['pmid:29000001', 'pmid:31015500']) await service.setMembership(id, b.id, true);
    await service.reorderItem(b.id, 'pmid:31015500', 0);
    await service.setNote(b.id, 'pmid:29000001', 'line 1\r\nline 2');
    await service.setRead(b.id, 'pmid:31015500', true);
    await service.updateSettings({ neutraliseCsvFormulas: false });
    const before = await service.getList(b.id);

    const reopened = await LibraryService.open(dir.path);
    expect(await reopened.getList(b.id)).toEqual(before);
    expect((await reopened.getList(b.id))!.entries[1]!.note).toBe('line 1\nline 2');
    expect(reopened.settings()).toEqual({ neutraliseCsvFormulas: false });
  });

  it('upgrades a schema-1 user.json, keeping the last open gene and a copy of the old file', async () => {
    await LibraryService.open(dir.path, { samplePath: SAMPLE });
    await writeFile(userFile(), JSON.stringify({ schemaVersion: 1, lastGene: 'IKZF1' }));
    const service = await LibraryService.open(dir.path);
    expect(service.lastGene()).toBe('IKZF1');
    expect(service.listsState().lists.map((l) => l.name)).toEqual(['Reading list']);
    expect(service.notices().map((n) => n.kind)).toEqual(['migrated']);
    expect(JSON.parse(await readFile(`${userFile()}.v1.bak`, 'utf8'))).toEqual({ schemaVersion: 1, lastGene: 'IKZF1' });
    expect(JSON.parse(await readFile(userFile(), 'utf8')).schemaVersion).toBe(USER_SCHEMA_VERSION);
  });

  it('a damaged user.json is moved aside, never overwritten; the library stays and the last good copy can be restored', async () => {
    const service = await openWithTricky();
    await service.toggleBookmark('pmid:31015500');
    await LibraryService.open(dir.path); // a restart: the good file is copied to user.json.bak
    await writeFile(userFile(), '{"schemaVersion":2,"lists":[{"id":');
    const reopened = await LibraryService.open(dir.path);
    const notice = reopened.notices().find((n) => n.kind === 'corrupt-moved-aside')!;
    expect(notice.file).toBe(userFile());
    expect(await readFile(notice.movedTo!, 'utf8')).toBe('{"schemaVersion":2,"lists":[{"id":');
    expect(reopened.listGenes().map((g) => g.symbol)).toEqual(['CDKN2A', 'IKZF1']);
    expect(reopened.listsState().memberships).toEqual({});

    await reopened.restoreLibraryBackup();
    expect(reopened.listsState().memberships).toEqual({ 'pmid:31015500': ['reading-list'] });
    expect((await LibraryService.open(dir.path)).listsState().memberships).toEqual({ 'pmid:31015500': ['reading-list'] });
  });
});
