import { UserStateError } from '../errors';
import { own } from '../../shared/own';
import { ALL_BOOKMARKS_NAME } from '../../shared/lists';
import type { CitationStyle } from '../../shared/citation-styles';
import { DEFAULT_LIST_NAME, cleanSettings, safeFileName, saveFile, type LibraryStore, type UserData, type UserSettings } from '../library';
import { EXPORT_FORMATS, renderExport, type ExportFormat } from './exports';
import * as rules from './rules';
import { ALL_BOOKMARKS, buildListView, exportRecords, listsState, listsStateOf, type ListsState, type PublicationLookup, type ReadingListView } from './view';

/** Something the user can take back, for a short while, from the message bar. */
export interface Undoable {
  token: string;
  message: string;
}

/** Every reading-list change answers with the lists as they now are, so each screen redraws its stars from one source. */
export type ListsChange<T extends object = object> = { state: ListsState } & T;

/** How a list is exported beyond its format: the bibliography's citation style. */
export interface ExportOptions {
  style?: CitationStyle;
}

export interface ExportListResult {
  file: string;
  format: ExportFormat;
  items: number;
}

/** How many undoable changes are remembered; older ones can no longer be taken back. */
const UNDO_LIMIT = 20;

/**
 * The reading-list part of the service. Every change writes user.json alone (a bookmark never
 * rewrites the library) and answers with the new lists state; a refused change throws
 * UserStateError and leaves the file as it was.
 */
