/**
 * The one contract between renderer, preload and main: channel names, argument and result types,
 * and the validators main runs on every call. Main, preload, the renderer's typings and the e2e
 * test bridge all take their channel names from here.
 *
 * Type-only imports from core keep this file free of runtime dependencies, so the renderer can
 * import its types without pulling Node code into the browser bundle.
 */
import type { GeneListItem } from './core/store/library-store';
import type { GeneView } from './core/gene-view';
import type { ImportReport } from './core/service';
import type { StoreNotice } from './core/store/versioned-file';

export type { GeneListItem, GeneView, ImportReport, StoreNotice };
export type { Gene, Publication, LiteratureTerm, YearCount, ImportWarning } from './core/model';

export type ImportOutcome =
  | { status: 'cancelled' }
  | { status: 'imported'; report: ImportReport }
  | { status: 'refused'; file: string; message: string };

export type ExportOutcome =
  | { status: 'cancelled' }
  | { status: 'exported'; file: string; genes: number; publications: number }
  | { status: 'failed'; message: string };

export interface StartState {
  lastGene: string | null;
  libraryFolder: string;
  version: string;
}

export type MenuCommand = 'import' | 'export-gene' | 'show-library';
export const MENU_COMMANDS: readonly MenuCommand[] = ['import', 'export-gene', 'show-library'];

/** Request/response channels: what the renderer may ask of main, and nothing else. */
export interface InvokeContract {
  'app:start-state': { args: []; result: StartState };
  'library:list-genes': { args: []; result: GeneListItem[] };
  'library:get-gene': { args: [symbol: string]; result: GeneView | null };
  'library:notices': { args: []; result: StoreNotice[] };
  'library:restore-backup': { args: []; result: StoreNotice[] };
  'import:dialog': { args: []; result: ImportOutcome };
  'import:dropped-path': { args: [path: string]; result: ImportOutcome };
  'export:gene': { args: [symbol: string]; result: ExportOutcome };
  'shell:open-external': { args: [url: string]; result: boolean };
  'user:set-last-gene': { args: [symbol: string | null]; result: void };
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

const none = (args: unknown[]): args is [] => args.length === 0;

/** Argument validators, one per channel: main refuses a call whose arguments fail them. */
export const ARG_VALIDATORS: { [C in InvokeChannel]: (args: unknown[]) => args is InvokeArgs<C> } = {
  'app:start-state': none,
  'library:list-genes': none,
  'library:get-gene': (a): a is [string] => a.length === 1 && isSymbol(a[0]),
  'library:notices': none,
  'library:restore-backup': none,
  'import:dialog': none,
  'import:dropped-path': (a): a is [string] => a.length === 1 && isAbsolutePath(a[0]),
  'export:gene': (a): a is [string] => a.length === 1 && isSymbol(a[0]),
  'shell:open-external': (a): a is [string] => a.length === 1 && isUrl(a[0]),
  'user:set-last-gene': (a): a is [string | null] => a.length === 1 && (a[0] === null || isSymbol(a[0])),
};

/** The allow-list of channels main registers. */
export const INVOKE_CHANNELS = Object.keys(ARG_VALIDATORS) as InvokeChannel[];

/** What the renderer sees as window.geneshelf. */
export interface GeneShelfApi {
  startState(): Promise<StartState>;
  listGenes(): Promise<GeneListItem[]>;
  getGene(symbol: string): Promise<GeneView | null>;
  notices(): Promise<StoreNotice[]>;
  restoreLibraryBackup(): Promise<StoreNotice[]>;
  importWithDialog(): Promise<ImportOutcome>;
  /** A file dropped on the window: the preload resolves its path, the renderer never sees one. */
  importDroppedFile(file: File): Promise<ImportOutcome>;
  exportGene(symbol: string): Promise<ExportOutcome>;
  openExternal(url: string): Promise<boolean>;
  setLastGene(symbol: string | null): Promise<void>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
