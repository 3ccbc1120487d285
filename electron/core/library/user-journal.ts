import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncFolder } from './atomic-json-file';
import type { ListItem, PublicationSnapshot, ReadingList, Tombstone, UserData, UserSettings } from './user-data';

/**
 * user.journal: the changes made to user.json since it was last written whole, one JSON line each.
 *
 * A bookmark in a list of 10,000 changes one item, yet writing user.json whole rewrites all of
 * them (1.7 MB: JSON.stringify, then the disk) on every click. Appending the change instead costs
 * what the change holds. user.json stays the lowdb file it was; every JOURNAL_MAX_LINES changes
 * (or sooner for a large one) it is written whole again with a new `journalBase`, and the journal
 * is emptied.
 *
 * Each line names the user.json it follows (`base`): lines of another base were folded into a
 * user.json written since (a crash between writing it and emptying the journal leaves them) and
 * are never applied twice. A last line without its newline was cut short by a crash before it was
 * acknowledged, and is left out. A whole line that cannot be applied is damage: it and what
 * follows are set aside, never applied half-way and never written over.
 */

export const JOURNAL_MAX_LINES = 500;
export const JOURNAL_MAX_BYTES = 512 * 1024;
/** A change larger than this (a list reordered whole, an import of a list) is written as user.json whole. */
const MAX_LINE_BYTES = 64 * 1024;
const LINE_VERSION = 1;

export function journalPath(dir: string): string {
  return join(dir, 'user.journal');
}

export function newJournalBase(): string {
  return randomBytes(8).toString('hex');
}

/** One list's change: the list whole (new, or its items reordered), or its fields and the items that went or came. */
interface ListOp {
  id: string;
  list?: ReadingList;
  fields?: Record<string, unknown>;
  /** The places of the items that went (or were replaced), in ascending order. */
  remove?: number[];
  /** Items at their new places, in ascending order of place. */
  add?: Array<[number, ListItem]>;
}

export interface UserOps {
  /** Top-level values set whole: lastGene, settings, schemaVersion. */
  set?: Record<string, unknown>;
  /** The lists' ids in order, when a list came, went or moved. */
  order?: string[];
  lists?: ListOp[];
  /** The places of the tombstones that went (the oldest, past the cap; one an undo took back), ascending. */
  tombstonesDropped?: number[];
  tombstonesAdded?: Tombstone[];
  /** The tombstones whole, when most of them changed (a restore). */
  tombstones?: Tombstone[];
  snapshotsPut?: Record<string, PublicationSnapshot>;
  snapshotsDropped?: string[];
}

const WHOLE_KEYS = new Set(['lists', 'tombstones', 'snapshots']);

function sameShallow(a: object, b: object, skip?: string): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (k === skip) continue;
    if (!Object.prototype.hasOwnProperty.call(b, k) || (a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  return true;
}

function sameSettings(a: UserSettings, b: UserSettings): boolean {
  return sameShallow(a, b);
}

function listOp(before: ReadingList, after: ReadingList): ListOp | null {
  const op: ListOp = { id: after.id };
  if (!sameShallow(before, after, 'items')) {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(after)) if (k !== 'items') fields[k] = v;
    op.fields = fields;
  }
  // Items are never edited in place (draftOfUser): an item the change did not touch is the same
  // object in both, so what changed lies between the common start and the common end.
  const b = before.items;
  const a = after.items;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start < endA || start < endB) {
    const old = new Set(b.slice(start, endB));
    const kept = new Set<ListItem>();
    const add: Array<[number, ListItem]> = [];
    for (let i = start; i < endA; i++) {
      const item = a[i]!;
      if (old.has(item) && !kept.has(item)) kept.add(item);
      else add.push([i, item]);
    }
    // The items kept must stand in their old order, or the change is a move: the list goes whole.
    const keptBefore = b.slice(start, endB).filter((item) => kept.has(item));
    const keptAfter = a.slice(start, endA).filter((item) => kept.has(item));
    if (keptBefore.some((item, i) => item !== keptAfter[i])) return { id: after.id, list: after };
    const remove: number[] = [];
    for (let i = start; i < endB; i++) if (!kept.has(b[i]!)) remove.push(i);
    if (remove.length) op.remove = remove;
    if (add.length) op.add = add;
  }
  return op.fields || op.remove || op.add ? op : null;
}

