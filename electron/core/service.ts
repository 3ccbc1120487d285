import { access } from 'node:fs/promises';
import { ImportError, formatProblem, writeFailureReason } from './errors';
import { ImportPreviews, type ImportPreview, type ImportReport } from './import/preview';
import type { ReadControl } from './import/read-import';
import type { ParsedRecord } from './formats/records';
import { serialiseGeneFile } from './genefile/write-genefile';
import { writeFileAtomic } from './store/atomic-json-file';
import { LibraryStore, type GeneListItem } from './store/library-store';
import type { StoreNotice } from './store/versioned-file';
import { buildGeneView, type GeneView } from './gene-view';
import { genePage, publicationPage, type GenePage, type PublicationPage } from './gene-page';
import * as lists from './reading-lists';
import { UserStateError } from './reading-lists';
import { ALL_BOOKMARKS, buildListView, exportRecords, listsState, type ListsState, type PublicationLookup, type ReadingListView } from './reading-list-view';
import { EXPORT_FORMATS, renderExport, type ExportFormat } from './export/formats';
import type { UserData, UserSettings } from './store/user-data';

/** Saves an export (gene file, reading list) atomically; a failure becomes one sentence naming the file. */
export async function saveTextFile(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    throw new Error(formatProblem(file, `cannot save: ${writeFailureReason(error)}`));
  }
}

export type { ImportPreview, ImportReport };

/** Something the user can take back, for a short while, from the message bar. */
export interface Undoable {
  token: string;
  message: string;
}

export interface ExportListResult {
  file: string;
  format: ExportFormat;
  items: number;
}

/** How many undoable changes are remembered; older ones can no longer be taken back. */
const UNDO_LIMIT = 20;

/**
 * The one service behind the app's IPC handlers and the CLI: every product rule reached from
 * outside goes through here, so both front doors behave the same.
 */
export class LibraryService {
  private undos = new Map<string, (draft: UserData) => void>();
  private readonly previews: ImportPreviews;
  private undoCounter = 0;

  private constructor(
    readonly store: LibraryStore,
    private notices: StoreNotice[],
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.previews = new ImportPreviews(store);
  }

