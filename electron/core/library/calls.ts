import type { LibraryStore } from './store';
import type { StoreNotice } from './versioned-file';

/** The library files' own part of the service: what the user must be told about them, and restoring a backup. */
export function libraryCalls(store: LibraryStore, notices: StoreNotice[]) {
  let current = [...notices];
  // A shard found damaged when first read, after the open: offered like the rest.
  store.onNotice((notice) => {
    current = [...current, notice];
  });
  return {
    notices(): StoreNotice[] {
      return current;
    },

    /** Restores the last good copy of every library file that was found damaged and moved aside. */
    async restoreLibraryBackup(): Promise<StoreNotice[]> {
      const damaged = current.filter((n) => n.kind === 'corrupt-moved-aside' && n.backup);
      await store.restoreBackups(damaged.map((n) => n.file));
      current = current.filter((n) => !damaged.includes(n));
      return current;
    },

    /**
     * Goes on without the damaged files' last good copies: the offer is withdrawn (the damaged
     * copies stay where they were moved, the backups as they are) and the library carries on as it is.
     */
    async startLibraryAfresh(): Promise<StoreNotice[]> {
      const damaged = current.filter((n) => n.kind === 'corrupt-moved-aside');
      await store.dismissDamage(damaged.map((n) => n.file));
      current = current.filter((n) => !damaged.includes(n));
      return current;
    },

    /** A notice found after opening (the bundled sample failed to load). */
    addNotice(notice: StoreNotice): void {
      current = [...current, notice];
    },
  };
}
