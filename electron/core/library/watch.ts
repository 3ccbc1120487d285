import type { LibraryStore } from './store';

/**
 * How the open app sees other writers (a CLI import, the app on another laptop over a shared
 * folder): it looks at the library's files every POLL_MS and re-reads the ones another process
 * wrote. Polling two stat calls a second, rather than fs.watch, because file events do not
 * arrive from network folders and arrive several times for one atomic rename.
 */
export const POLL_MS = 1_000;

export function watchForOtherWriters(store: LibraryStore, onChange: () => void, intervalMs = POLL_MS): () => void {
  let busy = false;
  // Told by every re-read that finds another writer's change: this poll's, and the one each of
  // this process's own writes makes first (which the poll would then find nothing left to see).
  const unsubscribe = store.onOtherWriter(onChange);
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    store
      .pickUpOtherWriters()
      // A file that cannot be read now is reported by the next write or open; the screen keeps what it shows.
      .catch(() => {})
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
