import { copyFile, mkdir, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Gene, Publication } from '../model';
import { identityOf, publicationId } from '../identity';
import { own, setOwn } from '../../shared/own';
import { AtomicJsonFile, CorruptFileError, writeFileAtomic } from './atomic-json-file';
import type { StoreNotice } from './versioned-file';
import { SHARD_FOLDER, emptyShard, placeNew, shardPath, type ShardData } from './shards';
import { FIRST_CATALOGUE_SCHEMA, emptyCatalogue, markOf, runsOf, type LibraryData, type StoredGene } from './catalogue';
import { identityFile, writeWholeLog } from './identity-index';

/**
 * The one-time move from schema 1, where library.json held every gene and every publication (and
 * could not be opened past about 186,000 publications), to the catalogue and its shards. Each
 * gene's publications go to its own shards in the gene's order, as later imports place them.
 */

/** Schema 1's library.json: genes with the ids of their publications, and every publication. */
interface SingleFileLibrary {
  schemaVersion?: number;
  genes: Record<string, StoredGene>;
  publications: Record<string, Publication>;
}

export interface SplitLibrary {
  catalogue: LibraryData;
  shards: Map<string, ShardData>;
  /** How many publications the shards hold. */
  publications: number;
}

/** Schema 0 (the pre-release layout): gene files stored as they came, publications inline. */
function fromSchema0(data: Record<string, unknown>): SingleFileLibrary {
  const out: SingleFileLibrary = { genes: {}, publications: {} };
  const genes = Array.isArray(data.genes) ? (data.genes as Gene[]) : [];
  for (const gene of genes) {
    const { publications = [], ...rest } = gene;
    const ids = publications.map((p) => {
      const id = p.id || publicationId(p);
      setOwn(out.publications, id, { ...p, id });
      return id;
    });
    setOwn(out.genes, rest.symbol.toUpperCase(), { ...rest, publicationIds: ids, runs: [], importedAt: '', importedFrom: '' });
  }
  return out;
}

/** The catalogue and shards holding what a schema 0 or 1 library.json holds; publications no gene cites are left out. */
export function splitLibrary(data: Record<string, unknown>): SplitLibrary {
  const single = (typeof data.schemaVersion === 'number' ? data.schemaVersion : 0) >= 1 ? (data as unknown as SingleFileLibrary) : fromSchema0(data);
  const catalogue = emptyCatalogue();
  const shards = new Map<string, ShardData>();
  // Where each publication goes: the shard of the first gene (in the file's order) that cites it.
  const placed = new Map<string, string>();
  for (const [key, gene] of Object.entries(single.genes ?? {})) {
    const held = (gene.publicationIds ?? []).filter((id) => own(single.publications ?? {}, id));
    const open = placeNew(catalogue, undefined, held.filter((id) => !placed.has(id)), placed);
    setOwn(catalogue.genes, key, { ...gene, publicationIds: held, runs: runsOf(held, (id) => placed.get(id)), ...(open ? { shard: open } : {}) });
    for (const id of held) {
      const name = placed.get(id)!;
      let shard = shards.get(name);
      if (!shard) shards.set(name, (shard = emptyShard()));
      if (!own(shard.publications, id)) setOwn(shard.publications, id, own(single.publications, id)!);
    }
  }
  return { catalogue, shards, publications: placed.size };
}

/** The schema a library.json says it has, from its first bytes (the catalogue writes schemaVersion first), or null. */
async function schemaAtHead(file: string): Promise<number | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(128);
    const { bytesRead } = await handle.read(buffer, 0, 128, 0);
    const m = /^\s*\{\s*"schemaVersion"\s*:\s*(\d+)/.exec(buffer.subarray(0, bytesRead).toString('latin1'));
    return m ? Number(m[1]) : null;
  } finally {
    await handle.close();
  }
}

export interface SplitOutcome {
  /** Read only: the split library, in memory only. */
  inMemory?: SplitLibrary;
  notice?: StoreNotice;
}

/**
 * Splits a schema 0 or 1 library.json, if that is what the folder holds: after a copy of the old
 * file (library.json.v1.bak), the shards are written, then the catalogue over library.json, so a
 * crash at any moment leaves the old file to split again. Read only, nothing is written and the
 * split library is returned. Null when there is nothing to split (no file, a catalogue already,
 * or a damaged file, which the catalogue's open moves aside).
 */
export async function splitSingleFileLibrary(
  file: string,
  options: { readOnly: boolean; label: string; onProgress?: (done: number, total: number) => void },
): Promise<SplitOutcome | null> {
  const head = await schemaAtHead(file);
  if (head !== null && head >= FIRST_CATALOGUE_SCHEMA) return null;
  let raw: Record<string, unknown> | null;
  try {
    raw = await new AtomicJsonFile<Record<string, unknown>>(file).read();
  } catch (error) {
    if (error instanceof CorruptFileError) return null;
    throw error;
  }
  if (raw === null) return null;
  const version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 0;
  if (version >= FIRST_CATALOGUE_SCHEMA) return null;
  const split = splitLibrary(raw);
  raw = null;
  if (options.readOnly) return { inMemory: split };

  const dir = dirname(file);
  const kept = `${file}.v${version}.bak`;
  await copyFile(file, kept);
  await mkdir(join(dir, SHARD_FOLDER), { recursive: true });
  const total = split.shards.size;
  let done = 0;
  for (const [name, shard] of split.shards) {
    await writeFileAtomic(shardPath(dir, name), JSON.stringify(shard));
    options.onProgress?.(++done, total);
  }
  const identities = [...split.shards.values()].flatMap((shard) => Object.values(shard.publications).map(identityOf));
  await writeWholeLog(identityFile(dir), identities, markOf(split.catalogue));
  await writeFileAtomic(file, JSON.stringify(split.catalogue));
  const publications = split.publications;
  return {
    notice: {
      kind: 'migrated',
      file,
      message: `${options.label} was split into a catalogue and ${total.toLocaleString('en-GB')} publication ${total === 1 ? 'file' : 'files'} (${publications.toLocaleString('en-GB')} publications), so a large library opens quickly; the old file was kept as ${basename(kept)}.`,
    },
  };
}
