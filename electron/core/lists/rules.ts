import { randomBytes } from 'node:crypto';
import { UserStateError } from '../errors';
import { DEFAULT_LIST_NAME, itemId, type ListItem, type ReadingList, type UserData } from '../library';

/**
 * The rules of reading lists, as plain functions over user data. The store runs each one on a
 * copy and writes the copy, so a refused change (an error thrown here) leaves nothing half done.
 * Each keeps the change journal: what it changes gets `now` as its modification time, and what it
 * deletes leaves a tombstone (which an undo takes back).
 */

const stamp = (target: { modifiedAt: string }, now: Date) => (target.modifiedAt = now.toISOString());

/** Tombstones kept: enough for years of deletions between two merges, without growing for ever. */
export const MAX_TOMBSTONES = 10_000;

function bury(data: UserData, now: Date, tombstone: { kind: 'list' | 'item'; id: string; listId?: string; publicationId?: string }): void {
  data.tombstones.push({ ...tombstone, deletedAt: now.toISOString() });
  if (data.tombstones.length > MAX_TOMBSTONES) data.tombstones.splice(0, data.tombstones.length - MAX_TOMBSTONES);
}

function unbury(data: UserData, id: string): void {
  data.tombstones = data.tombstones.filter((t) => t.id !== id);
}

export const MAX_LIST_NAME = 80;
export const MAX_NOTE = 20_000;

export function findList(data: UserData, listId: string): ReadingList {
  const list = data.lists.find((l) => l.id === listId);
  if (!list) throw new UserStateError('That reading list no longer exists.');
  return list;
}

/** Names are matched without regard to case or surrounding spaces, as a person would. */
export function findListByName(data: UserData, name: string): ReadingList | undefined {
  const key = name.trim().toLocaleLowerCase();
  return data.lists.find((l) => l.name.toLocaleLowerCase() === key);
}

function checkedName(data: UserData, name: string, exceptId?: string): string {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  if (!trimmed) throw new UserStateError('A reading list needs a name.');
  if (trimmed.length > MAX_LIST_NAME) throw new UserStateError(`A list name can be at most ${MAX_LIST_NAME} characters.`);
  const clash = findListByName(data, trimmed);
  if (clash && clash.id !== exceptId) throw new UserStateError(`A list called “${clash.name}” already exists.`);
  return trimmed;
}

export function createList(data: UserData, name: string, now: Date): ReadingList {
  const list: ReadingList = { id: `list-${randomBytes(6).toString('hex')}`, name: checkedName(data, name), createdAt: now.toISOString(), modifiedAt: now.toISOString(), items: [] };
  data.lists.push(list);
  return list;
}

export function renameList(data: UserData, listId: string, name: string, now: Date): void {
  const list = findList(data, listId);
  list.name = checkedName(data, name, listId);
  stamp(list, now);
}

export interface DeletedList {
  list: ReadingList;
  index: number;
}

export function deleteList(data: UserData, listId: string, now: Date): DeletedList {
  const index = data.lists.findIndex((l) => l.id === listId);
  if (index < 0) throw new UserStateError('That reading list no longer exists.');
  const [list] = data.lists.splice(index, 1);
  bury(data, now, { kind: 'list', id: list!.id });
  return { list: list!, index };
}

export function restoreList(data: UserData, deleted: DeletedList, now: Date): void {
  if (data.lists.some((l) => l.id === deleted.list.id)) return;
  // A list made since under the same name keeps it; the restored one is told apart.
  const name = findListByName(data, deleted.list.name) ? `${deleted.list.name} (restored)` : deleted.list.name;
  data.lists.splice(Math.min(deleted.index, data.lists.length), 0, { ...deleted.list, name, modifiedAt: now.toISOString() });
  unbury(data, deleted.list.id);
}

/** The list the star adds to: the first one, made again if the user deleted them all. */
export function defaultList(data: UserData, now: Date): ReadingList {
  return data.lists[0] ?? createList(data, DEFAULT_LIST_NAME, now);
}

export function listsHolding(data: UserData, publicationId: string): ReadingList[] {
  return data.lists.filter((l) => l.items.some((i) => i.publicationId === publicationId));
}