  /**
   * Opens the library in `dir`. On a first run (no library yet) the bundled sample is imported,
   * so a new user sees a gene page at once.
   */
  static async open(dir: string, options: { samplePath?: string; clock?: () => Date } = {}): Promise<LibraryService> {
    const store = await LibraryStore.open(dir);
    const service = new LibraryService(store, [...store.notices], options.clock);
    if (store.firstRun && options.samplePath) {
      try {
        await access(options.samplePath);
        await service.importFile(options.samplePath);
      } catch (error) {
        service.notices.push({
          kind: 'sample-failed',
          file: options.samplePath,
          message: `The bundled sample could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    return service;
  }

  getNotices(): StoreNotice[] {
    return this.notices;
  }

  listGenes(): GeneListItem[] {
    return this.store.listGenes();
  }

  getGeneView(symbol: string): GeneView | null {
    const gene = this.store.getGene(symbol);
    return gene ? buildGeneView(gene) : null;
  }

  // The last gene page built, kept while the library is unchanged: its pages are asked for in turn.
  private pageCache: { symbol: string; revision: number; view: GeneView } | null = null;

  private cachedView(symbol: string): GeneView | null {
    const key = symbol.toUpperCase();
    if (this.pageCache && this.pageCache.symbol === key && this.pageCache.revision === this.store.revision) return this.pageCache.view;
    const view = this.getGeneView(symbol);
    this.pageCache = view ? { symbol: key, revision: this.store.revision, view } : null;
    return view;
  }

  /** The gene page for the app: counts per term and the first page of publications. */
  getGenePage(symbol: string): GenePage | null {
    const view = this.cachedView(symbol);
    return view ? genePage(view) : null;
  }

  /** A page of a gene's publications, all of them or those a literature term finds. */
  getPublications(symbol: string, term: string | null, offset: number, limit: number): PublicationPage | null {
    const view = this.cachedView(symbol);
    return view ? publicationPage(view, term, offset, limit) : null;
  }

  /**
   * Reads a file and says what importing it would do; nothing is written until commitImport.
   * A reference export goes to `gene` (which may be chosen later with chooseImportGene).
   * Throws ImportError (or ImportCancelledError when the signal is aborted).
   */
  previewImport(file: string, options: { gene?: string | null } & ReadControl = {}): Promise<ImportPreview> {
    return this.previews.open(file, options);
  }

  chooseImportGene(token: string, symbol: string): ImportPreview {
    return this.previews.setTarget(token, symbol);
  }

  /** The preview again, with the near matches the user chose to merge counted as merged. */
  reviewImport(token: string, mergeNear: number[]): ImportPreview {
    return this.previews.describe(token, new Set(mergeNear));
  }

  commitImport(token: string, options: { mergeNear?: number[] } = {}): Promise<ImportReport> {
    return this.previews.commit(token, options);
  }

  cancelImport(token: string): void {
    this.previews.cancel(token);
  }

  /** The publications a previewed file holds, as read (the CLI's --json). */
  importRecords(token: string): ParsedRecord[] {
    return this.previews.records(token);
  }

  /** Preview and commit in one step, for the CLI and the bundled sample. The library is unchanged on error. */
  async importFile(file: string, options: { gene?: string } = {}): Promise<ImportReport> {
    const preview = await this.previewImport(file, options);
    if (preview.kind === 'publications' && !preview.target) {
      this.cancelImport(preview.token);
      throw new ImportError(file, `this ${preview.formatName} file holds publications, not a gene: say which gene they belong to`);
    }
    return this.commitImport(preview.token);
  }

  /** Writes the named genes as one gene file. Unknown symbols are an error, not a silent gap. */
  async exportGenes(symbols: string[], file: string): Promise<{ file: string; genes: number; publications: number }> {
    const genes = symbols.map((s) => {
      const gene = this.store.getGene(s);
      if (!gene) throw new Error(`${s} is not in the library`);
      return gene;
    });
    await saveTextFile(file, serialiseGeneFile(genes));
    return { file, genes: genes.length, publications: genes.reduce((n, g) => n + g.publications.length, 0) };
  }

  get lastGene(): string | null {
    return this.store.lastGene;
  }

  setLastGene(symbol: string | null): Promise<void> {
    return this.store.setLastGene(symbol);
  }

  /** Removes a gene from the library; its listed publications stay in their lists. */
  async removeGene(symbol: string): Promise<void> {
    if (!(await this.store.removeGene(symbol))) throw new UserStateError(`${symbol} is not in the library.`);
    if (this.store.lastGene?.toUpperCase() === symbol.toUpperCase()) await this.store.setLastGene(null);
  }

  // Reading lists. Every change below writes user.json alone and returns the new lists state.

  listsState(): ListsState {
    return listsState(this.store.userData);
  }

  private get lookup(): PublicationLookup {
    return { publication: (id) => this.store.getPublication(id), genes: (id) => this.store.genesCiting(id) };
  }

  getList(listId: string): ReadingListView | null {
    return buildListView(this.store.userData, listId, this.lookup);
  }

  /** The list a CLI user names, matched without regard to case; "All bookmarks" is every list. */
  findListId(name: string): string {
    if (name.trim().toLowerCase() === 'all bookmarks') return ALL_BOOKMARKS;
    const list = lists.findListByName(this.store.userData, name);
    if (!list) {
      const names = this.store.userData.lists.map((l) => `“${l.name}”`).join(', ');
      throw new UserStateError(`There is no reading list called “${name.trim()}”. ${names ? `The lists are ${names}.` : 'There are no lists yet.'}`);
    }
    return list.id;
  }

  private requirePublication(id: string): void {
    if (!this.store.getPublication(id) && !this.store.userData.snapshots[id]) {
      throw new UserStateError(`No publication with id ${id} is in the library.`);
    }
  }

  private rememberUndo(message: string, undo: (draft: UserData) => void): Undoable {
    const token = `undo-${++this.undoCounter}`;
    this.undos.set(token, undo);
    if (this.undos.size > UNDO_LIMIT) this.undos.delete(this.undos.keys().next().value!);
    return { token, message };
  }

  /**
   * The star: bookmarks into the first list, or, when the publication is bookmarked already, takes
   * it out of every list, with an undo that puts each item back with its note and place.
   */
  async toggleBookmark(publicationId: string): Promise<{ bookmarked: boolean; listName?: string; undo?: Undoable }> {
    this.requirePublication(publicationId);
    const now = this.clock();
    const outcome = await this.store.changeUser((draft) => {
      const removed = lists.removeEverywhere(draft, publicationId);
      if (removed.length) return { removed, names: removed.map((r) => draft.lists.find((l) => l.id === r.listId)!.name) };
      const list = lists.defaultList(draft, now);
      lists.addItem(draft, list.id, publicationId, now);
      return { added: list.name };
    });
    if ('added' in outcome) return { bookmarked: true, listName: outcome.added };
    const { removed, names } = outcome;
    return { bookmarked: false, undo: this.rememberUndo(`Removed from ${names.join(', ')}.`, (draft) => lists.restoreItems(draft, removed)) };
  }

  /**
   * Adds a publication to a list, or takes it out (the list menu's checkboxes, the CLI's bookmark).
   * `changed` is false when it was already so; taking an item out can be undone, note and all.
   */
  async setMembership(publicationId: string, listId: string, member: boolean): Promise<{ changed: boolean; undo?: Undoable }> {
    this.requirePublication(publicationId);
    const now = this.clock();
    if (member) return { changed: await this.store.changeUser((draft) => lists.addItem(draft, listId, publicationId, now)) };
    const removed = await this.store.changeUser((draft) => lists.removeItem(draft, listId, publicationId));
    if (!removed) return { changed: false };
    const name = this.store.userData.lists.find((l) => l.id === listId)?.name ?? 'the list';
    return { changed: true, undo: this.rememberUndo(`Removed from ${name}.`, (draft) => lists.restoreItems(draft, [removed])) };
  }

  async createList(name: string): Promise<{ id: string; name: string }> {
    const now = this.clock();
    const list = await this.store.changeUser((draft) => lists.createList(draft, name, now));
    return { id: list.id, name: list.name };
  }

  renameList(listId: string, name: string): Promise<void> {
    return this.store.changeUser((draft) => lists.renameList(draft, listId, name));
  }

  async deleteList(listId: string): Promise<Undoable> {
    const deleted = await this.store.changeUser((draft) => lists.deleteList(draft, listId));
    const n = deleted.list.items.length;
    return this.rememberUndo(`Deleted “${deleted.list.name}” (${n} ${n === 1 ? 'item' : 'items'}).`, (draft) => lists.restoreList(draft, deleted));
  }

  async undo(token: string): Promise<void> {
    const undo = this.undos.get(token);
    if (!undo) throw new UserStateError('That change can no longer be undone.');
    await this.store.changeUser(undo);
    this.undos.delete(token);
  }

  transferItem(publicationId: string, fromId: string, toId: string, mode: 'move' | 'copy'): Promise<void> {
    const now = this.clock();
    return this.store.changeUser((draft) => lists.transferItem(draft, publicationId, fromId, toId, mode, now));
  }

  reorderItem(listId: string, publicationId: string, toIndex: number): Promise<void> {
    return this.store.changeUser((draft) => lists.reorderItem(draft, listId, publicationId, toIndex));
  }

  setNote(listId: string, publicationId: string, note: string): Promise<void> {
    return this.store.changeUser((draft) => lists.setNote(draft, listId, publicationId, note));
  }

  setRead(listId: string, publicationId: string, read: boolean): Promise<void> {
    return this.store.changeUser((draft) => lists.setRead(draft, listId, publicationId, read));
  }

  get settings(): UserSettings {
    return this.store.userData.settings;
  }

  async updateSettings(change: Partial<UserSettings>): Promise<UserSettings> {
    await this.store.changeUser((draft) => {
      draft.settings = { ...draft.settings, ...change };
    });
    return this.settings;
  }

  /** The list (or All bookmarks) as text in one export format, with the user's CSV setting applied. */
  renderList(listId: string, format: ExportFormat): { text: string; items: number; name: string } {
    const view = this.getList(listId);
    if (!view) throw new UserStateError('That reading list no longer exists.');
    return { text: this.renderView(view, format), items: view.entries.length, name: view.name };
  }

  renderView(view: ReadingListView, format: ExportFormat): string {
    return renderExport(format, exportRecords(view), { neutraliseCsvFormulas: this.settings.neutraliseCsvFormulas });
  }

  async exportList(listId: string, format: ExportFormat, file: string): Promise<ExportListResult> {
    const { text, items } = this.renderList(listId, format);
    await saveTextFile(file, text);
    return { file, format, items };
  }

  /** "Ward round.csv": the list's name made safe as a file name on every system. */
  exportFileName(listId: string, format: ExportFormat): string {
    const view = this.getList(listId);
    const base = (view?.name ?? 'Reading list').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim() || 'Reading list';
    return `${base}.${EXPORT_FORMATS[format].extension}`;
  }

  /** Restores the last good copy of every library file that was found damaged and moved aside. */
  async restoreLibraryBackup(): Promise<void> {
    const damaged = this.notices.filter((n) => n.kind === 'corrupt-moved-aside' && n.backup);
    await this.store.restoreBackups(damaged.map((n) => n.file));
    this.notices = this.notices.filter((n) => !damaged.includes(n));
  }
}
