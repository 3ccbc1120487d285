import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * One writer at a time in a library folder, whatever process it is: the app, CLI runs, the app on
 * another machine over a shared folder. proper-lockfile (chosen for this: widely used, it locks
 * with mkdir, which is atomic on local and network file systems alike, and it keeps the lock's
 * mtime fresh while held, so the lock of a process that was killed is seen as stale and taken
 * over after STALE_MS rather than blocking the library for good). Each read-change-write cycle
 * runs inside it, after re-reading what another writer changed (see LibraryStore).
 */

const STALE_MS = 10_000;
/** How long a writer waits before it says so. */
const QUIET_WAIT_MS = 3_000;

export interface LockOptions {
  /** Told once when the lock has been waited for QUIET_WAIT_MS (the CLI prints it). */
  onWait?: (message: string) => void;
}

export function lockPath(dir: string): string {
  return join(dir, 'library.lock');
}

export async function withFolderLock<T>(dir: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const waiting = setTimeout(() => options.onWait?.(`waiting for another program that is writing to this library (${lockPath(dir)})...`), QUIET_WAIT_MS);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: lockPath(dir),
      realpath: false,
      stale: STALE_MS,
      // Waits as long as a writer may hold it (a large import), then gives up with a message.
      retries: { retries: 2_000, factor: 1.2, minTimeout: 10, maxTimeout: 200 },
      // A lock taken over as stale while held: the next cycle re-reads whatever the other writer
      // wrote, so nothing is lost that was not already being overwritten.
      onCompromised: () => {},
    });
  } catch (error) {
    throw new Error(`the library is locked by another program (${lockPath(dir)}) and stayed locked: ${(error as Error).message}`);
  } finally {
    clearTimeout(waiting);
  }
  try {
    return await task();
  } finally {
    await release().catch(() => {});
  }
}
