import type { Publication } from '../model';
import { DEFAULT_LIST_ID, DEFAULT_LIST_NAME } from '../../shared/lists';
import type { Migration } from './versioned-file';

/**
 * user.json: everything the user made (reading lists, notes, read marks, settings), kept apart
 * from the reference content so a click rewrites a small file and a re-import never touches it.
 */

export const USER_SCHEMA_VERSION = 2;

export { DEFAULT_LIST_ID, DEFAULT_LIST_NAME };

export interface ListItem {
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
  /** In the user's own order. */
  items: ListItem[];
}

/**
 * The last known copy of a listed publication and the genes that cited it. Lists show and export
 * from it when the gene was removed from the library, so a reading list never loses an entry.
 */
export interface PublicationSnapshot extends Publication {
  genes: string[];
}

export interface UserSettings {
  /** CSV cells starting with = + - @, tab or CR get a leading apostrophe (on by default). */
  neutraliseCsvFormulas: boolean;
}

export interface UserData {
  schemaVersion: number;
  /** The gene page open when the app last closed, reopened on start. */
  lastGene: string | null;
  settings: UserSettings;
  lists: ReadingList[];
  snapshots: Record<string, PublicationSnapshot>;
}

export const defaultSettings = (): UserSettings => ({ neutraliseCsvFormulas: true });

export const emptyUser = (now = new Date()): UserData => ({
  schemaVersion: USER_SCHEMA_VERSION,
  lastGene: null,
  settings: defaultSettings(),
  lists: [{ id: DEFAULT_LIST_ID, name: DEFAULT_LIST_NAME, createdAt: now.toISOString(), items: [] }],
  snapshots: {},
});

/**
 * A copy of user data to change and write. Snapshots are only ever added, replaced or deleted
 * whole, never edited in place, so their record is copied shallowly: a bookmark then costs the
 * same with 10 or 10,000 listed publications' abstracts in the file.
 */
export function draftOfUser(data: UserData): UserData {
  const { snapshots, ...rest } = data;
  return { ...structuredClone(rest), snapshots: { ...snapshots } };
}

/**
 * Schema 0 (pre-release, no version field) and schema 1 held only the last open gene; schema 2
 * adds settings, reading lists and snapshots.
 */
export const USER_MIGRATIONS: Record<number, Migration> = {
  0: (data) => ({ lastGene: typeof data.lastGene === 'string' ? data.lastGene : null }),
  1: (data) => {
    const fresh = emptyUser();
    return { ...fresh, lastGene: typeof data.lastGene === 'string' ? data.lastGene : null } as unknown as Record<string, unknown>;
  },
};

/** Every publication some list holds. */
export function bookmarkedIds(data: UserData): Set<string> {
  return new Set(data.lists.flatMap((l) => l.items.map((i) => i.publicationId)));
}
