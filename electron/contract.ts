/**
 * The one contract between renderer, preload and main: one table, CONTRACT, gives each call its
 * name (which is also its IPC channel), its signature and the validators main runs on its
 * arguments. The preload's API, the renderer's typed window.geneshelf, main's handler
 * registration and the e2e bridge are all derived from the table in a loop, so a new call is one
 * entry here plus the service method (or, for calls that need the desktop, the main handler)
 * that answers it.
 *
 * Type-only imports from core keep this file free of Node dependencies (its runtime imports are
 * electron/shared, plain data), so the renderer can import its types without pulling Node code
 * into the browser bundle.
 */
import type { GeneListItem, StoreNotice, UserSettings } from './core/library';
import type { Currency, GenePage, PublicationFilters, PublicationPage, PublicationSort } from './core/genes';
import { STALE_YEAR_CHOICES } from './shared/currency';
import type { SearchRequest, SearchResults } from './core/search';
import type { FormatSummary, ImportPreview, ImportReport, ImportStep } from './core/import';
import type { ListsChange, ListsState, ListSummary, ReadingListEntry, ReadingListView, Undoable } from './core/lists';
import { isExportFormat, type ExportFormat } from './shared/export-formats';
import { ALL_BOOKMARKS } from './shared/lists';
import { PUBLICATION_SORTS } from './shared/publication-sorts';
import { LIST_ID_PATTERN, PUBLICATION_ID_PATTERN, SYMBOL_PATTERN } from './shared/ids';
import type { MenuCommand } from './shared/menu';
import { isCitationStyle, type CitationStyle } from './shared/citation-styles';
import { isThemeChoice } from './shared/appearance';

export type { Currency, GenePage, PublicationPage, FormatSummary, ImportStep, PublicationFilters, PublicationSort, SearchRequest, SearchResults };
export type { PublicationResult, GeneResult, NoteResult, ListResult, SearchFacets, Marks } from './core/search';
export type { GeneListItem, ImportPreview, ImportReport, StoreNotice, ListsChange, ListsState, ListSummary, ReadingListEntry, ReadingListView, Undoable, UserSettings, ExportFormat };
export type { Gene, Publication, LiteratureTerm, YearCount, ImportWarning } from './core/model';

export interface ImportProgress {
  done: number;
  total: number;
}

export type ExportOutcome = { status: 'cancelled' } | { status: 'exported'; file: string; genes: number; publications: number };

/** What Copy citation put on the clipboard (as plain text and HTML): the text, for the message that says so. */
export interface CopiedCitation {
  text: string;
  items: number;
  style: CitationStyle;
}

export type PdfOutcome = { status: 'cancelled' } | { status: 'saved'; file: string };

export type ListExportOutcome = { status: 'cancelled' } | { status: 'exported'; file: string; format: ExportFormat; items: number };

export interface StartState {
  lastGene: string | null;
  libraryFolder: string;
  version: string;
  /** The formats GeneShelf imports, from the registry, for the app's help text. */
  formats: FormatSummary[];
}

/** What every call answers: its value, or the one sentence that says why it was not done. */
export type Reply<T> = { ok: true; value: T } | { ok: false; message: string };

