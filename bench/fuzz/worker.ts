/**
 * The fuzzer's worker thread: runs one case at a time through the whole import path, in process,
 * and says how it ended. The main thread (index.ts) times it out and replaces it when it hangs.
 * Built by index.ts with esbuild (with a source map, so stacks name electron/... files).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError } from '../../electron/core/errors';
import { parseImportBytes } from '../../electron/core/import';
import { LibraryService } from '../../electron/core/service';

export interface CaseRequest {
  id: number;
  /** The seed's file name, so messages and the temp file look like the real thing. */
  fileName: string;
  bytes: Uint8Array;
  /** Also commit into a fresh throwaway library. */
  commit: boolean;
}

export type Stage = 'parse' | 'preview' | 'commit';

export interface CaseError {
  name: string;
  message: string;
  stack: string;
}

export interface CaseResult {
  id: number;
  /** ok: read; refused: a clean ImportError; crash: anything else. */
  outcome: 'ok' | 'refused' | 'crash';
  stage: Stage;
  error?: CaseError;
  /** Detected format and what was read, when the parse succeeded. */
  detected?: string;
  read?: string;
  ms: { parse: number; preview?: number; commit?: number };
}

/** read-file.ts wraps anything unexpected a reader throws in this wording: that is a crash, not a refusal. */
export const CATCH_ALL = 'could not be read as';

function isCleanRefusal(error: unknown): boolean {
  // ImportError.message is "<file>[, line N]: <reason>", so the catch-all wording is checked on the reason.
  return error instanceof ImportError && !error.reason.startsWith(CATCH_ALL);
}

function describeError(error: unknown): CaseError {
  if (error instanceof Error) return { name: error.name || error.constructor.name, message: error.message.slice(0, 2000), stack: error.stack ?? '' };
  return { name: typeof error, message: String(error).slice(0, 2000), stack: '' };
}

async function main(): Promise<void> {
  Error.stackTraceLimit = 30;
  const port = parentPort!;
  const data = (workerData ?? {}) as { sample?: string; root?: string };
  // The main thread owns the folder (and removes it, even after terminating a hung worker).
  const root = data.root ?? (await mkdtemp(join(tmpdir(), 'geneshelf-fuzz-')));
  // One library per worker, with the bundled sample in it, so previews match against real records.
  const service = await LibraryService.open(join(root, 'library'), {});
  const sample = data.sample;
  if (sample) await service.importFile(sample);
  let n = 0;

  port.on('message', async (request: CaseRequest | 'exit') => {
    if (request === 'exit') {
      if (!data.root) await rm(root, { recursive: true, force: true });
      process.exit(0);
    }
    const { id, fileName, commit } = request;
    const bytes = request.bytes;
    const result: CaseResult = { id, outcome: 'ok', stage: 'parse', ms: { parse: 0 } };
    let stage: Stage = 'parse';
    let start = performance.now();
    const file = join(root, `case-${n++}${extname(fileName) || '.txt'}`);
    try {
      const parsed = await parseImportBytes(fileName, bytes);
      result.ms.parse = performance.now() - start;
      result.detected = parsed.format;
      result.read = parsed.genes.length ? `${parsed.genes.length} genes` : `${parsed.publications.length} of ${parsed.recordsSeen} records`;

      stage = 'preview';
      start = performance.now();
      await writeFile(file, bytes);
      const preview = await service.previewImport(file, { gene: 'IKZF1' });
      service.cancelImport(preview.token);
      result.ms.preview = performance.now() - start;

      if (commit) {
        stage = 'commit';
        start = performance.now();
        const fresh = await mkdtemp(join(root, 'commit-'));
        try {
          const throwaway = await LibraryService.open(fresh, {});
          const p = await throwaway.previewImport(file, { gene: 'IKZF1' });
          await throwaway.commitImport(p.token);
        } finally {
          await rm(fresh, { recursive: true, force: true });
        }
        result.ms.commit = performance.now() - start;
      }
    } catch (error) {
      const took = performance.now() - start;
      if (stage === 'parse') result.ms.parse = took;
      else result.ms[stage] = took;
      result.stage = stage;
      result.outcome = isCleanRefusal(error) ? 'refused' : 'crash';
      result.error = describeError(error);
    } finally {
      await rm(file, { force: true });
    }
    port.postMessage(result);
  });
  port.postMessage('ready');
}

if (parentPort) {
  main().catch((error) => {
    console.error('fuzz worker failed to start:', error);
    process.exit(1);
  });
}
