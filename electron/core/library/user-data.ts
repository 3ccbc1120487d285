import { isThemeChoice, type ThemeChoice } from '../../shared/appearance';
import { STALE_YEAR_CHOICES } from '../../shared/currency';
import { isCitationStyle, type CitationStyle } from '../../shared/citation-styles';
import { randomBytes } from 'node:crypto';
import type { Publication } from '../model';
import { DEFAULT_LIST_ID, DEFAULT_LIST_NAME } from '../../shared/lists';
import type { Migration } from './versioned-file';
import { newJournalBase } from './user-journal';

/**
 * user.json: everything the user made (reading lists, notes, read marks, settings), kept apart
 * from the reference content so a click rewrites a small file and a re-import never touches it.
 */

export const USER_SCHEMA_VERSION = 4;

export { DEFAULT_LIST_ID, DEFAULT_LIST_NAME };

/**
 * The change journal: every list and item carries an id and the time it last changed, and a
 * deletion leaves a tombstone, so two copies of one user's lists (two laptops) can later be merged
 * change by change instead of one overwriting the other.
 */
export interface ListItem {
  /** Stable across moves within the list and edits; a copy in another list is another item. */
  id: string;
  /** ISO date-time of the item's last change (added, note, read mark, place). */
  modifiedAt: string;
  publicationId: string;
  /** ISO date-time the item was added to this list. */
  dateAdded: string;
  /** Private, plain text, may hold several lines. */
  note: string;
  read: boolean;
}

export interface ReadingList {
  id: string;
  name: string;
  createdAt: string;
  /** ISO date-time of the list's last change: its name, or its items or their order. */
  modifiedAt: string;
  /** In the user's own order. */
  items: ListItem[];
}

/**
 * The copy of a listed publication that the library no longer holds (its gene was removed), with
 * the genes that cited it, so a reading list never loses an entry. While the library holds a
 * listed publication there is no snapshot: lists read it from the library, and a bookmark writes
 * only the lists.
 */
export interface PublicationSnapshot extends Publication {
  genes: string[];
}

export interface UserSettings {
  /** CSV cells starting with = + - @, tab or CR get a leading apostrophe (on by default). */
  neutraliseCsvFormulas: boolean;
  /** Gene content older than this many years is marked as possibly out of date (two when unset). */
  staleAfterYears?: number;
  /** The style Copy citation, a copied bibliography and the bibliography export use (Vancouver when unset). */
  citationStyle?: CitationStyle;
  /** The window's theme: the system's (when unset), or light or dark always. */
  theme?: ThemeChoice;
  /** The sidebar of genes and lists folded away (it is shown when unset). */
  sidebarCollapsed?: boolean;
}

/** What was deleted and when: a list, or an item of a list. */
export interface Tombstone {
  kind: 'list' | 'item';
  id: string;
  /** For an item: its list and publication. */
  listId?: string;
  publicationId?: string;
  deletedAt: string;
}

export interface UserData {
  schemaVersion: number;
  /** The gene page open when the app last closed, reopened on start. */
  lastGene: string | null;
  settings: UserSettings;
  lists: ReadingList[];
  /** Deletions, newest last. */
  tombstones: Tombstone[];
  snapshots: Record<string, PublicationSnapshot>;
  /**
   * Which writing of user.json this is: the lines of user.journal that name it are the changes
   * made since (see user-journal.ts). Unset: no journal line follows this copy.
   */
  journalBase?: string;
}

export const defaultSettings = (): UserSettings => ({ neutraliseCsvFormulas: true });

/**
 * The settings as GeneShelf can use them: a hand-edited or foreign user.json may hold a style,
 * theme or threshold GeneShelf does not know, or a value of the wrong type; such a key counts as
 * unset (its default), so no screen, export or command fails on it. The file keeps what it held
 * until the next change of settings writes the clean copy.
 */
