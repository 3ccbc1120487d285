import type { LibraryStore } from './store';
import type { StoreNotice } from './versioned-file';

/** The library files' own part of the service: what the user must be told about them, and restoring a backup. */
export function libraryCalls(store: LibraryStore, notices: StoreNotice[]) {
  let current = [...notices];
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

    /** A notice found after opening (the bundled sample failed to load). */
    addNotice(notice: StoreNotice): void {
      current = [...current, notice];
    },
  };
}
