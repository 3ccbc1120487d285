import { Worker } from 'node:worker_threads';
import type { SearchRequest, SearchResults } from './library-search';
import type { WorkerCall, WorkerReply } from './search-worker';

/**
 * Search answered by the index's worker thread (search-worker.ts): the app's way. Each call is a
 * message; the worker reads the library's files itself, so it sees what main's store and any
 * other process wrote. If the worker cannot start or dies, `fallback` (search in this thread)
 * answers from then on.
 */
export class RemoteSearch {
  private worker: Worker | null = null;
  private failed = false;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly script: string,
    private readonly dir: string,
    private readonly fallback: () => {
      search(request: SearchRequest): Promise<SearchResults>;
      idsInGene(symbol: string, text: string): Promise<Set<string>>;
      catchUp(): Promise<void>;
      save(): Promise<void>;
      close(): Promise<void>;
    },
  ) {}

  /** Whether the worker is answering (false once it failed and this thread took over). */
  get inWorker(): boolean {
    return !this.failed;
  }

  private start(): Worker | null {
    if (this.failed) return null;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.script, { workerData: { dir: this.dir } });
      worker.on('message', (reply: WorkerReply) => {
        const waiting = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (this.waiting.size === 0) worker.unref();
        if (reply.ok) waiting?.resolve(reply.value);
        else waiting?.reject(new Error(reply.message));
      });
      const fail = () => {
        if (this.failed) return;
        this.failed = true;
        this.worker = null;
        for (const w of this.waiting.values()) w.reject(new WorkerGone());
        this.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      // The worker keeps the process alive only while a call waits for it (a test, a benchmark).
      worker.unref();
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return null;
    }
  }

  private async call<T>(method: WorkerCall['method'], args: unknown[], local: () => Promise<T>): Promise<T> {
    const worker = this.start();
    if (!worker) return local();
    const id = ++this.next;
    worker.ref();
    try {
      return await new Promise<T>((resolve, reject) => {
        this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ id, method, args } as WorkerCall);
      });
    } catch (error) {
      if (error instanceof WorkerGone) return local();
      throw error;
    }
  }

  /** Starts the worker, which begins indexing the library at once. */
  begin(): void {
    void this.call('catchUp', [], () => this.fallback().catchUp()).catch(() => {});
  }

  search(request: SearchRequest): Promise<SearchResults> {
    return this.call('search', [request], () => this.fallback().search(request));
  }

  async idsInGene(symbol: string, text: string): Promise<Set<string>> {
    return new Set(await this.call<string[] | Set<string>>('idsInGene', [symbol, text], () => this.fallback().idsInGene(symbol, text)));
  }

  catchUp(): Promise<void> {
    return this.call('catchUp', [], () => this.fallback().catchUp());
  }

  save(): Promise<void> {
    return this.call('save', [], () => this.fallback().save());
  }

  /** Records the index and stops the worker (the app when it quits; a test before its folder goes). */
  async close(): Promise<void> {
    if (this.worker && !this.failed) {
      await this.call('close', [], async () => {}).catch(() => {});
      const worker = this.worker;
      this.failed = true;
      this.worker = null;
      await worker?.terminate();
      return;
    }
    await this.fallback().close();
  }
}

class WorkerGone extends Error {}
