/**
 * The one contract between renderer, preload and main: channel names, argument and result types,
 * and the validators main runs on every call. Main, preload, the renderer's typings and the e2e
 * test bridge all take their channel names from here.
 *
 * Type-only imports from core keep this file free of Node dependencies (its one runtime import is
 * electron/shared, plain data), so the renderer can import its types without pulling Node code
 * into the browser bundle.
 */
import type { GeneListItem } from './core/store/library-store';
import type { GeneView } from './core/gene-view';
import type { GenePage, PublicationPage } from './core/gene-page';
import type { ImportPreview, ImportReport } from './core/service';
import type { StoreNotice } from './core/store/versioned-file';
import type { ListsState, ListSummary, ReadingListEntry, ReadingListView } from './core/reading-list-view';
import type { Undoable } from './core/service';
import type { UserSettings } from './core/store/user-data';
import { isExportFormat, type ExportFormat } from './shared/export-formats';
import { ALL_BOOKMARKS } from './shared/all-bookmarks';

export type { GenePage, PublicationPage };
export type { GeneListItem, GeneView, ImportPreview, ImportReport, StoreNotice, ListsState, ListSummary, ReadingListEntry, ReadingListView, Undoable, UserSettings, ExportFormat };
export type { Gene, Publication, LiteratureTerm, YearCount, ImportWarning } from './core/model';

/** A file chosen or dropped: its preview (nothing written yet), or why it cannot be imported. */
export type ImportStep =
  | { status: 'cancelled' }
  | { status: 'preview'; preview: ImportPreview }
  | { status: 'refused'; file: string; message: string };

/** A confirmed preview: written, or refused with the library unchanged. */
export type ImportOutcome = { status: 'imported'; report: ImportReport } | { status: 'refused'; file: string; message: string };

export interface ImportProgress {
  done: number;
  total: number;
}

/** Main to renderer: records read so far while a large file is read. */
export const IMPORT_PROGRESS_EVENT = 'import:progress';

export type ExportOutcome =
  | { status: 'cancelled' }
  | { status: 'exported'; file: string; genes: number; publications: number }
  | { status: 'failed'; message: string };

/** A reading-list change: the new lists state, or why it could not be made (nothing changed). */
export type ListsOutcome<T extends object = object> = ({ ok: true; state: ListsState } & T) | { ok: false; message: string };

export type ListExportOutcome =
  | { status: 'cancelled' }
  | { status: 'exported'; file: string; format: ExportFormat; items: number }
  | { status: 'failed'; message: string };


export interface StartState {
  lastGene: string | null;
  libraryFolder: string;
  version: string;
}

export type MenuCommand = 'import' | 'export-gene' | 'show-library' | 'show-lists';
export const MENU_COMMANDS: readonly MenuCommand[] = ['import', 'export-gene', 'show-library', 'show-lists'];

/** Request/response channels: what the renderer may ask of main, and nothing else. */
export interface InvokeContract {
  'app:start-state': { args: []; result: StartState };
  'library:list-genes': { args: []; result: GeneListItem[] };
  'library:get-gene': { args: [symbol: string]; result: GenePage | null };
  'library:get-publications': { args: [symbol: string, term: string | null, offset: number, limit: number]; result: PublicationPage | null };
  'library:notices': { args: []; result: StoreNotice[] };
  'library:restore-backup': { args: []; result: StoreNotice[] };
  'import:dialog': { args: [gene: string | null]; result: ImportStep };
  'import:dropped-path': { args: [path: string, gene: string | null]; result: ImportStep };
  'import:choose-gene': { args: [token: string, symbol: string]; result: ImportStep };
  'import:review': { args: [token: string, mergeNear: number[]]; result: ImportStep };
  'import:commit': { args: [token: string, mergeNear: number[]]; result: ImportOutcome };
  'import:cancel': { args: [token: string | null]; result: void };
  'export:genes': { args: [symbols: string[]]; result: ExportOutcome };
  'shell:open-external': { args: [url: string]; result: boolean };
  'user:set-last-gene': { args: [symbol: string | null]; result: void };
  'library:remove-gene': { args: [symbol: string]; result: ListsOutcome };
  'lists:state': { args: []; result: ListsState };
  'lists:get': { args: [listId: string]; result: ReadingListView | null };
  'lists:toggle-bookmark': { args: [publicationId: string]; result: ListsOutcome<{ bookmarked: boolean; listName?: string; undo?: Undoable }> };
  'lists:set-membership': { args: [publicationId: string, listId: string, member: boolean]; result: ListsOutcome<{ changed: boolean; undo?: Undoable }> };
  'lists:create': { args: [name: string]; result: ListsOutcome<{ list: { id: string; name: string } }> };
  'lists:rename': { args: [listId: string, name: string]; result: ListsOutcome };
  'lists:delete': { args: [listId: string]; result: ListsOutcome<{ undo: Undoable }> };
  'lists:undo': { args: [token: string]; result: ListsOutcome };
  'lists:transfer': { args: [publicationId: string, fromListId: string, toListId: string, mode: 'move' | 'copy']; result: ListsOutcome };
  'lists:reorder': { args: [listId: string, publicationId: string, toIndex: number]; result: ListsOutcome };
  'lists:set-note': { args: [listId: string, publicationId: string, note: string]; result: ListsOutcome };
  'lists:set-read': { args: [listId: string, publicationId: string, read: boolean]; result: ListsOutcome };
  'lists:export': { args: [listId: string, format: ExportFormat]; result: ListExportOutcome };
  'settings:get': { args: []; result: UserSettings };
  'settings:update': { args: [change: Partial<UserSettings>]; result: UserSettings };
}

