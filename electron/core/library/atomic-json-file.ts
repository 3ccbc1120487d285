import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreError } from '../errors';

/**
 * The longest text V8 makes is about 512 MB (and UTF-8 may take fewer bytes than characters):
 * past this a file cannot be read in one piece, which is not damage but a library that has
 * outgrown one file.
 */
export const MAX_FILE_BYTES = 0x1fffffe8;

export class FileTooLargeError extends StoreError {
  constructor(
    readonly file: string,
    size: number | null,
  ) {
    super(
      size === null
        ? `${basename(file)} would be larger than the ${Math.floor(MAX_FILE_BYTES / 1e6)} MB that one file can hold, so the change was not written and the file is as it was`
        : `${basename(file)} is ${Math.round(size / 1e6).toLocaleString('en-GB')} MB, more than the ${Math.floor(MAX_FILE_BYTES / 1e6)} MB GeneShelf can read in one piece; nothing was changed`,
    );
  }
}

/** The file exists but does not hold JSON: it must be moved aside, never overwritten. */
export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Why a file's text is not JSON, in words a reader can act on (V8's "Unexpected token } in JSON
 * at position 5127" is not): where it breaks, by line and column, or that it stops short.
 */
export function unreadableJsonReason(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === '') return 'it is empty';
  if (/end of JSON input|Unterminated/i.test(message)) return 'its text stops before its data ends, as if the file was cut short while it was written';
  const at = /position (\d+)/.exec(message);
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `its text is damaged at line ${line}, column ${column}`;
  }
  return 'its text is not the data GeneShelf wrote (it is not valid JSON)';
}

/**
 * Writes `data` to `file` so that a crash or power cut leaves either the old file or the new one,
 * never a torn one: a uniquely named temp file beside it (two processes never share one), fsynced,
 * renamed over the target, then the folder fsynced so the rename itself is durable. `data` may
 * come in pieces, for a file larger than one string can be.
 * lowdb's own writer renames but never fsyncs and uses one fixed temp name per file.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else {
      let at = 0;
      for (const piece of data) at += await writeAll(handle, Buffer.from(piece), at);
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncFolder(dirname(file));
}

/** Writes all of `bytes` at `position` (a write may be short: the rest follows it); returns how many. */
export async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<number> {
  let done = 0;
  while (done < bytes.length) done += (await handle.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
  return done;
}

/** Whether a process of this machine is running (one of another user's counts). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes the temp files a writer of `file` left when it was killed mid-write. Their names carry
 * the writer's pid, so a temp file of a process still running (the CLI beside the app) is kept.
 */
export async function removeStaleTempFiles(file: string): Promise<void> {
  await removeStaleTemps(dirname(file), `${basename(file)}.`);
}

/** The same for every file in a folder, in one look at it: the shards' folder, swept once at open. */
export async function removeStaleTempFilesIn(folder: string): Promise<void> {
  await removeStaleTemps(folder, '');
}

async function removeStaleTemps(folder: string, prefix: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    // Temp files are named FILE.PID.HEX.tmp. With a prefix, what follows it must be exactly that:
    // "library.json.bak.PID..." is the backup's temp file, not the library file's.
    const m = prefix ? (name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length)) : null) : /\.(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !processIsAlive(Number(m[1]))) await unlink(join(folder, name)).catch(() => {});
  }
}

export async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename, so there is nothing to do.
  if (process.platform === 'win32') return;
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** A lowdb adapter over one JSON file with durable, atomic writes. `compact` drops indentation for big files. */
export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly options: { compact?: boolean } = {},
  ) {}

  /**
   * The file's data, or null when there is no file. Bytes that are not UTF-8 and JSON that is not
   * an object (null, an array) are damage (CorruptFileError), never an empty file or something
   * to repair silently with U+FFFD.
   */
  async read(): Promise<T | null> {
    let bytes: Buffer;
    try {
      const { size } = await stat(this.file);
      if (size > MAX_FILE_BYTES) throw new FileTooLargeError(this.file, size);
      bytes = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (!isUtf8(bytes)) throw new CorruptFileError(this.file, 'it is not valid UTF-8 text');
    let data: unknown;
    const text = bytes.toString('utf8');
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new CorruptFileError(this.file, unreadableJsonReason(text, error));
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new CorruptFileError(this.file, `it holds ${data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`} where a JSON object belongs`);
    }
    return data as T;
  }

  async write(data: T): Promise<void> {
    let text: string;
    try {
      text = this.options.compact ? JSON.stringify(data) : `${JSON.stringify(data, null, 2)}\n`;
    } catch (error) {
      // V8's longest string: the data no longer fits one file, and nothing is written.
      if (error instanceof RangeError) throw new FileTooLargeError(this.file, null);
      throw error;
    }
    await writeFileAtomic(this.file, text);
  }
}