// Argument validators. Ids and symbols are checked against the same patterns core makes them by.
type Guard<T> = (v: unknown) => v is T;
const isSymbol: Guard<string> = (v): v is string => typeof v === 'string' && SYMBOL_PATTERN.test(v);
const isSymbolOrNull: Guard<string | null> = (v): v is string | null => v === null || isSymbol(v);
const isUrl: Guard<string> = (v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 4096;
// A dropped file's absolute path, as webUtils.getPathForFile gives it (POSIX or Windows).
const isAbsolutePath: Guard<string> = (v): v is string =>
  typeof v === 'string' && v.length <= 4096 && !v.includes('\0') && (v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\\\'));
const isPublicationId: Guard<string> = (v): v is string => typeof v === 'string' && PUBLICATION_ID_PATTERN.test(v);
const isListId: Guard<string> = (v): v is string => typeof v === 'string' && LIST_ID_PATTERN.test(v);
const isListOrAll: Guard<string> = (v): v is string => v === ALL_BOOKMARKS || isListId(v);
const isText =
  (max: number): Guard<string> =>
  (v): v is string =>
    typeof v === 'string' && v.length <= max;
const isTextOrNull =
  (max: number): Guard<string | null> =>
  (v): v is string | null =>
    v === null || isText(max)(v);
const isIndex: Guard<number> = (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000;
const isPageSize: Guard<number> = (v): v is number => isIndex(v) && v >= 1 && v <= 500;
const isToken: Guard<string> = (v): v is string => typeof v === 'string' && /^[0-9a-f]{18}$/.test(v);
const isTokenOrNull: Guard<string | null> = (v): v is string | null => v === null || isToken(v);
const isUndoToken: Guard<string> = (v): v is string => typeof v === 'string' && /^undo-\d{1,9}$/.test(v);
const isIndexList: Guard<number[]> = (v): v is number[] => Array.isArray(v) && v.length <= 100_000 && v.every(isIndex);
const isBoolean: Guard<boolean> = (v): v is boolean => typeof v === 'boolean';
const isMode: Guard<'move' | 'copy'> = (v): v is 'move' | 'copy' => v === 'move' || v === 'copy';
const isPublicationIdList: Guard<string[]> = (v): v is string[] => Array.isArray(v) && v.length > 0 && v.length <= 10_000 && v.every(isPublicationId);
const isStyle: Guard<CitationStyle> = (v): v is CitationStyle => isCitationStyle(v);
const isSymbolList: Guard<string[]> = (v): v is string[] => Array.isArray(v) && v.length > 0 && v.length <= 10_000 && v.every(isSymbol);
const isFormat: Guard<ExportFormat> = (v): v is ExportFormat => isExportFormat(v);
const isSettingsChange: Guard<Partial<UserSettings>> = (v): v is Partial<UserSettings> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.entries(v).every(([k, val]) => (k === 'neutraliseCsvFormulas' && typeof val === 'boolean') || (k === 'staleAfterYears' && (STALE_YEAR_CHOICES as readonly unknown[]).includes(val)) || (k === 'citationStyle' && isCitationStyle(val)) || (k === 'theme' && isThemeChoice(val)) || (k === 'sidebarCollapsed' && typeof val === 'boolean'));

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const isYear = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 9999;
const isYears = (v: unknown): v is { from: number; to: number } => isPlainObject(v) && Object.keys(v).length === 2 && isYear(v.from) && isYear(v.to);
/** An object with only the keys named, each passing its check (a missing key passes). */
const isShaped =
  (checks: Record<string, Guard<unknown>>) =>
  (v: unknown): boolean =>
    isPlainObject(v) && Object.entries(v).every(([k, val]) => Object.hasOwn(checks, k) && checks[k]!(val));
const isFilters: Guard<PublicationFilters | null> = (v): v is PublicationFilters | null =>
  v === null ||
  isShaped({
    sort: (x): x is PublicationSort => typeof x === 'string' && (PUBLICATION_SORTS as readonly string[]).includes(x),
    years: isYears,
    freeFullText: isBoolean,
    text: isText(1000),
    around: isPublicationId,
  })(v);
const isSearchRequest: Guard<SearchRequest> = (v): v is SearchRequest =>
  isShaped({ query: isText(1000), limit: isPageSize, offset: isIndex, gene: isSymbol, years: isYears, freeFullText: isBoolean, inList: isBoolean, read: isBoolean })(v) &&
  typeof (v as { query?: unknown }).query === 'string';

type Signature = (...args: never[]) => unknown;
type Guards<P extends readonly unknown[]> = { [K in keyof P]: Guard<P[K]> };

/** One call: its signature as a type, and a validator per argument. */
export interface CallSpec<F extends Signature> {
  readonly guards: readonly Guard<unknown>[];
  /** Never set: carries the signature for the types derived below. */
  readonly signature?: F;
}

function call<F extends Signature>(...guards: Guards<Parameters<F>>): CallSpec<F> {
  return { guards: guards as readonly Guard<unknown>[] };
}

/** Every call the renderer may make of main, and nothing else. The method name is the channel name. */
export const CONTRACT = {
  startState: call<() => StartState>(),
  listGenes: call<() => Array<GeneListItem & { currency: Currency | null }>>(),
  getGene: call<(symbol: string) => GenePage | null>(isSymbol),
  getPublications: call<(symbol: string, term: string | null, offset: number, limit: number, filters: PublicationFilters | null) => PublicationPage | null>(isSymbol, isTextOrNull(2000), isIndex, isPageSize, isFilters),
  /** Genes, publications, notes and list names, as the user types in the search box. */
  search: call<(request: SearchRequest) => SearchResults>(isSearchRequest),
  notices: call<() => StoreNotice[]>(),
  restoreLibraryBackup: call<() => StoreNotice[]>(),
  startLibraryAfresh: call<() => StoreNotice[]>(),
  /** `gene`: the gene page open, offered as the home of a reference export's publications. */
  importWithDialog: call<(gene: string | null) => ImportStep>(isSymbolOrNull),
  /** A file dropped on the window, by the path the preload resolved. */
  importPath: call<(path: string, gene: string | null) => ImportStep>(isAbsolutePath, isSymbolOrNull),
  chooseImportGene: call<(token: string, symbol: string) => ImportPreview>(isToken, isText(100)),
  reviewImport: call<(token: string, mergeNear: number[]) => ImportPreview>(isToken, isIndexList),
  commitImport: call<(token: string, mergeNear: number[]) => ImportReport>(isToken, isIndexList),
  /** Stops a read in progress and forgets the preview. */
  cancelImport: call<(token: string | null) => void>(isTokenOrNull),
  /** One gene, or a panel of several, as one gene file through the save dialog. */
  exportGenes: call<(symbols: string[]) => ExportOutcome>(isSymbolList),
  openExternal: call<(url: string) => boolean>(isUrl),
  setLastGene: call<(symbol: string | null) => void>(isSymbolOrNull),
  removeGene: call<(symbol: string) => void>(isSymbol),
  listsState: call<() => ListsState>(),
  getList: call<(listId: string) => ReadingListView | null>(isListOrAll),
  toggleBookmark: call<(publicationId: string) => ListsChange<{ bookmarked: boolean; listName?: string; undo?: Undoable }>>(isPublicationId),
  setMembership: call<(publicationId: string, listId: string, member: boolean) => ListsChange<{ changed: boolean; undo?: Undoable }>>(isPublicationId, isListId, isBoolean),
  createList: call<(name: string) => ListsChange<{ id: string; name: string }>>(isText(500)),
  renameList: call<(listId: string, name: string) => ListsChange>(isListId, isText(500)),
  deleteList: call<(listId: string) => ListsChange<Undoable>>(isListId),
  undo: call<(token: string) => ListsChange>(isUndoToken),
  transferItem: call<(publicationId: string, fromListId: string, toListId: string, mode: 'move' | 'copy') => ListsChange>(isPublicationId, isListId, isListId, isMode),
  reorderItem: call<(listId: string, publicationId: string, toIndex: number) => ListsChange>(isListId, isPublicationId, isIndex),
  setNote: call<(listId: string, publicationId: string, note: string) => ListsChange>(isListId, isPublicationId, isText(100_000)),
  setRead: call<(listId: string, publicationId: string, read: boolean) => ListsChange>(isListId, isPublicationId, isBoolean),
  /** A list, or All bookmarks, through the save dialog. */
  exportList: call<(listId: string, format: ExportFormat) => ListExportOutcome>(isListOrAll, isFormat),
  /** Publications' citations in a style, on the clipboard as plain text and as HTML (so they paste formatted into Word). */
  copyCitation: call<(publicationIds: string[], style: CitationStyle) => CopiedCitation>(isPublicationIdList, isStyle),
  /** A list, or All bookmarks, as a formatted bibliography on the clipboard. */
  copyBibliography: call<(listId: string, style: CitationStyle) => CopiedCitation>(isListOrAll, isStyle),
  /**
   * The page as it prints (its print sheet, prepared by the renderer) through the system's print
   * dialog; and the same as a PDF file through the save dialog, `name` suggesting the file's name.
   */
  printPage: call<() => void>(),
  savePdf: call<(name: string) => PdfOutcome>(isText(200)),
  settings: call<() => UserSettings>(),
  updateSettings: call<(change: Partial<UserSettings>) => UserSettings>(isSettingsChange),
} as const;

export type Method = keyof typeof CONTRACT;
type SignatureOf<M extends Method> = (typeof CONTRACT)[M] extends CallSpec<infer F> ? F : never;
export type Args<M extends Method> = Parameters<SignatureOf<M>>;
export type Result<M extends Method> = ReturnType<SignatureOf<M>>;

/** The allow-list of methods main registers, in the table's order. */
export const METHODS = Object.keys(CONTRACT) as Method[];

/** True when `args` are what `method` takes: the right count, each passing its validator. */
export function validArgs<M extends Method>(method: M, args: unknown[]): args is Args<M> {
  const { guards } = CONTRACT[method];
  return args.length === guards.length && guards.every((guard, i) => guard(args[i]));
}

/** How main answers a method: with its value, sync or not (main wraps it in a Reply). */
export type Implementation<M extends Method> = (...args: Args<M>) => Result<M> | Promise<Result<M>>;
export type Implementations = { [M in Method]: Implementation<M> };

/** Main to renderer: records read so far while a large file is read. */
export const IMPORT_PROGRESS_EVENT = 'importProgress';

/**
 * Main to renderer, while the library opens: how far the one-time split of a library from before
 * the shards has got (files written of all), so the window says why it is taking a while.
 */
export const LIBRARY_OPENING_EVENT = 'libraryOpening';

/** Main to renderer: another process changed the library; the screen shown is refreshed. */
export const LIBRARY_CHANGED_EVENT = 'libraryChanged';

/** Main to renderer: the menu asks the UI to run a command, so menu and buttons share one path. */
export const MENU_EVENT = 'menuCommand';
export { MENU_COMMANDS, type MenuCommand } from './shared/menu';

/** What the renderer sees as window.geneshelf: every contract call, plus what only the preload can do. */
export type GeneShelfApi = { [M in Method]: (...args: Args<M>) => Promise<Reply<Result<M>>> } & {
  /** A file dropped on the window: the preload resolves its path, the renderer never sees one. */
  importDroppedFile(file: File, gene: string | null): Promise<Reply<ImportStep>>;
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onLibraryChanged(listener: () => void): () => void;
  onLibraryOpening(listener: (progress: ImportProgress) => void): () => void;
};