export function cleanSettings(raw: unknown): UserSettings {
  const s = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  return {
    neutraliseCsvFormulas: typeof s.neutraliseCsvFormulas === 'boolean' ? s.neutraliseCsvFormulas : true,
    ...((STALE_YEAR_CHOICES as readonly unknown[]).includes(s.staleAfterYears) ? { staleAfterYears: s.staleAfterYears as number } : {}),
    ...(isCitationStyle(s.citationStyle) ? { citationStyle: s.citationStyle } : {}),
    ...(isThemeChoice(s.theme) ? { theme: s.theme } : {}),
    ...(typeof s.sidebarCollapsed === 'boolean' ? { sidebarCollapsed: s.sidebarCollapsed } : {}),
  };
}

export const emptyUser = (now = new Date()): UserData => ({
  schemaVersion: USER_SCHEMA_VERSION,
  lastGene: null,
  settings: defaultSettings(),
  lists: [{ id: DEFAULT_LIST_ID, name: DEFAULT_LIST_NAME, createdAt: now.toISOString(), modifiedAt: now.toISOString(), items: [] }],
  tombstones: [],
  snapshots: {},
  journalBase: newJournalBase(),
});

/** A new item id. */
export function itemId(): string {
  return `item-${randomBytes(6).toString('hex')}`;
}

/**
 * A copy of user data to change and write. Snapshots and tombstones are only ever added,
 * replaced or deleted whole, never edited in place, so they are copied shallowly: a bookmark then costs the
 * same with 10 or 10,000 listed publications' abstracts in the file.
 */
export function draftOfUser(data: UserData): UserData {
  // Tombstones, like snapshots, are only added or dropped whole: the array is copied, not its
  // entries. Lists are edited in place by the rules, so each is copied; items are replaced, never
  // edited in place (rules.ts editItem), so only each list's array of them is: an item the change
  // did not touch is the same object in both copies, which is how the journal finds what changed.
  const { snapshots, tombstones, lists, settings, ...rest } = data;
  return {
    ...rest,
    settings: { ...settings },
    lists: lists.map((l) => ({ ...l, items: [...l.items] })),
    tombstones: [...tombstones],
    snapshots: { ...snapshots },
  };
}

/**
 * Schema 0 (pre-release, no version field) and schema 1 held only the last open gene; schema 2
 * adds settings, reading lists and snapshots; schema 3 the change journal (ids and modification
 * times on lists and items, tombstones), dated from what schema 2 knew; schema 4 the journal of
 * changes since user.json was last written whole (journalBase, user.journal), which an older
 * GeneShelf would not read, so it must not open the file.
 */
export const USER_MIGRATIONS: Record<number, Migration> = {
  0: (data) => ({ lastGene: typeof data.lastGene === 'string' ? data.lastGene : null }),
  1: (data) => {
    const fresh = emptyUser();
    return { ...fresh, lastGene: typeof data.lastGene === 'string' ? data.lastGene : null } as unknown as Record<string, unknown>;
  },
  2: (data) => {
    const lists = (Array.isArray(data.lists) ? data.lists : []) as Array<Omit<ReadingList, 'modifiedAt' | 'items'> & { items: Array<Omit<ListItem, 'id' | 'modifiedAt'>> }>;
    return {
      ...data,
      lists: lists.map((l) => {
        // A hand-edited or damaged list may lack items or dates: it still opens.
        const items = Array.isArray(l.items) ? l.items : [];
        const createdAt = typeof l.createdAt === 'string' ? l.createdAt : new Date(0).toISOString();
        return {
          ...l,
          createdAt,
          modifiedAt: items.reduce((latest, i) => (typeof i.dateAdded === 'string' && i.dateAdded > latest ? i.dateAdded : latest), createdAt),
          items: items.map((i) => ({ id: itemId(), modifiedAt: typeof i.dateAdded === 'string' ? i.dateAdded : createdAt, ...i })),
        };
      }),
      tombstones: [],
    };
  },
  // No journal follows a copy written before there was one.
  3: (data) => data,
};

/** Every publication some list holds. */
export function bookmarkedIds(data: UserData): Set<string> {
  // A loop, not flatMap: no array of every item's id on the way (ten thousand of them on each click).
  const ids = new Set<string>();
  for (const list of data.lists) for (const item of list.items) ids.add(item.publicationId);
  return ids;
}
