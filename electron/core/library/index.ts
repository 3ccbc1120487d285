/**
 * The library on disk: reference content (library.json) and the user's own state (user.json),
 * as lowdb files with durable writes, schema versions, migrations and backups.
 */
export { LibraryStore, LIBRARY_SCHEMA_VERSION, LIBRARY_MIGRATIONS, USER_SCHEMA_VERSION, type GeneListItem, type LibraryData, type StoredGene, type SaveResult } from './store';
export {
  DEFAULT_LIST_ID,
  DEFAULT_LIST_NAME,
  bookmarkedIds,
  cleanSettings,
  defaultSettings,
  emptyUser,
  itemId,
  type ListItem,
  type PublicationSnapshot,
  type ReadingList,
  type Tombstone,
  type UserData,
  type UserSettings,
} from './user-data';
export { backupPath, type StoreNotice } from './versioned-file';
export { writeFileAtomic, removeStaleTempFiles, removeStaleTempFilesIn, AtomicJsonFile } from './atomic-json-file';
export { saveFile, safeFileName } from './save';
export { libraryCalls } from './calls';
export { watchForOtherWriters, POLL_MS } from './watch';
export { inspectLibrary, restoreLibrary, type FileReport, type CopyReport, type FileState } from './doctor';
export { readShardFile } from './shards';
export { CatalogueView } from './catalogue-view';
