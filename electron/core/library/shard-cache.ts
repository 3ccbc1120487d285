import { stat } from 'node:fs/promises';
import type { Low } from 'lowdb';
import { writeFileAtomic } from './atomic-json-file';
import { damageNotice, damageRecordPath, openVersionedFile, readDamageRecord, type StoreNotice } from './versioned-file';
import { shardPath, shardSpec, type ShardData } from './shards';

/** What a file is now (inode, size, mtime), or null when there is none: how a change by another process is seen. */
export async function signatureOf(file: string): Promise<string | null> {
  try {
    const s = await stat(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

/** What each file was when this process last read or wrote it. */
export class FileSignatures {
  private readonly known = new Map<string, string>();

  get(file: string): string | undefined {
    return this.known.get(file);
  }

  set(file: string, signature: string): void {
    this.known.set(file, signature);
  }

  forget(file: string): void {
    this.known.delete(file);
  }

  /** Notes the file as it is now (after this process wrote or read it under the lock). */
  async remember(file: string): Promise<void> {
    const sig = await signatureOf(file);
    if (sig) this.known.set(file, sig);
  }
}

/**
 * How many publications this process keeps read at most: past it, the shards read least recently
 * are let go (and read again when next needed), so browsing gene after gene of a library of a
 * million publications does not end up holding them all.
 */
export const CACHE_PUBLICATIONS = 50_000;

/**
 * The shards this process has read, least recently used first. A shard is read when first needed
 * by the rules every library file follows (a damaged one is moved aside and its last good copy
 * offered, with a notice) and kept while room allows.
 */
export class ShardCache {
  private readonly cache = new Map<string, Low<ShardData>>();
  /** Shards held only in memory (a dry run over a library not yet split): never let go. */
  private readonly pinned = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly readOnly: boolean,
    private readonly signatures: FileSignatures,
    /** How many publications each shard holds, by the catalogue. */
    private readonly counts: () => Record<string, number>,
    private readonly tell: (notice: StoreNotice) => void,
  ) {}

  /** A shard held in memory only. */
  pin(name: string, db: Low<ShardData>): void {
    this.cache.set(name, db);
    this.pinned.add(name);
  }

  /** The shard if it was read already; nothing is read. */
  cached(name: string): Low<ShardData> | undefined {
    return this.cache.get(name);
  }

  async get(name: string): Promise<Low<ShardData>> {
    const hit = this.cache.get(name);
    if (hit) {
      this.cache.delete(name);
      this.cache.set(name, hit);
      return hit;
    }
    const spec = shardSpec(this.dir, name, this.readOnly);
    // What the file is before it is read (reads happen outside the lock): a write by another
    // process in between then shows as a change at the next re-read, never as this copy's own.
    const before = await signatureOf(spec.file);
    const opened = await openVersionedFile<ShardData>(spec);
    for (const notice of opened.notices) this.tell(notice);
    // A shard the catalogue counts publications in but that is not there is damage too: said, and offered for restore.
    if (!this.readOnly && !opened.notices.length && (this.counts()[name] ?? 0) > 0 && (await signatureOf(spec.file)) === null && !(await readDamageRecord(spec.file))) {
      const record = { movedTo: '', reason: 'the file is missing', at: new Date().toISOString() };
      await writeFileAtomic(damageRecordPath(spec.file), `${JSON.stringify(record, null, 2)}\n`);
      this.tell(await damageNotice(spec, record));
    }
    const after = await signatureOf(spec.file);
    if (after === before && after !== null) this.signatures.set(spec.file, after);
    else if (after === null) this.signatures.forget(spec.file);
    else this.signatures.set(spec.file, `changed while read: ${after}`);
    this.cache.set(name, opened.db);
    this.letGo();
    return opened.db;
  }

  /** Every shard read afresh when next needed (a new catalogue may place publications anywhere). */
  clear(): void {
    this.cache.clear();
    this.pinned.clear();
  }

  /** Lets go of a shard whose file is `file` (restored from a backup). */
  forget(file: string): void {
    for (const name of [...this.cache.keys()]) if (shardPath(this.dir, name) === file) this.cache.delete(name);
  }

  /** Lets go of each shard another process rewrote since it was read; true when one was. */
  async dropChanged(): Promise<boolean> {
    let changed = false;
    const names = [...this.cache.keys()].filter((name) => !this.pinned.has(name));
    // Looked at together, not one after another: this runs before every write, over every shard held.
    const sigs = await Promise.all(names.map((name) => signatureOf(shardPath(this.dir, name))));
    names.forEach((name, i) => {
      const file = shardPath(this.dir, name);
      // A shard with no file (moved aside, not yet written) stays as it is until it has one.
      if (sigs[i] === (this.signatures.get(file) ?? null)) return;
      this.cache.delete(name);
      this.signatures.forget(file);
      changed = true;
    });
    return changed;
  }

  private letGo(): void {
    const counts = this.counts();
    let held = 0;
    for (const name of this.cache.keys()) held += counts[name] ?? 0;
    for (const name of [...this.cache.keys()]) {
      if (held <= CACHE_PUBLICATIONS || this.cache.size <= 1) break;
      if (this.pinned.has(name)) continue;
      this.cache.delete(name);
      held -= counts[name] ?? 0;
    }
  }
}
