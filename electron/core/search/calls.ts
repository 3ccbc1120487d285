import type { LibraryStore } from '../library';
import { LibrarySearch, type SearchRequest, type SearchResults } from './library-search';

/** The search part of the service: one call, answered from the library's index. */
export function searchCalls(store: LibraryStore, options: { waitForIndex?: boolean; workerScript?: string; onProgress?: (done: number, total: number) => void } = {}) {
  const search = new LibrarySearch(store, options);
  return {
    /** The index itself, for the CLI and tests (its readiness, a catch-up to wait for). */
    librarySearch: search,
    search(request: SearchRequest): Promise<SearchResults> {
      return search.search(request);
    },
  };
}