/** What turns `before` into `after`, or null when nothing changed. */
export function diffUser(before: UserData, after: UserData): UserOps | null {
  const ops: UserOps = {};
  const set: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (WHOLE_KEYS.has(key)) continue;
    const a = (after as unknown as Record<string, unknown>)[key];
    const b = (before as unknown as Record<string, unknown>)[key];
    const same = key === 'settings' ? !!a && !!b && sameSettings(a as UserSettings, b as UserSettings) : a === b;
    if (!same) set[key] = a === undefined ? null : a;
  }
  if (Object.keys(set).length) ops.set = set;

  const beforeLists = new Map(before.lists.map((l) => [l.id, l]));
  if (after.lists.length !== before.lists.length || after.lists.some((l, i) => before.lists[i]!.id !== l.id)) ops.order = after.lists.map((l) => l.id);
  const lists: ListOp[] = [];
  for (const list of after.lists) {
    const was = beforeLists.get(list.id);
    const op = was ? listOp(was, list) : { id: list.id, list };
    if (op) lists.push(op);
  }
  if (lists.length) ops.lists = lists;

  // Tombstones are never edited in place either: those kept are the same objects in the same
  // order, so a removal past the cap (the oldest goes, one comes) writes two, not 10,000.
  const tb = before.tombstones;
  const ta = after.tombstones;
  const tombstonesDropped: number[] = [];
  let kept = 0;
  for (let i = 0; i < tb.length; i++) {
    if (ta[kept] === tb[i]) kept++;
    else tombstonesDropped.push(i);
  }
  if (tombstonesDropped.length > tb.length / 2 && tombstonesDropped.length > 16) ops.tombstones = ta;
  else {
    if (tombstonesDropped.length) ops.tombstonesDropped = tombstonesDropped;
    if (ta.length > kept) ops.tombstonesAdded = ta.slice(kept);
  }

  const put: Record<string, PublicationSnapshot> = {};
  let anyPut = false;
  for (const id of Object.keys(after.snapshots)) {
    const s = after.snapshots[id]!;
    if (!Object.prototype.hasOwnProperty.call(before.snapshots, id) || before.snapshots[id] !== s) {
      Object.defineProperty(put, id, { value: s, enumerable: true, writable: true, configurable: true });
      anyPut = true;
    }
  }
  if (anyPut) ops.snapshotsPut = put;
  const dropped = Object.keys(before.snapshots).filter((id) => !Object.prototype.hasOwnProperty.call(after.snapshots, id));
  if (dropped.length) ops.snapshotsDropped = dropped;

  return Object.keys(ops).length ? ops : null;
}

class BadLine extends Error {}

