// The search index's worker thread: the whole index lives and answers here, over the library's
// files as the catalogue view reads them, so main's heap and event loop carry none of it (main
// only forwards a search and its answer). Bundled as out/main/search-worker.cjs; RemoteSearch
// (remote-search.ts) starts it with the library folder.
import { parentPort, workerData } from 'node:worker_threads';
import { CatalogueView } from '../library';
import { LibrarySearch } from './library-search';
import type { SearchRequest } from './library-search';

export type WorkerCall =
  | { id: number; method: 'search'; args: [SearchRequest] }
  | { id: number; method: 'idsInGene'; args: [string, string] }
  | { id: number; method: 'catchUp' | 'save' | 'close'; args: [] };

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

const view = new CatalogueView((workerData as { dir: string }).dir);
const search = new LibrarySearch(view);

/** The library as it now is on disk: what main's store (or another process) wrote since the last call. */
let refreshing: Promise<unknown> = view.refresh();
// Indexing begins at once; a search meanwhile answers from what is indexed so far (and says so).
void refreshing.then(() => search.catchUp()).catch(() => {});

async function answer(call: WorkerCall): Promise<unknown> {
  await refreshing;
  refreshing = view.refresh();
  await refreshing;
  switch (call.method) {
    case 'search':
      return search.search(call.args[0]);
    case 'idsInGene':
      return [...(await search.idsInGene(call.args[0], call.args[1]))];
    case 'catchUp':
      return search.catchUp();
    case 'save':
      return search.save();
    case 'close':
      await search.save();
      return search.close();
  }
}

parentPort?.on('message', (call: WorkerCall) => {
  answer(call).then(
    (value) => parentPort!.postMessage({ id: call.id, ok: true, value } satisfies WorkerReply),
    (error: unknown) => parentPort!.postMessage({ id: call.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