/** Adds to the end of the list; false when it is already there (nothing changes). */
export function addItem(data: UserData, listId: string, publicationId: string, now: Date, from?: Pick<ListItem, 'note' | 'read'>): boolean {
  const list = findList(data, listId);
  if (list.items.some((i) => i.publicationId === publicationId)) return false;
  list.items.push({ id: itemId(), modifiedAt: now.toISOString(), publicationId, dateAdded: now.toISOString(), note: from?.note ?? '', read: from?.read ?? false });
  stamp(list, now);
  return true;
}

export interface RemovedItem {
  listId: string;
  index: number;
  item: ListItem;
}

export function removeItem(data: UserData, listId: string, publicationId: string, now: Date): RemovedItem | null {
  const list = findList(data, listId);
  const index = list.items.findIndex((i) => i.publicationId === publicationId);
  if (index < 0) return null;
  const [item] = list.items.splice(index, 1);
  stamp(list, now);
  bury(data, now, { kind: 'item', id: item!.id, listId, publicationId });
  return { listId, index, item: item! };
}

/** Un-bookmarks: out of every list, with what is needed to put each item back. */
export function removeEverywhere(data: UserData, publicationId: string, now: Date): RemovedItem[] {
  return listsHolding(data, publicationId).map((l) => removeItem(data, l.id, publicationId, now)!);
}

export function restoreItems(data: UserData, removed: RemovedItem[], now: Date): void {
  for (const r of removed) {
    const list = data.lists.find((l) => l.id === r.listId);
    if (!list || list.items.some((i) => i.publicationId === r.item.publicationId)) continue;
    list.items.splice(Math.min(r.index, list.items.length), 0, { ...r.item, modifiedAt: now.toISOString() });
    stamp(list, now);
    unbury(data, r.item.id);
  }
}

function findItem(data: UserData, listId: string, publicationId: string): ListItem {
  const item = findList(data, listId).items.find((i) => i.publicationId === publicationId);
  if (!item) throw new UserStateError('That publication is no longer in the list.');
  return item;
}

/**
 * Changes an item by putting a changed copy in its place, never in place: a draft shares its
 * items with the copy it was made from (draftOfUser), so the ten thousand items a click does not
 * touch are neither copied nor compared field by field when the change is journalled.
 */
function editItem(data: UserData, listId: string, publicationId: string, now: Date, change: Partial<Pick<ListItem, 'note' | 'read'>>): void {
  const items = findList(data, listId).items;
  const index = items.findIndex((i) => i.publicationId === publicationId);
  if (index < 0) throw new UserStateError('That publication is no longer in the list.');
  items[index] = { ...items[index]!, ...change, modifiedAt: now.toISOString() };
}

/**
 * Moves or copies an item to another list, note and read mark with it. Where the target list
 * already holds the publication its own item stays, and gains the note if it had none.
 */
export function transferItem(data: UserData, publicationId: string, fromId: string, toId: string, mode: 'move' | 'copy', now: Date): void {
  if (fromId === toId) return;
  const item = findItem(data, fromId, publicationId);
  findList(data, toId);
  if (!addItem(data, toId, publicationId, now, item)) {
    const existing = findItem(data, toId, publicationId);
    if (!existing.note && item.note) editItem(data, toId, publicationId, now, { note: item.note });
  }
  if (mode === 'move') removeItem(data, fromId, publicationId, now);
}

/** Puts the item at `toIndex` (clamped), shifting the others. */
export function reorderItem(data: UserData, listId: string, publicationId: string, toIndex: number, now: Date): void {
  const list = findList(data, listId);
  const from = list.items.findIndex((i) => i.publicationId === publicationId);
  if (from < 0) throw new UserStateError('That publication is no longer in the list.');
  const [item] = list.items.splice(from, 1);
  list.items.splice(Math.max(0, Math.min(toIndex, list.items.length)), 0, { ...item!, modifiedAt: now.toISOString() });
  stamp(list, now);
}

export function setNote(data: UserData, listId: string, publicationId: string, note: string, now: Date): void {
  if (note.length > MAX_NOTE) throw new UserStateError(`A note can be at most ${MAX_NOTE.toLocaleString('en-GB')} characters.`);
  // Notes are plain text: line ends made uniform, nothing else touched.
  editItem(data, listId, publicationId, now, { note: note.replace(/\r\n?/g, '\n') });
}

export function setRead(data: UserData, listId: string, publicationId: string, read: boolean, now: Date): void {
  editItem(data, listId, publicationId, now, { read });
}
