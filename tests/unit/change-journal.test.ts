import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserData } from '../../electron/core/library';
import { LibraryService } from '../../electron/core/service';
import { SAMPLE, tempDir, userOnDisk } from '../helpers';

// The change journal in user.json: ids and modification times on lists and items, a tombstone for
// each deletion, so a later merge of two laptops' lists can go change by change.

let dir: { path: string; cleanup: () => Promise<void> };
let clock: Date;
const tick = (ms = 60_000) => (clock = new Date(clock.getTime() + ms));
const onDisk = (): Promise<UserData> => userOnDisk(dir.path);

beforeEach(async () => {
  dir = await tempDir();
  clock = new Date('2026-12-01T09:00:00Z');
});
afterEach(() => dir.cleanup());

describe('the change journal', () => {
  it('dates every change to a list or an item, and leaves a tombstone for every deletion, which undo takes back', async () => {
    const service = await LibraryService.open(dir.path, { samplePath: SAMPLE, clock: () => clock });
    const [a, b] = (await service.getPublications('IKZF1', null, 0, 2))!.items.map((p) => p.id) as [string, string];

    tick();
    const ward = await service.createList('Ward round');
    await service.setMembership(a, ward.id, true);
    await service.setMembership(b, ward.id, true);
    let data = await onDisk();
    let list = data.lists.find((l) => l.id === ward.id)!;
    expect(list).toMatchObject({ createdAt: clock.toISOString(), modifiedAt: clock.toISOString() });
    expect(list.items.map((i) => i.id)).toEqual([expect.stringMatching(/^item-/), expect.stringMatching(/^item-/)]);
    const [itemA, itemB] = list.items.map((i) => i.id);
    expect(itemA).not.toBe(itemB);

    tick();
    await service.setNote(ward.id, a, 'MRD at day 29');
    data = await onDisk();
    list = data.lists.find((l) => l.id === ward.id)!;
    expect(list.items.find((i) => i.publicationId === a)).toMatchObject({ id: itemA, modifiedAt: clock.toISOString(), note: 'MRD at day 29' });
    expect(list.items.find((i) => i.publicationId === b)!.modifiedAt).not.toBe(clock.toISOString());

    tick();
    await service.renameList(ward.id, 'Ward round, Tuesday');
    expect((await onDisk()).lists.find((l) => l.id === ward.id)!.modifiedAt).toBe(clock.toISOString());

    tick();
    const removed = await service.setMembership(b, ward.id, false);
    expect((await onDisk()).tombstones).toEqual([{ kind: 'item', id: itemB, listId: ward.id, publicationId: b, deletedAt: clock.toISOString() }]);
    tick();
    await service.undo(removed.undo!.token);
    data = await onDisk();
    expect(data.tombstones).toEqual([]);
    expect(data.lists.find((l) => l.id === ward.id)!.items.find((i) => i.publicationId === b)).toMatchObject({ id: itemB, modifiedAt: clock.toISOString() });

    tick();
    await service.deleteList(ward.id);
    expect((await onDisk()).tombstones).toEqual([{ kind: 'list', id: ward.id, deletedAt: clock.toISOString() }]);
  });

  it('a schema-2 user.json gains ids, and dates taken from what it knew, with a copy of the old file kept', async () => {
    await LibraryService.open(dir.path, { samplePath: SAMPLE });
    const old = {
      schemaVersion: 2,
      lastGene: null,
      settings: { neutraliseCsvFormulas: true },
      lists: [{ id: 'reading-list', name: 'Reading list', createdAt: '2026-01-01T08:00:00.000Z', items: [{ publicationId: 'key-1e810e348482933e', dateAdded: '2026-02-03T10:00:00.000Z', note: 'kept', read: true }] }],
      snapshots: {},
    };
    await writeFile(join(dir.path, 'user.json'), JSON.stringify(old));
    const service = await LibraryService.open(dir.path);
    expect(service.notices().map((n) => n.kind)).toEqual(['migrated']);
    const data = await onDisk();
    expect(data.tombstones).toEqual([]);
    expect(data.lists[0]).toMatchObject({ modifiedAt: '2026-02-03T10:00:00.000Z' });
    expect(data.lists[0]!.items[0]).toMatchObject({ id: expect.stringMatching(/^item-[0-9a-f]{12}$/), modifiedAt: '2026-02-03T10:00:00.000Z', note: 'kept', read: true });
    expect(JSON.parse(await readFile(join(dir.path, 'user.json.v2.bak'), 'utf8'))).toEqual(old);
  });
});