export type InvokeChannel = keyof InvokeContract;
export type InvokeArgs<C extends InvokeChannel> = InvokeContract[C]['args'];
export type InvokeResult<C extends InvokeChannel> = InvokeContract[C]['result'];

/** Main to renderer: the menu asks the UI to run a command, so menu and buttons share one path. */
export const MENU_EVENT = 'menu:command';

const isSymbol = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9][A-Za-z0-9.\-_@]{0,39}$/.test(v);
const isUrl = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 4096;
// A dropped file's absolute path, as webUtils.getPathForFile gives it (POSIX or Windows).
const isAbsolutePath = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= 4096 && !v.includes('\0') && (v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\\\'));

// Ids as core makes them (identity.ts, reading-lists.ts): anything else never reaches a handler.
const isPublicationId = (v: unknown): v is string => typeof v === 'string' && /^(?:pmid:\d{1,12}|doi:[^\s\0]{1,300}|key-[0-9a-f]{16})$/.test(v);
const isListId = (v: unknown): v is string => typeof v === 'string' && /^(?:reading-list|list-[0-9a-f]{12})$/.test(v);
const isListOrAll = (v: unknown): v is string => v === ALL_BOOKMARKS || isListId(v);
const isText = (max: number) => (v: unknown): v is string => typeof v === 'string' && v.length <= max;
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000;
const isToken = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{18}$/.test(v);
const isIndexList = (v: unknown): v is number[] => Array.isArray(v) && v.length <= 100_000 && v.every(isIndex);
const isSymbolOrNull = (v: unknown): v is string | null => v === null || isSymbol(v);
const isSettingsChange = (v: unknown): v is Partial<UserSettings> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.entries(v).every(([k, val]) => k === 'neutraliseCsvFormulas' && typeof val === 'boolean');

const none = (args: unknown[]): args is [] => args.length === 0;

/** Argument validators, one per channel: main refuses a call whose arguments fail them. */
export const ARG_VALIDATORS: { [C in InvokeChannel]: (args: unknown[]) => args is InvokeArgs<C> } = {
  'app:start-state': none,
  'library:list-genes': none,
  'library:get-gene': (a): a is [string] => a.length === 1 && isSymbol(a[0]),
  'library:get-publications': (a): a is [string, string | null, number, number] =>
    a.length === 4 && isSymbol(a[0]) && (a[1] === null || isText(2000)(a[1])) && isIndex(a[2]) && isIndex(a[3]) && a[3] >= 1 && a[3] <= 500,
  'library:notices': none,
  'library:restore-backup': none,
  'import:dialog': (a): a is [string | null] => a.length === 1 && isSymbolOrNull(a[0]),
  'import:dropped-path': (a): a is [string, string | null] => a.length === 2 && isAbsolutePath(a[0]) && isSymbolOrNull(a[1]),
  'import:choose-gene': (a): a is [string, string] => a.length === 2 && isToken(a[0]) && isText(100)(a[1]),
  'import:review': (a): a is [string, number[]] => a.length === 2 && isToken(a[0]) && isIndexList(a[1]),
  'import:commit': (a): a is [string, number[]] => a.length === 2 && isToken(a[0]) && isIndexList(a[1]),
  'import:cancel': (a): a is [string | null] => a.length === 1 && (a[0] === null || isToken(a[0])),
  'export:genes': (a): a is [string[]] => a.length === 1 && Array.isArray(a[0]) && a[0].length > 0 && a[0].length <= 10_000 && a[0].every(isSymbol),
  'shell:open-external': (a): a is [string] => a.length === 1 && isUrl(a[0]),
  'user:set-last-gene': (a): a is [string | null] => a.length === 1 && (a[0] === null || isSymbol(a[0])),
  'library:remove-gene': (a): a is [string] => a.length === 1 && isSymbol(a[0]),
  'lists:state': none,
  'lists:get': (a): a is [string] => a.length === 1 && isListOrAll(a[0]),
  'lists:toggle-bookmark': (a): a is [string] => a.length === 1 && isPublicationId(a[0]),
  'lists:set-membership': (a): a is [string, string, boolean] => a.length === 3 && isPublicationId(a[0]) && isListId(a[1]) && typeof a[2] === 'boolean',
  'lists:create': (a): a is [string] => a.length === 1 && isText(500)(a[0]),
  'lists:rename': (a): a is [string, string] => a.length === 2 && isListId(a[0]) && isText(500)(a[1]),
  'lists:delete': (a): a is [string] => a.length === 1 && isListId(a[0]),
  'lists:undo': (a): a is [string] => a.length === 1 && typeof a[0] === 'string' && /^undo-\d{1,9}$/.test(a[0]),
  'lists:transfer': (a): a is [string, string, string, 'move' | 'copy'] =>
    a.length === 4 && isPublicationId(a[0]) && isListId(a[1]) && isListId(a[2]) && (a[3] === 'move' || a[3] === 'copy'),
  'lists:reorder': (a): a is [string, string, number] => a.length === 3 && isListId(a[0]) && isPublicationId(a[1]) && isIndex(a[2]),
  'lists:set-note': (a): a is [string, string, string] => a.length === 3 && isListId(a[0]) && isPublicationId(a[1]) && isText(100_000)(a[2]),
  'lists:set-read': (a): a is [string, string, boolean] => a.length === 3 && isListId(a[0]) && isPublicationId(a[1]) && typeof a[2] === 'boolean',
  'lists:export': (a): a is [string, ExportFormat] => a.length === 2 && isListOrAll(a[0]) && isExportFormat(a[1]),
  'settings:get': none,
  'settings:update': (a): a is [Partial<UserSettings>] => a.length === 1 && isSettingsChange(a[0]),
};

/** The allow-list of channels main registers. */
export const INVOKE_CHANNELS = Object.keys(ARG_VALIDATORS) as InvokeChannel[];

/** What the renderer sees as window.geneshelf. */
export interface GeneShelfApi {
  startState(): Promise<StartState>;
  listGenes(): Promise<GeneListItem[]>;
  getGene(symbol: string): Promise<GenePage | null>;
  getPublications(symbol: string, term: string | null, offset: number, limit: number): Promise<PublicationPage | null>;
  notices(): Promise<StoreNotice[]>;
  restoreLibraryBackup(): Promise<StoreNotice[]>;
  /** `gene`: the gene page open, offered as the home of a reference export's publications. */
  importWithDialog(gene: string | null): Promise<ImportStep>;
  /** A file dropped on the window: the preload resolves its path, the renderer never sees one. */
  importDroppedFile(file: File, gene: string | null): Promise<ImportStep>;
  chooseImportGene(token: string, symbol: string): Promise<ImportStep>;
  reviewImport(token: string, mergeNear: number[]): Promise<ImportStep>;
  commitImport(token: string, mergeNear: number[]): Promise<ImportOutcome>;
  /** Stops a read in progress and forgets the preview. */
  cancelImport(token: string | null): Promise<void>;
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
  /** One gene, or a panel of several, as one gene file through the save dialog. */
  exportGenes(symbols: string[]): Promise<ExportOutcome>;
  openExternal(url: string): Promise<boolean>;
  setLastGene(symbol: string | null): Promise<void>;
  removeGene(symbol: string): Promise<ListsOutcome>;
  listsState(): Promise<ListsState>;
  getList(listId: string): Promise<ReadingListView | null>;
  toggleBookmark(publicationId: string): Promise<InvokeResult<'lists:toggle-bookmark'>>;
  setMembership(publicationId: string, listId: string, member: boolean): Promise<InvokeResult<'lists:set-membership'>>;
  createList(name: string): Promise<InvokeResult<'lists:create'>>;
  renameList(listId: string, name: string): Promise<ListsOutcome>;
  deleteList(listId: string): Promise<InvokeResult<'lists:delete'>>;
  undo(token: string): Promise<ListsOutcome>;
  transferItem(publicationId: string, fromListId: string, toListId: string, mode: 'move' | 'copy'): Promise<ListsOutcome>;
  reorderItem(listId: string, publicationId: string, toIndex: number): Promise<ListsOutcome>;
  setNote(listId: string, publicationId: string, note: string): Promise<ListsOutcome>;
  setRead(listId: string, publicationId: string, read: boolean): Promise<ListsOutcome>;
  exportList(listId: string, format: ExportFormat): Promise<ListExportOutcome>;
  settings(): Promise<UserSettings>;
  updateSettings(change: Partial<UserSettings>): Promise<UserSettings>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
