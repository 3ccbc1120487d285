import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Publication } from '../model';
import { StoreError } from '../errors';
import type { VersionedFileSpec } from './versioned-file';
import { signatureOf } from './shard-cache';

/**
 * Publications live in shards: lowdb files under publications/, each holding the publications of
 * one gene's imports (up to SHARD_SIZE of them), so showing a gene reads its own shard or two and
 * a write rewrites only the shards it changes, whatever the size of the library. library.json (the
 * catalogue) says which shard holds each publication.
 */

export const SHARD_FOLDER = 'publications';

/** New publications go into a shard until it holds this many; then a new shard is begun. */
export const SHARD_SIZE = 2000;

export const SHARD_SCHEMA_VERSION = 1;

export interface ShardData {
  schemaVersion: number;
  /** Keyed by publication id. */
  publications: Record<string, Publication>;
}

export const emptyShard = (): ShardData => ({ schemaVersion: SHARD_SCHEMA_VERSION, publications: Object.create(null) as Record<string, Publication> });

/** What is wrong with a shard's shape, by JSON path, or null. */
export function shardShape(data: Record<string, unknown>): string | null {
  const publications = data.publications;
  if (!publications || typeof publications !== 'object' || Array.isArray(publications)) return '$.publications is not an object';
  for (const [id, p] of Object.entries(publications)) {
    const pub = p as Partial<Publication> | null;
    if (!pub || typeof pub !== 'object' || pub.id !== id || typeof pub.title !== 'string' || !Array.isArray(pub.authors)) return `$.publications["${id.slice(0, 40)}"] is not a publication`;
  }
  return null;
}

/** Shards are numbered, never named after a gene: a symbol is not always a safe file name on every disk. */
export const shardName = (n: number): string => `p${String(n).padStart(6, '0')}`;

// A shard, or the damage record of one moved aside (its file is gone until restored or rewritten).
const SHARD_FILE = /^(p\d{6})\.json(?:\.damaged\.json)?$/;

/** Whether a name from library.json is a shard's: it becomes a path, so nothing else may pass ("../x" would leave the folder). */
export function isShardName(name: unknown): name is string {
  return typeof name === 'string' && /^p\d{6}$/.test(name);
}

export function shardPath(dir: string, name: string): string {
  if (!isShardName(name)) throw new StoreError(`library.json names a publications file "${String(name).slice(0, 40)}", which is not one GeneShelf makes; nothing was read or written for it`);
  return join(dir, SHARD_FOLDER, `${name}.json`);
}

/** The shards of a library folder, by name, including any found damaged and moved aside (doctor and restore look at each). */
export function shardNamesOnDisk(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, SHARD_FOLDER));
  } catch {
    return [];
  }
  const found = new Set<string>();
  for (const n of names) {
    const m = SHARD_FILE.exec(n);
    if (m) found.add(m[1]!);
  }
  return [...found].sort();
}

export function shardSpec(dir: string, name: string, readOnly: boolean): VersionedFileSpec<ShardData> {
  return {
    file: shardPath(dir, name),
    label: `Publications shard ${name} (${SHARD_FOLDER}/${name}.json)`,
    version: SHARD_SCHEMA_VERSION,
    defaults: emptyShard,
    migrations: {},
    compact: true,
    readOnly,
    // A shard the catalogue names but that is missing is not a first run: nothing is made for it.
    create: false,
    // The store sweeps the folder once when it opens the library.
    tempFilesSwept: true,
    shape: shardShape,
  };
}

/** What placing publications needs to know of the catalogue, and changes in it. */
export interface ShardCounts {
  /** How many publications each shard holds. */
  shards: Record<string, number>;
  nextShard: number;
}

/**
 * Gives each of `ids` (none of them placed yet) a shard, in `placed`: the gene's open shard while
 * it has room, else a new one, which becomes the gene's open shard. Counts are kept in `counts`.
 * Returns that open shard (to store on the gene).
 */
export function placeNew(counts: ShardCounts, openShard: string | undefined, ids: Iterable<string>, placed: Map<string, string>): string | undefined {
  let open = isShardName(openShard) ? openShard : undefined;
  for (const id of ids) {
    if (placed.has(id)) continue;
    if (!open || (counts.shards[open] ?? 0) >= SHARD_SIZE) {
      open = shardName(counts.nextShard++);
      counts.shards[open] = 0;
    }
    placed.set(id, open);
    counts.shards[open] = (counts.shards[open] ?? 0) + 1;
  }
  return open;
}

/**
 * A shard file read straight, with no store: its publications (null for a file that is missing,
 * not JSON, of another schema or not of a shard's shape) and its signature taken before the read,
 * so a shard rewritten meanwhile is seen as changed the next time. The search index's worker
 * reads shards this way; the store's own reading (backups, damage notices, restore) is not needed
 * for derived data.
 */
export async function readShardFile(dir: string, name: string): Promise<{ signature: string | null; publications: Publication[] | null }> {
  if (!isShardName(name)) return { signature: null, publications: null };
  const file = shardPath(dir, name);
  const signature = await signatureOf(file);
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    if (data.schemaVersion !== SHARD_SCHEMA_VERSION || shardShape(data)) return { signature, publications: null };
    return { signature, publications: Object.values(data.publications as Record<string, Publication>) };
  } catch {
    return { signature, publications: null };
  }
}
