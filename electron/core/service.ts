import { access } from 'node:fs/promises';
import { citationCalls } from './citations';
import { geneCalls } from './genes';
import { importCalls } from './import';
import { LibraryStore, libraryCalls, watchForOtherWriters } from './library';
import { listCalls } from './lists';
import { searchCalls } from './search';

/**
 * The one service behind the app's IPC calls and the CLI, assembled from the features' parts.
 * It holds no rules: each part keeps its own, and the method names are the contract's, so main
 * registers the service's methods in one loop (electron/main/ipc.ts).
 */

export interface OpenOptions {
  /** Imported on a first run (no library yet), so a new user sees a gene page at once. */
  samplePath?: string;
  clock?: () => Date;
  /** Told how far the reading of a large import has got. */
  onImportProgress?: (done: number, total: number) => void;
  /**
   * Reads the library and never writes: no folder or file is made, nothing is migrated, moved
   * aside or backed up, and every change is refused. What `import --dry-run` opens.
   */
  readOnly?: boolean;
  /** Told when a write waits for another process's lock on the folder for more than a few seconds. */
  onLockWait?: (message: string) => void;
  /** Told how far the one-time split of a library from before the shards has got. */
  onSplitProgress?: (done: number, total: number) => void;
  /** Searches answer only once the whole library is indexed (the CLI); the app answers from what is indexed so far. */
  waitForSearchIndex?: boolean;
  /** Starts indexing the library for search as soon as it is open (the app), not at the first search. */
  indexInBackground?: boolean;
  /** The bundled search worker (out/main/search-worker.cjs): the index lives, and searches are answered, in a worker thread. */
  searchWorker?: string;
}

async function openLibrary(dir: string, options: OpenOptions = {}) {
  const store = await LibraryStore.open(dir, new Date(), {
    readOnly: options.readOnly ?? false,
    lock: options.onLockWait ? { onWait: options.onLockWait } : {},
    ...(options.onSplitProgress ? { onSplitProgress: options.onSplitProgress } : {}),
  });
  const library = libraryCalls(store, store.notices);
  const search = searchCalls(store, { waitForIndex: options.waitForSearchIndex ?? false, ...(options.searchWorker ? { workerScript: options.searchWorker } : {}) });
  const imports = importCalls(store, options.onImportProgress ? { onProgress: options.onImportProgress } : {});
  const lists = listCalls(store, options.clock);
  const service = {
    store,
    ...library,
    ...geneCalls(store, { findInGene: (symbol, text) => search.searchIndex.idsInGene(symbol, text), ...(options.clock ? { clock: options.clock } : {}) }),
    ...imports,
    ...lists,
    ...citationCalls(store, lists),
    search: search.search,
    searchIndex: search.searchIndex,
    // A getter, not a copy: the index in this thread is made only when asked for (never in the app, whose index is in its worker).
    get librarySearch() {
      return search.librarySearch;
    },
    /** Calls onChange when another process has changed the library (the app refreshes its screen). Returns stop. */
    watchOtherWriters: (onChange: () => void) => watchForOtherWriters(store, onChange),
  };
  if (store.firstRun && options.samplePath && !options.readOnly) {
    try {
      await access(options.samplePath);
      await imports.importFile(options.samplePath);
    } catch (error) {
      library.addNotice({
        kind: 'sample-failed',
        file: options.samplePath,
        message: `The bundled sample could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  // Derived data: a failure here is met again, and reported, by the first search.
  if (options.indexInBackground) search.searchIndex.begin();
  return service;
}

export type LibraryService = Awaited<ReturnType<typeof openLibrary>>;

/** `LibraryService.open(dir)`: the library in `dir`, made (with the sample) on a first run. */
export const LibraryService = { open: openLibrary };
