import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AtomicJsonFile, CorruptFileError } from './atomic-json-file';
import { StoreError } from '../errors';
import { LibraryStore } from './store';
import { withFolderLock } from './folder-lock';
import { SHARD_FOLDER } from './shards';
import { journalPath } from './user-journal';
import { identityFile, legacyIdentityFile } from './identity-index';
import { BACKUP_GENERATIONS, backupPath, readDamageRecord, restoreBackupFile } from './versioned-file';

/**
 * What `geneshelf doctor` reports and `geneshelf restore` mends: each library file, whether it
 * reads whole, whether it was found damaged (and where it was moved), and its backup generations.
 * Only reads: nothing is moved or written, so a doctor run never changes what it looks at.
 */

export type FileState = 'good' | 'missing' | 'damaged';

export interface CopyReport {
  path: string;
  state: FileState;
  reason?: string;
  bytes?: number;
  modified?: string;
}

export interface FileReport extends CopyReport {
  label: string;
  /** A shard of publications (publications/pNNNNNN.json): there may be thousands, and the report sums up the good ones. */
  shard: boolean;
  /** Found damaged at an open and not yet restored: where the damaged copy lies. */
  movedAside?: { path: string; reason: string; at: string };
  backups: CopyReport[];
  /** Other copies kept beside it: damaged files moved aside, files a restore replaced. */
  kept: string[];
}

async function inspect(path: string): Promise<CopyReport> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return { path, state: 'missing' };
  }
  const facts = { bytes: info.size, modified: info.mtime.toISOString() };
  try {
    await new AtomicJsonFile(path).read();
    return { path, state: 'good', ...facts };
  } catch (error) {
    return { path, state: 'damaged', reason: error instanceof CorruptFileError ? error.message : (error as Error).message, ...facts };
  }
}

export async function inspectLibrary(dir: string): Promise<FileReport[]> {
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch {
    // No folder: every file is missing, which the report says.
  }
  let shardNames: string[] = [];
  try {
    shardNames = await readdir(join(dir, SHARD_FOLDER));
  } catch {
    // No shards yet.
  }
  const reports: FileReport[] = [];
  for (const { file, label } of LibraryStore.files(dir)) {
    const damage = await readDamageRecord(file);
    const backups: CopyReport[] = [];
    for (let g = 1; g <= BACKUP_GENERATIONS; g++) backups.push(await inspect(backupPath(file, g)));
    const own = await inspect(file);
    reports.push({
      label,
      shard: basename(dirname(file)) === SHARD_FOLDER,
      ...own,
      // A file that reads but stands where a damaged one was moved from is a fresh start, not the user's file.
      ...(damage ? { state: 'damaged' as const, reason: own.state === 'good' ? `begun afresh after ${damage.reason}` : (own.reason ?? damage.reason) } : {}),
      ...(damage ? { movedAside: { path: join(dir, damage.movedTo), reason: damage.reason, at: damage.at } } : {}),
      backups,
      kept: (basename(dirname(file)) === SHARD_FOLDER ? shardNames : names).filter((n) => n.startsWith(`${basename(file)}.corrupt-`) || n.startsWith(`${basename(file)}.replaced-`) || (file === LibraryStore.userFile(dir) && n.startsWith(`${basename(journalPath(dir))}.corrupt-`))).sort(),
    });
  }
  return reports;
}

/** Restores the last good copy of each file found damaged; says which copy went where. */
export async function restoreLibrary(dir: string): Promise<Array<{ file: string; from: string }>> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new StoreError(`${dir} is not a library folder (there is no such folder); nothing was changed`);
  }
  // Inside the folder's lock: the app may be writing to the same files.
  return withFolderLock(dir, async () => {
    const restored: Array<{ file: string; from: string }> = [];
    for (const { file, version, oldestBackup } of LibraryStore.files(dir)) {
      const damaged = (await readDamageRecord(file)) !== null || (await inspect(file)).state === 'damaged';
      if (damaged) restored.push({ file, from: await restoreBackupFile(file, version, new Date(), oldestBackup) });
    }
    // Derived from what was there before (as the app's restore does): built again from the files as restored.
    if (restored.length) for (const index of [identityFile(dir), legacyIdentityFile(dir)]) await unlink(index).catch(() => {});
    return restored;
  });
}