function need(ok: unknown, what: string): void {
  if (!ok) throw new BadLine(what);
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Applies one line's changes to `data` in place (data is a copy of its own: see draftOfUser). */
function applyOps(data: UserData, ops: UserOps): void {
  need(isObject(ops), 'its change is not an object');
  if (ops.set !== undefined) {
    need(isObject(ops.set), 'set is not an object');
    for (const [k, v] of Object.entries(ops.set)) {
      need(!WHOLE_KEYS.has(k) && k !== '__proto__', `set names ${k}`);
      (data as unknown as Record<string, unknown>)[k] = v;
    }
  }
  const lists = new Map(data.lists.map((l) => [l.id, l]));
  if (ops.lists !== undefined) {
    need(Array.isArray(ops.lists), 'lists is not a list');
    for (const op of ops.lists) {
      need(isObject(op) && typeof op.id === 'string', 'a list change has no id');
      if (op.list !== undefined) {
        need(isObject(op.list) && op.list.id === op.id && Array.isArray(op.list.items), `list ${op.id} is not a list`);
        lists.set(op.id, op.list);
        continue;
      }
      const list = lists.get(op.id);
      need(list, `list ${op.id} is not in user.json`);
      const next: ReadingList = { ...list!, items: list!.items };
      if (op.fields !== undefined) {
        need(isObject(op.fields), `list ${op.id}'s fields are not an object`);
        for (const [k, v] of Object.entries(op.fields)) if (k !== 'items' && k !== '__proto__') (next as unknown as Record<string, unknown>)[k] = v;
      }
      if (op.remove !== undefined || op.add !== undefined) {
        need(Array.isArray(op.remove ?? []) && Array.isArray(op.add ?? []), `list ${op.id}'s items change is not a list`);
        const remove = new Set(op.remove ?? []);
        need([...remove].every((at) => Number.isInteger(at) && at >= 0 && at < next.items.length), `list ${op.id} removes an item it does not have`);
        const items = remove.size ? next.items.filter((_, at) => !remove.has(at)) : [...next.items];
        for (const entry of op.add ?? []) {
          need(Array.isArray(entry) && Number.isInteger(entry[0]) && entry[0] >= 0 && entry[0] <= items.length && isObject(entry[1]) && typeof entry[1].publicationId === 'string', `list ${op.id} adds an item out of place`);
          items.splice(entry[0], 0, entry[1]);
        }
        next.items = items;
      }
      lists.set(op.id, next);
    }
  }
  if (ops.order !== undefined) {
    need(Array.isArray(ops.order) && ops.order.every((id) => lists.has(id)), 'the lists named in order are not all known');
    data.lists = ops.order.map((id) => lists.get(id)!);
  } else data.lists = data.lists.map((l) => lists.get(l.id)!);

  const areTombstones = (list: unknown) => Array.isArray(list) && list.every((t) => isObject(t) && typeof t.id === 'string' && (t.kind === 'list' || t.kind === 'item'));
  if (ops.tombstones !== undefined) {
    need(areTombstones(ops.tombstones), 'tombstones is not a list of tombstones');
    data.tombstones = ops.tombstones;
  } else if (ops.tombstonesDropped !== undefined || ops.tombstonesAdded !== undefined) {
    const dropped = ops.tombstonesDropped ?? [];
    need(Array.isArray(dropped) && dropped.every((at) => Number.isInteger(at) && at >= 0 && at < data.tombstones.length), 'tombstonesDropped names a tombstone user.json does not have');
    need(areTombstones(ops.tombstonesAdded ?? []), 'tombstonesAdded is not a list of tombstones');
    const drop = new Set(dropped);
    data.tombstones = [...(drop.size ? data.tombstones.filter((_, at) => !drop.has(at)) : data.tombstones), ...(ops.tombstonesAdded ?? [])];
  }
  if (ops.snapshotsPut !== undefined || ops.snapshotsDropped !== undefined) {
    const snapshots: Record<string, PublicationSnapshot> = { ...data.snapshots };
    if (ops.snapshotsPut !== undefined) {
      need(isObject(ops.snapshotsPut) && Object.values(ops.snapshotsPut).every(isObject), 'snapshotsPut is not an object of snapshots');
      // Ids are keys: defined, not assigned, so "__proto__" is a key like any other.
      for (const [id, s] of Object.entries(ops.snapshotsPut)) Object.defineProperty(snapshots, id, { value: s, enumerable: true, writable: true, configurable: true });
    }
    if (ops.snapshotsDropped !== undefined) {
      need(Array.isArray(ops.snapshotsDropped) && ops.snapshotsDropped.every((id) => typeof id === 'string'), 'snapshotsDropped is not a list of ids');
      for (const id of ops.snapshotsDropped) delete snapshots[id];
    }
    data.snapshots = snapshots;
  }
}

/** What a journal held for a user.json: its data with the changes applied, and what to tell. */
export interface JournalRead {
  data: UserData;
  /** Lines of this base applied, and the file's size in bytes. */
  lines: number;
  bytes: number;
  /** The file holds something else than whole lines of this base (another base's lines, a cut-off last line): it is started afresh at the next write, not appended to. */
  startAfresh: boolean;
  /** A whole line that could not be applied: its number and why. */
  damage?: { line: number; reason: string };
}

/** Reads the journal and applies the lines that follow `data` (as read from user.json), on a copy. */
export async function replayJournal(file: string, data: UserData, copy: (d: UserData) => UserData): Promise<JournalRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { data, lines: 0, bytes: 0, startAfresh: false };
    throw error;
  }
  const bytes = Buffer.byteLength(text);
  const base = data.journalBase;
  const rows = text.split('\n');
  // What follows the last newline: nothing, or a line a crash cut short (never acknowledged).
  const cut = rows.pop() !== '';
  let next: UserData | null = null;
  let lines = 0;
  let startAfresh = cut;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let parsed: { v?: unknown; base?: unknown; ops?: unknown };
    try {
      parsed = JSON.parse(row) as typeof parsed;
      need(isObject(parsed), 'it is not an object');
      need(parsed.v === LINE_VERSION, `it is of version ${String(parsed.v)}`);
      need(typeof parsed.base === 'string', 'it names no user.json');
    } catch (error) {
      return { data: next ?? data, lines, bytes, startAfresh: true, damage: { line: i + 1, reason: error instanceof BadLine ? error.message : 'it is not valid JSON' } };
    }
    if (parsed.base !== base || base === undefined) {
      // Folded into a user.json written since: never applied twice.
      startAfresh = true;
      continue;
    }
    next ??= copy(data);
    try {
      applyOps(next, parsed.ops as UserOps);
    } catch (error) {
      if (!(error instanceof BadLine)) throw error;
      return { data: next, lines, bytes, startAfresh: true, damage: { line: i + 1, reason: error.message } };
    }
    lines++;
  }
  return { data: next ?? data, lines, bytes, startAfresh };
}

/** The line that records `ops` as following user.json of `base`, or null when it is too large for the journal. */
export function journalLine(base: string, ops: UserOps): string | null {
  const line = `${JSON.stringify({ v: LINE_VERSION, base, ops })}\n`;
  return Buffer.byteLength(line) > MAX_LINE_BYTES ? null : line;
}

/** Appends one line and makes it durable before the change is reported done. */
export async function appendJournal(file: string, line: string, created: boolean): Promise<number> {
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.write(line);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  // A new file's name must be durable too, not only its bytes.
  if (created) await syncFolder(dirname(file));
  return (await stat(file)).size;
}

/** After user.json was written whole: the journal's lines are in it. */
export async function emptyJournal(file: string): Promise<void> {
  await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** A journal with a line that cannot be applied is moved aside, kept as it was, never written over. */
export async function setJournalAside(file: string, now: Date): Promise<string> {
  const aside = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  return basename(aside);
}
