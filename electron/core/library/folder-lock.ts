import { readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { StoreError } from '../errors';
import { processIsAlive } from './atomic-json-file';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * One writer at a time in a library folder, whatever process it is: the app, CLI runs, the app on
 * another machine over a shared folder. proper-lockfile (chosen for this: widely used, it locks
 * with mkdir, which is atomic on local and network file systems alike, and it keeps the lock's
 * mtime fresh while held, so a lock no one keeps fresh is seen as stale and taken over after
 * STALE_MS rather than blocking the library for good; one left by a crashed process on this
 * machine is freed at once, by the owner file inside it). Each read-change-write cycle
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

/**
 * Inside the lock (a folder): which process on which machine holds it. Inside, so it belongs to
 * this lock and no later one, and a crashed holder on this machine is seen at once rather than
 * after STALE_MS.
 */
function ownerPath(dir: string): string {
  return join(lockPath(dir), 'owner');
}

/** A live holder writes its owner file at once; a lock this old with none was left by a crash. */
const UNOWNED_MS = 2_000;

interface LockState {
  mtimeMs: number;
  owner: string | null;
}

async function lockState(path: string): Promise<LockState | null> {
  try {
    const { mtimeMs } = await stat(path);
    const owner = await readFile(join(path, 'owner'), 'utf8').catch(() => null);
    return { mtimeMs, owner };
  } catch {
    return null;
  }
}

/**
 * A lock was left by a writer that is gone when its owner, on this machine, is no longer running;
 * or it has no owner and is older than UNOWNED_MS (killed between taking the lock and naming
 * itself, or between the two steps of letting it go); or it is stale (not kept fresh for STALE_MS,
 * whoever held it, this machine or another).
 */
function isAbandoned(state: LockState): boolean {
  const age = Date.now() - state.mtimeMs;
  if (age > STALE_MS) return true;
  if (state.owner === null) return age > UNOWNED_MS;
  const [host, pid] = state.owner.split('\n');
  return host === hostname() && Number.isInteger(Number(pid)) && Number(pid) !== process.pid && !processIsAlive(Number(pid));
}

/**
 * Frees an abandoned lock without freeing a live one: the lock is first renamed out of the way
 * (only one waiter's rename can succeed), then looked at again; if it is not the abandoned lock
 * seen a moment ago (another waiter freed that one and took the lock since), it is put back.
 */
async function freeAbandoned(dir: string, seen: LockState): Promise<void> {
  const aside = `${lockPath(dir)}.freed-${process.pid}-${Date.now()}`;
  try {
    await rename(lockPath(dir), aside);
  } catch {
    return;
  }
  const now = await lockState(aside);
  if (now && now.mtimeMs === seen.mtimeMs && now.owner === seen.owner) {
    await rm(aside, { recursive: true, force: true });
    return;
  }
  // A live lock: back where its holder keeps it fresh.
  await rename(aside, lockPath(dir)).catch(() => {});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a writer waits for another before it gives up (a large import holds the lock a while). */
const GIVE_UP_MS = 120_000;

/** Handed to a task that holds the lock: check() throws once the lock was taken over as stale. */
export interface LockGuard {
  check(): void;
}

export class LockLostError extends StoreError {}

/**
 * Writes the owner file into the lock just taken, then gives the lock folder back the mtime
 * proper-lockfile set on it: a new entry changes a folder's mtime, and proper-lockfile, finding at
 * its next refresh an mtime not its own, would take the lock for lost (every task held past one
 * refresh, STALE_MS / 2, such as a large import, was told so and wrote nothing).
 */
async function nameOwner(dir: string): Promise<void> {
  const taken = await stat(lockPath(dir)).catch(() => null);
  await writeFile(ownerPath(dir), `${hostname()}\n${process.pid}\n`).catch(() => {});
  if (taken) await utimes(lockPath(dir), taken.atime, taken.mtime).catch(() => {});
}

export async function withFolderLock<T>(dir: string, task: (guard: LockGuard) => Promise<T>, options: LockOptions = {}): Promise<T> {
  let lost: Error | null = null;
  const guard: LockGuard = {
    check: () => {
      if (lost) throw new LockLostError(`another program took over the lock on this library (${lost.message}); nothing was written, so its changes are kept`);
    },
  };
  const started = Date.now();
  let told = false;
  let release: (() => Promise<void>) | null = null;
  for (let delay = 10; !release; delay = Math.min(200, delay * 1.5)) {
    try {
      release = await lockfile.lock(dir, {
        lockfilePath: lockPath(dir),
        realpath: false,
        // Staleness is judged by isAbandoned() below, which also knows a crashed local holder;
        // proper-lockfile keeps the lock's mtime fresh every STALE_MS / 2 while it is held.
        stale: STALE_MS * 100,
        update: STALE_MS / 2,
        // Taken over as stale while held (this process stalled past STALE_MS, a laptop slept):
        // the task must not write what it read before, over what the new holder writes.
        onCompromised: (error) => {
          lost = error;
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      const state = await lockState(lockPath(dir));
      if (state && isAbandoned(state)) {
        await freeAbandoned(dir, state);
        continue;
      }
      const waited = Date.now() - started;
      if (waited > GIVE_UP_MS) throw new Error(`the library is locked by another program (${lockPath(dir)}) and stayed locked for ${Math.round(waited / 1000)} s`);
      if (!told && waited > QUIET_WAIT_MS) {
        told = true;
        options.onWait?.(`waiting for another program that is writing to this library (${lockPath(dir)})...`);
      }
      await sleep(delay);
    }
  }
  try {
    await nameOwner(dir);
    return await task(guard);
  } finally {
    // The owner file first: proper-lockfile lets go by removing an empty folder. A lock lost to
    // another holder is theirs now: neither is touched.
    if (!lost) {
      await rm(ownerPath(dir), { force: true }).catch(() => {});
      await release().catch(() => {});
    }
  }
}
