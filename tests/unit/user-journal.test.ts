import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore, itemId } from '../../electron/core/library';
import { inspectLibrary } from '../../electron/core/library/doctor';
import { MAX_TOMBSTONES } from '../../electron/core/lists/rules';
import { JOURNAL_MAX_LINES, journalLine, journalPath, replayJournal } from '../../electron/core/library/user-journal';
import { draftOfUser } from '../../electron/core/library/user-data';
import { LibraryService } from '../../electron/core/service';
import { SAMPLE, tempDir, userOnDisk } from '../helpers';

// user.journal: a click appends the change it made instead of rewriting user.json whole, and
// whatever the order of clicks, crashes and other writers, the next open reads exactly what each
// change reported done.

let dir: { path: string; cleanup: () => Promise<void> };
const journal = () => journalPath(dir.path);
const userFile = () => LibraryStore.userFile(dir.path);
const lines = async () => (await readFile(journal(), 'utf8').catch(() => '')).split('\n').filter(Boolean);

beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.cleanup());

async function openWithPapers(): Promise<{ service: LibraryService; ids: string[] }> {
  const service = await LibraryService.open(dir.path, { samplePath: SAMPLE });
  const ids = (await service.getPublications('IKZF1', null, 0, 12))!.items.map((p) => p.id);
  return { service, ids };
}

/** The user's state without which writing of user.json it follows (an open writes it whole again, with a new base). */
const state = (data: unknown) => ({ ...(data as Record<string, unknown>), journalBase: undefined });

/** The user's state as a person sees it after a restart: what the next open reads. */
async function reopened(): Promise<unknown> {
  return (await LibraryStore.open(dir.path, new Date(), { readOnly: true })).userData;
}

