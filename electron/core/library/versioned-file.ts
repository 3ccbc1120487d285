import { copyFile, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
  /** Whether a missing file is made with the defaults (a first run); false: it reads as the defaults, unwritten. */
  create?: boolean;
  /** The file's folder was swept of dead writers' temp files once for all its files (the shards'): not again at each open. */
  tempFilesSwept?: boolean;
  /**
   * What is wrong with the file's shape (with its JSON path), or null: a file that parses but is
   * not this kind of file is damage, moved aside and offered for restore, never read half-way.
   */
  shape?: (data: Record<string, unknown>) => string | null;
  /** The oldest schema a backup may have to be offered: a library.json from before the shards is no copy of the catalogue. */
  oldestBackup?: number;
}

/** How many good copies of each file are kept: .bak (the newest), .bak.2 and .bak.3. */
export const BACKUP_GENERATIONS = 3;

/** The path of a good copy: generation 1 is the newest. */
export function backupPath(file: string, generation = 1): string {
  return generation === 1 ? `${file}.bak` : `${file}.bak.${generation}`;
}

/**
 * Beside a file found damaged: where it was moved and why. While it exists the file's backups are
 * left exactly as they are (nothing opened since is a good copy to keep) and every open, in the
 * app or the CLI, says so again, until the user restores the last good copy or starts afresh.
 */
export function damageRecordPath(file: string): string {
  return `${file}.damaged.json`;
}

export interface DamageRecord {
  movedTo: string;
  reason: string;
  at: string;
}

export async function readDamageRecord(file: string): Promise<DamageRecord | null> {
  let text: string;
  try {
    text = await readFile(damageRecordPath(file), 'utf8');
  } catch {
    return null;
  }
  try {
    const r = JSON.parse(text) as Partial<DamageRecord>;
    return { movedTo: String(r.movedTo ?? ''), reason: String(r.reason ?? 'unknown'), at: String(r.at ?? '') };
  } catch {
    // A damaged record of damage still says the file was damaged.
    return { movedTo: '', reason: 'unknown', at: '' };
  }
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
  if (!readOnly && !spec.tempFilesSwept) {
    await removeStaleTempFiles(spec.file);
    await removeStaleTempFiles(backupPath(spec.file));
  }
  const damage = await readDamageRecord(spec.file);
  let raw: T | null;
  try {
    raw = await adapter.read();
    const wrong = raw !== null && spec.shape ? spec.shape(raw as unknown as Record<string, unknown>) : null;
    if (wrong) throw new CorruptFileError(spec.file, wrong);
  } catch (error) {
    if (!(error instanceof CorruptFileError)) throw new StoreError(`${spec.label} could not be read: ${(error as Error).message}`);
    if (readOnly) throw new StoreError(`${spec.label} could not be read (${error.message}); open the library in GeneShelf to move it aside and restore the last good copy. Nothing was changed.`);
    const movedTo = `${spec.file}.corrupt-${stamp(now)}`;
    await rename(spec.file, movedTo);
    const record: DamageRecord = { movedTo: basename(movedTo), reason: error.message, at: now.toISOString() };
    await writeFileAtomic(damageRecordPath(spec.file), `${JSON.stringify(record, null, 2)}\n`);
    notices.push(await damageNotice(spec, record));
    db.data = spec.defaults();
    return { db, created: false, notices };
  }

  // Found damaged before and neither restored nor started afresh: say so again, touch no backup.
  if (damage) notices.push(await damageNotice(spec, damage));
  if (raw === null) {
    db.data = spec.defaults();
    // A first run makes the file; after damage, the file is made by the first change, if any.
    if (damage || spec.create === false) return { db, created: false, notices };
    if (!readOnly) await db.write();
    return { db, created: true, notices };
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
  // A good file: keep it as the copy to offer if a later open finds the file damaged, the older
  // copies moving down a generation. A backup made since the file last changed is that copy
  // already (a 100 MB library is not copied again). While a damage record stands, nothing here
  // is known good enough to push the last good copy out.
  if (!readOnly && !damage) await keepGoodCopyOf(spec.file);
  return { db, created: false, notices };
}

/**
 * Keeps `file` as its newest good copy, the older copies moving down a generation, unless the
 * newest copy is it already. For a file just read whole: the catalogue and user.json at each
 * open, a shard before each write that changes it.
 */
export async function keepGoodCopyOf(file: string): Promise<void> {
  if (!(await backupIsCurrent(file))) await keepGoodCopy(file);
}

async function keepGoodCopy(file: string): Promise<void> {
  for (let g = BACKUP_GENERATIONS - 1; g >= 1; g--) {
    if (await exists(backupPath(file, g))) await rename(backupPath(file, g), backupPath(file, g + 1));
  }
  await writeFileAtomic(backupPath(file), await readFile(file));
}

/**
 * The newest backup generation that reads whole and that this version can read (its schema no
 * newer than `version`), or null when none does.
 */
export async function lastGoodCopy(file: string, version = Infinity, oldest = 0): Promise<string | null> {
  for (let g = 1; g <= BACKUP_GENERATIONS; g++) {
    const path = backupPath(file, g);
    try {
      const data = await new AtomicJsonFile<{ schemaVersion?: unknown }>(path).read();
      const schema = typeof data?.schemaVersion === 'number' ? data.schemaVersion : 0;
      if (data !== null && schema <= version && schema >= oldest) return path;
    } catch {
      // Damaged too: try the one before it.
    }
  }
  return null;
}

export async function damageNotice(spec: VersionedFileSpec<{ schemaVersion: number }>, record: DamageRecord): Promise<StoreNotice> {
  const backup = await lastGoodCopy(spec.file, spec.version, spec.oldestBackup);
  const hasBackup = backup !== null;
  const where = record.movedTo ? `It was moved aside to ${record.movedTo} and left untouched; ` : '';
  const rest = hasBackup ? 'the last good copy can be restored.' : 'no earlier copy exists, so GeneShelf starts empty.';
  return {
    kind: 'corrupt-moved-aside',
    file: spec.file,
    ...(record.movedTo ? { movedTo: join(dirname(spec.file), record.movedTo) } : {}),
    ...(backup ? { backup } : {}),
    message:
      `${spec.label} could not be read (${record.reason}). ${where}` +
      // The sentence goes on after "moved aside to X and left untouched; ", or begins here.
      (where ? rest : `${rest[0]!.toUpperCase()}${rest.slice(1)}`),
  };
}

async function backupIsCurrent(file: string): Promise<boolean> {
  try {
    const [current, backup] = await Promise.all([stat(file), stat(backupPath(file))]);
    return backup.size === current.size && backup.mtimeMs >= current.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Puts the last good copy back in place of a file that was found damaged. What was written since
 * (a library begun afresh) is moved aside, not overwritten; the damage record goes.
 */
export async function restoreBackupFile(file: string, version: number, now = new Date(), oldest = 0): Promise<string> {
  const copy = await lastGoodCopy(file, version, oldest);
  if (!copy) throw new StoreError(`${basename(file)} has no good copy to restore: every backup is missing or damaged`);
  const good = await readFile(copy);
  if (await exists(file)) await rename(file, `${file}.replaced-${stamp(now)}`);
  await writeFileAtomic(file, good);
  await unlink(damageRecordPath(file)).catch(() => {});
  return copy;
}

/** The user chose to go on without the damaged file's last good copy: the offer is withdrawn, every file kept. */
export async function dismissDamage(file: string): Promise<void> {
  await unlink(damageRecordPath(file)).catch(() => {});
}
