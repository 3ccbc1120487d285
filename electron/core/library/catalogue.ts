import type { Gene } from '../model';
import type { Migration } from './versioned-file';
import { setOwn } from '../../shared/own';
import { isShardName } from './shards';

/**
 * library.json, the catalogue: every gene (its summary, page sections and the ids of its
 * publications, in the gene's order, with the shards that hold them). It holds no publication
 * itself, so it stays small enough to read at every start however large the library.
 */

export const CATALOGUE_SCHEMA_VERSION = 3;
/** The first catalogue schema: library.json files before it held every publication (split-library.ts). */
export const FIRST_CATALOGUE_SCHEMA = 2;

/**
 * Where a gene's publications are kept: [shard, how many] runs, in the order of publicationIds.
 * A gene's imports share a shard, so most genes have one or two runs: the catalogue no longer
 * names a shard for each of a million publications (which made it slow to read).
 */
export type ShardRuns = Array<[string, number]>;

export interface StoredGene extends Omit<Gene, 'publications'> {
  publicationIds: string[];
  runs: ShardRuns;
  importedAt: string;
  importedFrom: string;
  /** The shard this gene's new publications go to while it has room. */
  shard?: string;
}

export interface LibraryData {
  schemaVersion: number;
  /** Keyed by upper-cased symbol, so "ikzf1" and "IKZF1" are one gene. */
  genes: Record<string, StoredGene>;
  /** How many publications each shard holds. */
  shards: Record<string, number>;
  /** The number of the next shard to begin. */
  nextShard: number;
  /** Goes up with every write of the catalogue; identity.log marks which generation each change made. */
  generation: number;
  /**
   * New and random at every change: with the generation, it names the catalogue identity.log's
   * markers are for (a generation alone could be reused by a program that does not keep the log,
   * such as an older GeneShelf, after a change of this one failed).
   */
  stamp?: string;
}

/** The catalogue an identity.log marker names. */
export const markOf = (data: Pick<LibraryData, 'generation' | 'stamp'>) => ({ generation: data.generation ?? 0, stamp: data.stamp ?? '' });

export const emptyCatalogue = (): LibraryData => ({ schemaVersion: CATALOGUE_SCHEMA_VERSION, genes: {}, shards: {}, nextShard: 0, generation: 0 });

const isRecord = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** What is wrong with a catalogue's shape, by JSON path, or null (schema 2 and up: its genes). */
export function catalogueShape(data: Record<string, unknown>): string | null {
  if (data.genes === undefined) return null;
  if (!isRecord(data.genes)) return '$.genes is not an object';
  for (const [key, gene] of Object.entries(data.genes)) {
    if (!isRecord(gene) || typeof gene.symbol !== 'string') return `$.genes.${key} is not a gene`;
    if (!Array.isArray(gene.publicationIds) || !gene.publicationIds.every((id) => typeof id === 'string')) return `$.genes.${key}.publicationIds is not a list of ids`;
  }
  if (data.shards !== undefined && !isRecord(data.shards)) return '$.shards is not an object';
  return null;
}

/** The runs of `ids` by the shard each is in (an id in none ends the runs: it is not placed). */
export function runsOf(ids: readonly string[], shardOf: (id: string) => string | undefined): ShardRuns {
  const runs: ShardRuns = [];
  for (const id of ids) {
    const shard = shardOf(id);
    if (shard === undefined) break;
    const last = runs[runs.length - 1];
    if (last && last[0] === shard) last[1]++;
    else runs.push([shard, 1]);
  }
  return runs;
}

/** Each of a gene's publications with its shard, from its runs; ids past the runs are not placed. */
export function placedIdsOf(gene: Pick<StoredGene, 'publicationIds' | 'runs'>, visit: (id: string, shard: string) => void): void {
  // Read as found in the file: a run that is not [shard name, count] places nothing, and its ids
  // are passed over (the gene page shows the rest).
  const runs: unknown = gene.runs;
  if (!Array.isArray(runs) || !Array.isArray(gene.publicationIds)) return;
  let i = 0;
  for (const run of runs) {
    const [shard, count] = Array.isArray(run) ? run : [];
    if (!Number.isInteger(count) || count < 0) return;
    if (!isShardName(shard)) {
      i += count;
      continue;
    }
    for (let k = 0; k < count && i < gene.publicationIds.length; k++) visit(gene.publicationIds[i++]!, shard);
  }
}

/** Schema 2 named a shard for every publication in one map; schema 3 keeps runs on each gene. */
export const CATALOGUE_MIGRATIONS: Record<number, Migration> = {
  2: (data) => {
    const placement = (data.placement ?? {}) as Record<string, string>;
    const genes = (data.genes ?? {}) as Record<string, StoredGene>;
    const out: Record<string, StoredGene> = {};
    for (const [key, gene] of Object.entries(genes)) {
      setOwn(out, key, { ...gene, runs: runsOf(gene.publicationIds ?? [], (id) => (Object.hasOwn(placement, id) ? placement[id] : undefined)) });
    }
    const { placement: _dropped, ...rest } = data;
    return { ...rest, genes: out };
  },
};

/** Which genes cite each publication, the genes in the catalogue's order (a list view's gene column, search's facets). */
export function citingIndex(genes: Iterable<Pick<StoredGene, 'symbol' | 'publicationIds'>>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const gene of genes) {
    for (const pid of gene.publicationIds) {
      const list = index.get(pid);
      if (list) list.push(gene.symbol);
      else index.set(pid, [gene.symbol]);
    }
  }
  return index;
}

/** Which shard holds each publication, from every gene's runs. */
export function placementOf(genes: Iterable<Pick<StoredGene, 'publicationIds' | 'runs'>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const gene of genes) placedIdsOf(gene, (id, shard) => map.set(id, shard));
  return map;
}

/** Each gene's symbol, name and aliases, for search (a gene found by an alias; an alias expands a query). */
export function geneNamesOf(genes: Iterable<StoredGene>): Array<{ symbol: string; name: string; aliases: string[]; publicationCount: number }> {
  return [...genes].map((g) => ({ symbol: g.symbol, name: g.name, aliases: g.aliases ?? [], publicationCount: g.publicationIds.length }));
}
