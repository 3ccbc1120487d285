import { Worker } from 'node:worker_threads';
import type { BuildRequest } from './build-worker';
import { buildShardSegment } from './shard-segment';
import type { BuiltSegment } from './segment';

export type ShardBuild = { signature: string | null; built: BuiltSegment | null };

/**
 * Where shards are indexed: in a worker thread (the app: main's event loop is never held by it),
 * falling back to this thread if the worker cannot start or dies.
 */
export class ShardIndexer {
  private worker: Worker | null = null;
  private failed = false;
  private next = 0;
  /** Shards the worker thread indexed (the rest, if any, were indexed in this thread). */
  builtInWorker = 0;
  private readonly waiting = new Map<number, { resolve: (result: ShardBuild) => void; dir: string; shard: string }>();

  constructor(private readonly script?: string) {}

  private start(): Worker | null {
    if (!this.script || this.failed) return null;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.script);
      worker.on('message', (message: ShardBuild & { id: number }) => {
        this.builtInWorker++;
        this.waiting.get(message.id)?.resolve({ signature: message.signature, built: message.built });
        this.waiting.delete(message.id);
        if (this.waiting.size === 0) worker.unref();
      });
      const fail = () => {
        this.failed = true;
        this.worker = null;
        // Whatever was asked of the dead worker is built here instead.
        for (const { resolve, dir, shard } of this.waiting.values()) void buildShardSegment(dir, shard).then(resolve);
        this.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return null;
    }
  }

  build(dir: string, shard: string): Promise<ShardBuild> {
    const worker = this.start();
    if (!worker) return buildShardSegment(dir, shard);
    const id = ++this.next;
    worker.ref();
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, dir, shard });
      worker.postMessage({ id, dir, shard } satisfies BuildRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failed = true;
    if (worker) await worker.terminate();
  }
}