export function listCalls(store: LibraryStore, clock: () => Date = () => new Date()) {
  const undos = new Map<string, (draft: UserData, now: Date) => void>();
  let undoCounter = 0;
  /** The library's copies of the papers a list view shows, read from their shards first. */
  const lookupFor = async (listId: string): Promise<PublicationLookup> => {
    const data = store.userData;
    const lists = listId === ALL_BOOKMARKS ? data.lists : data.lists.filter((l) => l.id === listId);
    const live = await store.publications(lists.flatMap((l) => l.items.map((i) => i.publicationId)));
    return { publication: (id) => live.get(id), genes: (id) => store.genesCiting(id) };
  };

  /** The answer to a change: the lists state whole, or (`touched`) only what changed for those publications. */
  const changed = <T extends object>(extra: T, touched?: readonly string[]): ListsChange<T> => ({ state: touched ? listsStateOf(store.userData, touched) : listsState(store.userData), ...extra });

  const requirePublication = (id: string): void => {
    if (!store.holds(id) && !own(store.userData.snapshots, id)) throw new UserStateError(`No publication with id ${id} is in the library.`);
  };

  const rememberUndo = (message: string, undo: (draft: UserData, now: Date) => void): Undoable => {
    const token = `undo-${++undoCounter}`;
    undos.set(token, undo);
    if (undos.size > UNDO_LIMIT) undos.delete(undos.keys().next().value!);
    return { token, message };
  };

  const calls = {
    listsState(): ListsState {
      return listsState(store.userData);
    },

    async getList(listId: string): Promise<ReadingListView | null> {
      const lookup = await lookupFor(listId);
      return buildListView(store.userData, listId, lookup);
    },

    /** The list a CLI user names, matched without regard to case; "All bookmarks" is every list. */
    findListId(name: string): string {
      if (name.trim().toLowerCase() === 'all bookmarks') return ALL_BOOKMARKS;
      const list = rules.findListByName(store.userData, name);
      if (!list) {
        const names = store.userData.lists.map((l) => `“${l.name}”`).join(', ');
        throw new UserStateError(`There is no reading list called “${name.trim()}”. ${names ? `The lists are ${names}.` : 'There are no lists yet.'}`);
      }
      return list.id;
    },

    /**
     * The star: bookmarks into the first list, or, when the publication is bookmarked already, takes
     * it out of every list, with an undo that puts each item back with its note and place.
     */
    async toggleBookmark(publicationId: string): Promise<ListsChange<{ bookmarked: boolean; listName?: string; undo?: Undoable }>> {
      requirePublication(publicationId);
      const now = clock();
      const outcome = await store.changeUser((draft) => {
        const removed = rules.removeEverywhere(draft, publicationId, now);
        if (removed.length) return { removed, names: removed.map((r) => draft.lists.find((l) => l.id === r.listId)!.name) };
        const list = rules.defaultList(draft, now);
        rules.addItem(draft, list.id, publicationId, now);
        return { added: list.name };
      });
      if ('added' in outcome) return changed({ bookmarked: true, listName: outcome.added }, [publicationId]);
      const { removed, names } = outcome;
      return changed({ bookmarked: false, undo: rememberUndo(`Removed from ${names.join(', ')}.`, (draft, at) => rules.restoreItems(draft, removed, at)) }, [publicationId]);
    },

    /**
     * Adds a publication to a list, or takes it out (the list menu's checkboxes, the CLI's bookmark).
     * `changed` is false when it was already so; taking an item out can be undone, note and all.
     */
    async setMembership(publicationId: string, listId: string, member: boolean): Promise<ListsChange<{ changed: boolean; undo?: Undoable }>> {
      requirePublication(publicationId);
      const now = clock();
      if (member) return changed({ changed: await store.changeUser((draft) => rules.addItem(draft, listId, publicationId, now)) }, [publicationId]);
      const removed = await store.changeUser((draft) => rules.removeItem(draft, listId, publicationId, now));
      if (!removed) return changed({ changed: false }, [publicationId]);
      const name = store.userData.lists.find((l) => l.id === listId)?.name ?? 'the list';
      return changed({ changed: true, undo: rememberUndo(`Removed from ${name}.`, (draft, at) => rules.restoreItems(draft, [removed], at)) }, [publicationId]);
    },

    /** Adds to the first list, making one when the user deleted them all (the CLI's bookmark without --list). */
    async bookmarkInFirstList(publicationId: string): Promise<ListsChange<{ changed: boolean; listName: string }>> {
      requirePublication(publicationId);
      const now = clock();
      const result = await store.changeUser((draft) => {
        const list = rules.defaultList(draft, now);
        return { changed: rules.addItem(draft, list.id, publicationId, now), listName: list.name };
      });
      return changed(result);
    },

    async createList(name: string): Promise<ListsChange<{ id: string; name: string }>> {
      const now = clock();
      const list = await store.changeUser((draft) => rules.createList(draft, name, now));
      return changed({ id: list.id, name: list.name });
    },

    async renameList(listId: string, name: string): Promise<ListsChange> {
      const now = clock();
      await store.changeUser((draft) => rules.renameList(draft, listId, name, now));
      return changed({});
    },

    /** The list goes; the answer is the undo that brings it back, items, notes and all. */
    async deleteList(listId: string): Promise<ListsChange<Undoable>> {
      const now = clock();
      const deleted = await store.changeUser((draft) => rules.deleteList(draft, listId, now));
      const n = deleted.list.items.length;
      return changed({ ...rememberUndo(`Deleted “${deleted.list.name}” (${n} ${n === 1 ? 'item' : 'items'}).`, (draft, at) => rules.restoreList(draft, deleted, at)) });
    },

    async undo(token: string): Promise<ListsChange> {
      const undo = undos.get(token);
      if (!undo) throw new UserStateError('That change can no longer be undone.');
      const now = clock();
      await store.changeUser((draft) => undo(draft, now));
      undos.delete(token);
      return changed({});
    },

    async transferItem(publicationId: string, fromId: string, toId: string, mode: 'move' | 'copy'): Promise<ListsChange> {
      const now = clock();
      await store.changeUser((draft) => rules.transferItem(draft, publicationId, fromId, toId, mode, now));
      return changed({}, [publicationId]);
    },

    async reorderItem(listId: string, publicationId: string, toIndex: number): Promise<ListsChange> {
      const now = clock();
      await store.changeUser((draft) => rules.reorderItem(draft, listId, publicationId, toIndex, now));
      return changed({}, [publicationId]);
    },

    async setNote(listId: string, publicationId: string, note: string): Promise<ListsChange> {
      const now = clock();
      await store.changeUser((draft) => rules.setNote(draft, listId, publicationId, note, now));
      return changed({}, [publicationId]);
    },

    async setRead(listId: string, publicationId: string, read: boolean): Promise<ListsChange> {
      const now = clock();
      await store.changeUser((draft) => rules.setRead(draft, listId, publicationId, read, now));
      return changed({}, [publicationId]);
    },

    settings(): UserSettings {
      return store.settings;
    },

    async updateSettings(change: Partial<UserSettings>): Promise<UserSettings> {
      await store.changeUser((draft) => {
        draft.settings = cleanSettings({ ...draft.settings, ...change });
      });
      return store.settings;
    },

    /**
     * The list (or All bookmarks) as text in one export format, with the user's CSV setting applied;
     * a bibliography in `options.style`, else the reader's citation style (Vancouver when unset).
     */
    async renderList(listId: string, format: ExportFormat, options: ExportOptions = {}): Promise<{ text: string; items: number; name: string }> {
      const view = await calls.getList(listId);
      if (!view) throw new UserStateError('That reading list no longer exists.');
      return { text: calls.renderView(view, format, options), items: view.entries.length, name: view.name };
    },

    renderView(view: ReadingListView, format: ExportFormat, options: ExportOptions = {}): string {
      const { neutraliseCsvFormulas, citationStyle } = store.settings;
      // A bibliography is written in the style asked for, else the one the reader copies citations in.
      const style = options.style ?? citationStyle;
      return renderExport(format, exportRecords(view, (symbol) => store.geneProvenance(symbol)), { neutraliseCsvFormulas, ...(style ? { style } : {}) });
    },

    async exportListTo(listId: string, format: ExportFormat, file: string, options: ExportOptions = {}): Promise<ExportListResult> {
      const { text, items } = await calls.renderList(listId, format, options);
      await saveFile(file, text);
      return { file, format, items };
    },

    /** "Ward round.csv": the list's name made safe as a file name on every system. */
    exportFileName(listId: string, format: ExportFormat): string {
      // The name only: no paper is read for it.
      const name = listId === ALL_BOOKMARKS ? ALL_BOOKMARKS_NAME : store.userData.lists.find((l) => l.id === listId)?.name;
      const base = safeFileName(name ?? DEFAULT_LIST_NAME, DEFAULT_LIST_NAME);
      return `${base}.${EXPORT_FORMATS[format].extension}`;
    },
  };
  return calls;
}
