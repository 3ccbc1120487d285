// The search benchmark's measurements that need a process of their own, as the app has:
// bench/search/index.ts bundles this and runs `node child.cjs MODE DIR [QUERIES_JSON]`, which
// prints one line of JSON.
//   first-build  no index on disk: index every shard in the worker; the longest the event loop
//                was held, and the time of the build
//   cold-start   the index on disk: open the core, answer a first search; memory; then the
//                latency of each query through the service
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LibraryService } from '../../electron/core/service';

const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function main(): Promise<void> {
  const [mode, dir, worker, queriesFile] = process.argv.slice(2) as [string, string, string, string?];
  if (mode === 'first-build') {
    const start = performance.now();
    const app = await LibraryService.open(dir, { searchWorker: worker });
    const opened = performance.now();
    // From the library's open on: what indexing holds the event loop for, not the open itself.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await app.searchIndex.catchUp();
    delay.disable();
    const built = performance.now();
    await app.searchIndex.save();
    await app.searchIndex.close();
    console.log(JSON.stringify({ openMs: opened - start, buildMs: built - opened, saveMs: performance.now() - built, maxDelayMs: delay.max / 1e6, p99DelayMs: delay.percentile(99) / 1e6 }));
    return;
  }
  const queries = JSON.parse(readFileSync(queriesFile!, 'utf8')) as string[];
  gc();
  const baseline = process.memoryUsage();
  const start = performance.now();
  const app = await LibraryService.open(dir, { searchWorker: worker });
  const answer = await app.search({ query: queries[0]! });
  const readyMs = performance.now() - start;
  gc();
  const held = process.memoryUsage();
  const times: number[] = [];
  for (const q of [...queries, ...queries]) {
    const t = performance.now();
    await app.search({ query: q });
    times.push(performance.now() - t);
  }
  await app.searchIndex.close();
  console.log(
    JSON.stringify({
      readyMs,
      ready: answer.ready,
      heapMb: (held.heapUsed - baseline.heapUsed) / 1e6,
      arrayBuffersMb: (held.arrayBuffers - baseline.arrayBuffers) / 1e6,
      rssMb: held.rss / 1e6,
      // The second pass, after the first warmed the caches.
      times: times.slice(queries.length),
    }),
  );
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
