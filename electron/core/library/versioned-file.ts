import { copyFile, readFile, rename, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Low } from 'lowdb';
import { StoreError } from '../errors';
import { AtomicJsonFile, CorruptFileError, removeStaleTempFiles, writeFileAtomic } from './atomic-json-file';

/** Something the user should be told about a library file when it was opened. */
export interface StoreNotice {
  kind: 'corrupt-moved-aside' | 'migrated' | 'sample-failed';
  file: string;
  message: string;
  /** Where the unreadable file now lies. */
  movedTo?: string;
  /** A last good copy that can be restored. */
  backup?: string;
}

/** Migrations[n] turns a version-n document into version n+1. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

export interface VersionedFileSpec<T extends { schemaVersion: number }> {
  file: string;
  label: string;
  version: number;
  defaults: () => T;
  migrations: Record<number, Migration>;
  compact?: boolean;
  /** Read only: nothing is written, moved or copied; a damaged file is refused instead of moved aside. */
  readOnly?: boolean;
}

export function backupPath(file: string): string {
  return `${file}.bak`;
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export interface OpenedFile<T> {
  db: Low<T>;
  /** True when the file did not exist before: a first run. */
  created: boolean;
  notices: StoreNotice[];
}

/**
 * Opens one lowdb file with the rules every GeneShelf file follows: a schema version checked at
 * open; migrations run after a backup copy; a file that does not parse is moved aside (never
 * overwritten) and its last good backup offered; a good file is copied to .bak on each open.
 */
export async function openVersionedFile<T extends { schemaVersion: number }>(spec: VersionedFileSpec<T>, now = new Date()): Promise<OpenedFile<T>> {
  const adapter = new AtomicJsonFile<T>(spec.file, spec.compact ? { compact: true } : {});
  const db = new Low<T>(adapter, spec.defaults());
  const notices: StoreNotice[] = [];
  const readOnly = spec.readOnly ?? false;
  if (!readOnly) {
    await removeStaleTempFiles(spec.file);
    await removeStaleTempFiles(backupPath(spec.file));
  }
  let raw: T | null;
  try {
    raw = await adapter.read();
  } catch (error) {
    if (!(error instanceof CorruptFileError)) throw new StoreError(`${spec.label} could not be read: ${(error as Error).message}`);
    if (readOnly) throw new StoreError(`${spec.label} could not be read (${error.message}); open the library in GeneShelf to move it aside and restore the last good copy. Nothing was changed.`);
    const movedTo = `${spec.file}.corrupt-${stamp(now)}`;
    await rename(spec.file, movedTo);
    const backup = backupPath(spec.file);
    const hasBackup = await exists(backup);
    notices.push({
      kind: 'corrupt-moved-aside',
      file: spec.file,
      movedTo,
      ...(hasBackup ? { backup } : {}),
      message:
        `${spec.label} could not be read (${error.message}). It was moved aside to ${basename(movedTo)} and left untouched; ` +
        (hasBackup ? 'the last good copy can be restored.' : 'no earlier copy exists, so GeneShelf starts empty.'),
    });
    db.data = spec.defaults();
    return { db, created: false, notices };
  }

  if (raw === null) {
    db.data = spec.defaults();
    if (!readOnly) await db.write();
    return { db, created: true, notices };
  }

  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new StoreError(`${spec.label} does not hold a GeneShelf library (expected a JSON object). Nothing was changed.`);
  }
  const version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 0;
  if (version > spec.version) {
    throw new StoreError(
      `${spec.label} was written by a newer GeneShelf (schema ${version}); this version reads schema ${spec.version} and up to it. Nothing was changed.`,
    );
  }
  if (version < spec.version) {
    const versionBackup = `${spec.file}.v${version}.bak`;
    if (!readOnly) await copyFile(spec.file, versionBackup);
    let data = raw as unknown as Record<string, unknown>;
    for (let v = version; v < spec.version; v++) {
      const migrate = spec.migrations[v];
      if (!migrate) throw new StoreError(`${spec.label} has schema ${version}, which this GeneShelf cannot migrate. Nothing was changed.`);
      data = { ...migrate(data), schemaVersion: v + 1 };
    }
    db.data = data as unknown as T;
    // Read only, the migrated copy lives in memory and the file stays as it was.
    if (readOnly) return { db, created: false, notices };
    await db.write();
    notices.push({ kind: 'migrated', file: spec.file, message: `${spec.label} was upgraded from schema ${version} to ${spec.version}; the old file was kept as ${basename(versionBackup)}.` });
  } else {
    db.data = raw;
  }
  // A good file: keep it as the copy to offer if a later open finds the file damaged. A backup
  // made since the file last changed is that copy already (a 100 MB library is not copied again).
  if (!readOnly && !(await backupIsCurrent(spec.file))) await writeFileAtomic(backupPath(spec.file), await readFile(spec.file));
  return { db, created: false, notices };
}

async function backupIsCurrent(file: string): Promise<boolean> {
  try {
    const [current, backup] = await Promise.all([stat(file), stat(backupPath(file))]);
    return backup.size === current.size && backup.mtimeMs >= current.mtimeMs;
  } catch {
    return false;
  }
}

/** Puts the last good copy back in place of a file that was moved aside. */
export async function restoreBackupFile(file: string): Promise<void> {
  await writeFileAtomic(file, await readFile(backupPath(file)));
}
