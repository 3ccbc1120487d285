import type { Publication } from '../model';
import { own, setOwn } from '../../shared/own';
import { placeNew } from './shards';
import type { LibraryData, StoredGene } from './catalogue';

/**
 * What a change to the library will write, worked out before anything is read or written: the
 * store (store.ts changeLibrary) then reads what the plan needs and writes it in a safe order.
 */
export interface ChangePlan {
  /** The catalogue after the change (its genes are the change's, each with its open shard). */
  next: LibraryData;
  /** The genes the change added, replaced or removed, by key. */
  changedKeys: Set<string>;
  /** Publications new to the library, and the shard each goes to. */
  placed: Map<string, string>;
  /** Publications leaving the library (cited by a changed gene before, by no gene after), by shard. */
  removals: Map<string, string[]>;
  /** Publications to write (new or replacing the stored copy), by shard. */
  additions: Map<string, Publication[]>;
}

/**
 * The plan of a change from `before` to `genes` that puts `puts`, given where each stored
 * publication is (`placement`). New publications go to the open shard of the gene that brought
 * them. Pure: `genes` gets the genes' new open shards; nothing else is changed.
 */
export function planChange(before: LibraryData, genes: Record<string, StoredGene>, puts: Map<string, Publication>, placement: ReadonlyMap<string, string>): ChangePlan {
  const next: LibraryData = { ...before, genes, shards: { ...before.shards }, generation: (before.generation ?? 0) + 1 };
  const changedKeys = new Set([...Object.keys(before.genes), ...Object.keys(genes)].filter((k) => own(before.genes, k) !== own(genes, k)));
  const placed = new Map<string, string>();
  for (const key of changedKeys) {
    const gene = own(genes, key);
    if (!gene) continue;
    const fresh = gene.publicationIds.filter((id) => puts.has(id) && !placement.has(id));
    const open = placeNew(next, gene.shard, fresh, placed);
    if (open && open !== gene.shard) setOwn(genes, key, { ...gene, shard: open });
  }
  const removals = new Map<string, string[]>();
  const candidates = new Set<string>();
  for (const key of changedKeys) for (const id of own(before.genes, key)?.publicationIds ?? []) candidates.add(id);
  if (candidates.size) {
    const cited = new Set<string>();
    for (const gene of Object.values(genes)) for (const id of gene.publicationIds) if (candidates.has(id)) cited.add(id);
    for (const id of candidates) {
      const name = placement.get(id);
      if (cited.has(id) || !name) continue;
      next.shards[name] = Math.max(0, (next.shards[name] ?? 1) - 1);
      const list = removals.get(name);
      if (list) list.push(id);
      else removals.set(name, [id]);
    }
  }
  const additions = new Map<string, Publication[]>();
  for (const p of puts.values()) {
    const name = placed.get(p.id) ?? placement.get(p.id);
    if (!name) continue; // cited by no gene after the change
    const list = additions.get(name);
    if (list) list.push(p);
    else additions.set(name, [p]);
  }
  return { next, changedKeys, placed, removals, additions };
}
