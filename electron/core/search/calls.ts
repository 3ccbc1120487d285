import type { LibraryStore } from '../library';
import { LibrarySearch, type SearchEngine, type SearchRequest, type SearchResults } from './library-search';
import { RemoteSearch } from './remote-search';

/**
 * The search part of the service: the index, and the calls answered from it. With a worker
 * script (the app) the index lives in its worker thread; without (the CLI, tests) in this one.
 */
export function searchCalls(store: LibraryStore, options: { waitForIndex?: boolean; workerScript?: string } = {}) {
  let local: LibrarySearch | null = null;
  const inThisThread = () => (local ??= new LibrarySearch(store, options));
  const engine: SearchEngine & { begin(): void } = options.workerScript
    ? new RemoteSearch(options.workerScript, store.dir, inThisThread)
    : Object.assign(inThisThread(), { begin: () => void inThisThread().catchUp().catch(() => {}) });
  return {
    /** Where searches are answered: save() and close() record the index and stop it. */
    searchIndex: engine,
    /** The index in this thread, for the CLI and tests (its figures, a catch-up to wait for). */
    get librarySearch(): LibrarySearch {
      return inThisThread();
    },
    search(request: SearchRequest): Promise<SearchResults> {
      return engine.search(request);
    },
  };
}
