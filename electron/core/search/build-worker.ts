// The search index's worker thread: indexes one shard file at a time, off the main process's
// event loop (electron/main and the app's window stay responsive while a large library is indexed
// the first time). Bundled as out/main/search-worker.cjs; LibrarySearch sends it a shard's name.
import { parentPort } from 'node:worker_threads';
import { buildShardSegment } from './shard-segment';

export interface BuildRequest {
  id: number;
  dir: string;
  shard: string;
}

parentPort?.on('message', async (request: BuildRequest) => {
  const { signature, built } = await buildShardSegment(request.dir, request.shard);
  // The typed arrays are handed over, not copied.
  const transfer = built ? [built.years, built.free, built.fieldLengths, built.storedOffsets, built.stored, built.blob, built.offsets, built.lengths, built.docCounts].flatMap((a) => (a ? [a.buffer] : [])) : [];
  parentPort!.postMessage({ id: request.id, signature, built }, transfer as ArrayBuffer[]);
});
