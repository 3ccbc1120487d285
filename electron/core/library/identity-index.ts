import { join } from 'node:path';
import type { Publication } from '../model';
import { identityOf, type Identity } from '../identity';

/**
 * identity.json: who is who in the library, one short entry per publication (PMID, normalised DOI,
 * title key), so an import's duplicate check reads this file and the few publications it matches
 * instead of every shard. It is derived data: it carries the catalogue's generation, and one that
 * is missing, unreadable or of another generation (a write that died between the two files, an
 * older GeneShelf) is built again from the shards, never offered for restore.
 */

export const IDENTITY_SCHEMA_VERSION = 1;

/** [pmid, doi, title key]; "" for a missing PMID or DOI. */
export type IdentityEntry = [string, string, string];

export interface IdentityData {
  schemaVersion: number;
  /** The catalogue generation this index was written with. */
  generation: number;
  entries: Record<string, IdentityEntry>;
}

export const identityFile = (dir: string) => join(dir, 'identity.json');

export function entryOf(p: Publication): IdentityEntry {
  const x = identityOf(p);
  return [x.pmid ?? '', x.doi ?? '', x.key];
}

export function identitiesIn(data: IdentityData): Identity[] {
  const out: Identity[] = [];
  for (const [id, [pmid, doi, key]] of Object.entries(data.entries)) out.push({ id, ...(pmid ? { pmid } : {}), ...(doi ? { doi } : {}), key });
  return out;
}

/** Whether `data` is an identity index this version reads, for the catalogue's `generation`. */
export function isCurrent(data: unknown, generation: number): data is IdentityData {
  const d = data as Partial<IdentityData> | null;
  return !!d && d.schemaVersion === IDENTITY_SCHEMA_VERSION && d.generation === generation && !!d.entries && typeof d.entries === 'object' && !Array.isArray(d.entries);
}