describe('the journal of changes to user.json', () => {
  it('a bookmark beside 2,000 others appends one short line; user.json is not rewritten, and a restart reads the bookmark', async () => {
    const { service, ids } = await openWithPapers();
    const now = new Date().toISOString();
    await service.store.changeUser((d) => {
      for (let i = 0; i < 2000; i++) d.lists[0]!.items.push({ id: itemId(), modifiedAt: now, publicationId: ids[i % 2]!, dateAdded: now, note: `note ${i}`, read: false });
    });
    const before = await stat(userFile());
    await service.toggleBookmark(ids[5]!);
    await service.setNote('reading-list', ids[5]!, 'Discuss at MDT');
    const after = await stat(userFile());
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const written = await lines();
    expect(written).toHaveLength(2);
    // Each line holds the change, not the list: far smaller than the 2,000 items.
    for (const line of written) expect(line.length).toBeLessThan(1000);
    expect(await reopened()).toEqual(service.store.userData);
    const last = (await userOnDisk(dir.path)).lists[0]!.items.at(-1)!;
    expect(last).toMatchObject({ publicationId: ids[5], note: 'Discuss at MDT' });
  });

  it('any sequence of list changes reads back exactly as it was made', async () => {
    const { service, ids } = await openWithPapers();
    const paper = fc.constantFrom(...ids.slice(0, 6));
    const step = fc.oneof(
      fc.record({ kind: fc.constant('toggle' as const), paper }),
      fc.record({ kind: fc.constant('member' as const), paper, list: fc.nat(3), member: fc.boolean() }),
      fc.record({ kind: fc.constant('create' as const), name: fc.string({ minLength: 1, maxLength: 12 }) }),
      fc.record({ kind: fc.constant('rename' as const), list: fc.nat(3), name: fc.string({ minLength: 1, maxLength: 12 }) }),
      fc.record({ kind: fc.constant('delete' as const), list: fc.nat(3) }),
      fc.record({ kind: fc.constant('undo' as const) }),
      fc.record({ kind: fc.constant('note' as const), list: fc.nat(3), paper, note: fc.string({ maxLength: 40 }) }),
      fc.record({ kind: fc.constant('read' as const), list: fc.nat(3), paper, read: fc.boolean() }),
      fc.record({ kind: fc.constant('reorder' as const), list: fc.nat(3), paper, to: fc.nat(8) }),
      fc.record({ kind: fc.constant('transfer' as const), paper, from: fc.nat(3), to: fc.nat(3), mode: fc.constantFrom('move' as const, 'copy' as const) }),
      fc.record({ kind: fc.constant('setting' as const), style: fc.constantFrom('vancouver' as const, 'apa' as const, 'ama' as const) }),
      fc.record({ kind: fc.constant('gene' as const), gene: fc.constantFrom('IKZF1', null) }),
    );
    let undoToken: string | undefined;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        for (const s of steps) {
          const lists = service.listsState().lists;
          const listId = (n: number) => lists[n % Math.max(1, lists.length)]?.id ?? 'reading-list';
          try {
            if (s.kind === 'toggle') undoToken = (await service.toggleBookmark(s.paper)).undo?.token ?? undoToken;
            else if (s.kind === 'member') undoToken = (await service.setMembership(s.paper, listId(s.list), s.member)).undo?.token ?? undoToken;
            else if (s.kind === 'create') await service.createList(s.name);
            else if (s.kind === 'rename') await service.renameList(listId(s.list), s.name);
            else if (s.kind === 'delete') undoToken = (await service.deleteList(listId(s.list))).token;
            else if (s.kind === 'undo' && undoToken) await service.undo(undoToken);
            else if (s.kind === 'note') await service.setNote(listId(s.list), s.paper, s.note);
            else if (s.kind === 'read') await service.setRead(listId(s.list), s.paper, s.read);
            else if (s.kind === 'reorder') await service.reorderItem(listId(s.list), s.paper, s.to);
            else if (s.kind === 'transfer') await service.transferItem(s.paper, listId(s.from), listId(s.to), s.mode);
            else if (s.kind === 'setting') await service.updateSettings({ citationStyle: s.style });
            else if (s.kind === 'gene') await service.setLastGene(s.gene);
          } catch (error) {
            // A refused change (a clashing name, a paper not in that list) writes nothing; anything else is a failure.
            if (!(error instanceof Error) || !/no longer|already|called|empty|name|undone|not in|no reading list/i.test(error.message)) throw error;
          }
        }
        expect(await userOnDisk(dir.path)).toEqual(service.store.userData);
      }),
      { numRuns: 40 },
    );
    // And the journal was what carried them, not user.json rewritten each time.
    expect((await lines()).length).toBeGreaterThan(0);
    expect(await reopened()).toEqual(service.store.userData);
  }, 60_000);

  it('is written into user.json whole after JOURNAL_MAX_LINES changes, and emptied', async () => {
    const { service, ids } = await openWithPapers();
    for (let i = 0; i < JOURNAL_MAX_LINES; i++) await service.setRead('reading-list', ids[0]!, i % 2 === 0).catch(async () => service.toggleBookmark(ids[0]!));
    expect((await lines()).length).toBe(JOURNAL_MAX_LINES);
    const base = JSON.parse(await readFile(userFile(), 'utf8')).journalBase;
    await service.toggleBookmark(ids[1]!);
    expect(await lines()).toEqual([]);
    expect(JSON.parse(await readFile(userFile(), 'utf8')).journalBase).not.toBe(base);
    expect(await userOnDisk(dir.path)).toEqual(service.store.userData);
    // The next change goes to the journal again.
    await service.toggleBookmark(ids[2]!);
    expect(await lines()).toHaveLength(1);
  });

  it('a line a crash cut short was never reported done: it is left out, and the next change starts the journal afresh', async () => {
    const { service, ids } = await openWithPapers();
    await service.toggleBookmark(ids[0]!);
    const done = structuredClone(service.store.userData);
    await appendFile(journal(), '{"v":1,"base":"');
    const again = await LibraryService.open(dir.path);
    expect(state(again.store.userData)).toEqual(state(done));
    // The open folded the journal into user.json: nothing is ever appended after the cut.
    expect(await lines()).toEqual([]);
    await again.toggleBookmark(ids[1]!);
    expect(await userOnDisk(dir.path)).toEqual(again.store.userData);
  });

  it('lines of an earlier user.json (a crash between writing it whole and emptying the journal) are not applied twice', async () => {
    const { service, ids } = await openWithPapers();
    await service.toggleBookmark(ids[0]!);
    await service.toggleBookmark(ids[1]!);
    const stale = await readFile(journal(), 'utf8');
    const done = structuredClone(service.store.userData);
    // user.json written whole with these changes, the journal left as it was.
    await LibraryService.open(dir.path);
    await writeFile(journal(), stale);
    expect(state((await LibraryService.open(dir.path)).store.userData)).toEqual(state(done));
    expect(((await LibraryService.open(dir.path)).listsState().lists[0]!.count)).toBe(2);
  });

  it('a line that cannot be applied is damage: the changes before it are kept, the journal is moved aside untouched, and the user is told', async () => {
    const { service, ids } = await openWithPapers();
    await service.toggleBookmark(ids[0]!);
    await service.toggleBookmark(ids[1]!);
    const [first] = await lines();
    const base = JSON.parse(first!).base as string;
    const damaged = `${first}\n${JSON.stringify({ v: 1, base, ops: { lists: [{ id: 'no-such-list', remove: [0] }] } })}\n${(await lines())[1]}\n`;
    await writeFile(journal(), damaged);
    const again = await LibraryService.open(dir.path);
    expect(again.listsState().lists[0]!.count).toBe(1);
    const notice = again.store.notices.find((n) => n.file === journal());
    expect(notice?.message).toMatch(/^The latest changes to your reading lists \(user\.journal\) could not all be read \(at line 2, list no-such-list is not in user\.json\): the change before it was kept\. The file was moved aside to user\.journal\.corrupt-[\w-]+ and left untouched\.$/);
    const aside = (await readdir(dir.path)).filter((f) => f.startsWith('user.journal.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir.path, aside[0]!), 'utf8')).toBe(damaged);
    // geneshelf doctor lists it among what is kept beside user.json.
    expect((await inspectLibrary(dir.path)).find((r) => r.path === userFile())!.kept).toEqual(aside);
    // A dry run (read only) refuses rather than acting on part of the lists.
    await writeFile(journal(), damaged.replace(/"base":"[0-9a-f]+"/g, `"base":"${JSON.parse(await readFile(userFile(), 'utf8')).journalBase}"`));
    await expect(LibraryStore.open(dir.path, new Date(), { readOnly: true })).rejects.toThrow(/user\.journal\) could not all be read \(at line 2/);
  });

  it('a damaged line another program wrote, found by the running app at its next change, is set aside then and there: the change is made and the user told', async () => {
    const { service: app, ids } = await openWithPapers();
    await app.toggleBookmark(ids[0]!);
    const told: string[] = [];
    app.store.onNotice((n) => told.push(n.message));
    const base = JSON.parse((await lines())[0]!).base as string;
    await appendFile(journal(), `${JSON.stringify({ v: 1, base, ops: { tombstonesAdded: [42] } })}\n`);
    await app.toggleBookmark(ids[1]!);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/user\.journal\) could not all be read \(at line 2, tombstonesAdded is not a list of tombstones\): the change before it was kept/);
    expect((await readdir(dir.path)).filter((f) => f.startsWith('user.journal.corrupt-'))).toHaveLength(1);
    // Both bookmarks survive a restart, and the app goes on appending to a fresh journal.
    await app.toggleBookmark(ids[2]!);
    expect(await lines()).toHaveLength(2);
    expect(Object.keys((await LibraryService.open(dir.path)).listsState().memberships).sort()).toEqual([ids[0], ids[1], ids[2]].sort());
  });

  it('with the tombstones at their cap, a removal appends the one that came and the one that went, not all of them', async () => {
    const { service, ids } = await openWithPapers();
    const now = new Date().toISOString();
    await service.store.changeUser((d) => {
      for (let i = 0; i < MAX_TOMBSTONES; i++) d.tombstones.push({ kind: 'item', id: `old-${i}`, listId: 'reading-list', publicationId: ids[0]!, deletedAt: now });
    });
    await service.toggleBookmark(ids[1]!);
    await service.toggleBookmark(ids[1]!);
    const last = (await lines()).at(-1)!;
    expect(last.length).toBeLessThan(1000);
    const after = (await reopened()) as { tombstones: Array<{ id: string; publicationId?: string }> };
    expect(after.tombstones).toHaveLength(MAX_TOMBSTONES);
    expect(after.tombstones[0]!.id).toBe('old-1');
    expect(after.tombstones.at(-1)!.publicationId).toBe(ids[1]);
    expect(after).toEqual(service.store.userData);
  });

  it('a line is measured in bytes, and one whose entries are not what they name is damage', async () => {
    // 30,000 characters of three bytes each: within 64 K characters, past 64 KB.
    expect(journalLine('b', { set: { lastGene: '漢'.repeat(30_000) } })).toBeNull();
    expect(journalLine('b', { set: { lastGene: 'a'.repeat(30_000) } })).not.toBeNull();
    const { service } = await openWithPapers();
    const data = service.store.userData;
    for (const [ops, reason] of [
      [{ snapshotsPut: { p1: 'text' } }, 'snapshotsPut is not an object of snapshots'],
      [{ snapshotsDropped: [7] }, 'snapshotsDropped is not a list of ids'],
      [{ tombstonesDropped: [0] }, 'tombstonesDropped names a tombstone user.json does not have'],
      [{ lists: [{ id: 'reading-list', add: [[0, { note: 'no paper' }]] }] }, 'list reading-list adds an item out of place'],
    ] as const) {
      await writeFile(journal(), `${JSON.stringify({ v: 1, base: data.journalBase, ops })}\n`);
      expect((await replayJournal(journal(), data, draftOfUser)).damage).toEqual({ line: 1, reason });
    }
  });

  it('a change made while user.json waits to be restored is written whole, so a restart keeps it', async () => {
    await openWithPapers();
    await writeFile(userFile(), '{ not json');
    const damaged = await LibraryService.open(dir.path);
    await damaged.setLastGene('TP53');
    expect((await LibraryService.open(dir.path)).lastGene()).toBe('TP53');
  });

  it('another process\'s click (a CLI bookmark) reaches the open app through the journal, and the app\'s next write keeps it', async () => {
    const { service: app, ids } = await openWithPapers();
    await app.toggleBookmark(ids[0]!);
    const cli = await LibraryService.open(dir.path);
    await cli.toggleBookmark(ids[1]!);
    expect(await app.store.pickUpOtherWriters()).toBe(true);
    expect(app.listsState().memberships[ids[1]!]).toEqual(['reading-list']);
    await app.toggleBookmark(ids[2]!);
    expect(Object.keys((await LibraryService.open(dir.path)).listsState().memberships).sort()).toEqual([ids[0], ids[1], ids[2]].sort());
  });

  it('a star\'s answer carries only the publication it touched, not every bookmark', async () => {
    const { service, ids } = await openWithPapers();
    await service.toggleBookmark(ids[0]!);
    const on = await service.toggleBookmark(ids[1]!);
    expect(on.state).toEqual({ lists: [{ id: 'reading-list', name: 'Reading list', count: 2, unread: 2 }], memberships: { [ids[1]!]: ['reading-list'] }, partial: true });
    const off = await service.toggleBookmark(ids[1]!);
    expect(off.state.memberships).toEqual({ [ids[1]!]: [] });
    // The whole state is still one call away.
    expect(service.listsState().memberships).toEqual({ [ids[0]!]: ['reading-list'] });
  });
});
