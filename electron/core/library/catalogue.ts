import type { Gene } from '../model';

/**
 * library.json, the catalogue: every gene (its summary, page sections and the ids of its
 * publications, in the gene's order) and where each publication is stored. It holds no
 * publication itself, so it stays small enough to read at every start however large the library.
 */

export const CATALOGUE_SCHEMA_VERSION = 2;

export interface StoredGene extends Omit<Gene, 'publications'> {
  publicationIds: string[];
  importedAt: string;
  importedFrom: string;
  /** The shard this gene's new publications go to while it has room. */
  shard?: string;
}

export interface LibraryData {
  schemaVersion: number;
  /** Keyed by upper-cased symbol, so "ikzf1" and "IKZF1" are one gene. */
  genes: Record<string, StoredGene>;
  /** The shard (publications/NAME.json) holding each publication, keyed by publication id. */
  placement: Record<string, string>;
  /** How many publications each shard holds. */
  shards: Record<string, number>;
  /** The number of the next shard to begin. */
  nextShard: number;
  /** Goes up with every write of the catalogue; identity.json says which generation it was built for. */
  generation: number;
}

export const emptyCatalogue = (): LibraryData => ({ schemaVersion: CATALOGUE_SCHEMA_VERSION, genes: {}, placement: {}, shards: {}, nextShard: 0, generation: 0 });
