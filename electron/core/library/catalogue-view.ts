import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Publication } from '../model';
import { own } from '../../shared/own';
import { CATALOGUE_SCHEMA_VERSION, catalogueShape, citingIndex, emptyCatalogue, geneNamesOf, placementOf, type LibraryData } from './catalogue';
import { isShardName, readShardFile, shardPath } from './shards';
import { signatureOf } from './shard-cache';
import { USER_SCHEMA_VERSION, draftOfUser, emptyUser, type UserData } from './user-data';
import { journalPath, replayJournal } from './user-journal';

/**
 * The library as a reader in another thread sees it: library.json and user.json read straight
 * (never written, migrated or backed up: the store does that), read again whenever their files
 * change, and the shards read only as asked. The search index's worker thread answers searches
 * over this, so main's own heap and event loop carry none of the index.
 */
export class CatalogueView {
  /** Goes up whenever library.json or user.json is read afresh. */
  revision = 0;
  /** The library's own files are never written here (the search folder is written by search). */
  readonly readOnly = false;
  private catalogue: LibraryData = emptyCatalogue();
  private user: UserData = emptyUser();
  private readonly signatures = new Map<string, string | null>();
  private placementMap: Map<string, string> | null = null;
  private citing: Map<string, string[]> | null = null;

  constructor(readonly dir: string) {}

  /**
   * Reads library.json and user.json again where their files changed; true when one did. A file
   * that cannot be read (damaged, of another schema, being migrated) keeps the copy read before:
   * the store tells the user about it.
   */
  async refresh(): Promise<boolean> {
    let changed = false;
    const catalogueFile = join(this.dir, 'library.json');
    const data = await this.readChanged(catalogueFile);
    if (data && data.schemaVersion === CATALOGUE_SCHEMA_VERSION && !catalogueShape(data)) {
      this.catalogue = data as unknown as LibraryData;
      changed = true;
    }
    // user.json with the journal's changes since it was written whole: a click elsewhere changes the journal alone.
    const userFile = join(this.dir, 'user.json');
    const journal = journalPath(this.dir);
    const journalSignature = await signatureOf(journal);
    const journalChanged = journalSignature !== this.signatures.get(journal);
    this.signatures.set(journal, journalSignature);
    const user = (await this.readChanged(userFile)) ?? (journalChanged ? await this.readChanged(userFile, true) : null);
    if (user && user.schemaVersion === USER_SCHEMA_VERSION) {
      try {
        this.user = (await replayJournal(journal, user as unknown as UserData, draftOfUser)).data;
        changed = true;
      } catch {
        // As said above.
      }
    }
    if (changed) {
      this.revision++;
      this.placementMap = null;
      this.citing = null;
    }
    return changed;
  }

  /** A file's data when it changed since last read (or `always`); null when it did not, is gone, or cannot be read. */
  private async readChanged(file: string, always = false): Promise<Record<string, unknown> | null> {
    const signature = await signatureOf(file);
    if (!always && signature === this.signatures.get(file)) return null;
    this.signatures.set(file, signature);
    if (signature === null) return null;
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    } catch {
      // As said above.
      return null;
    }
  }

  get userData(): Readonly<UserData> {
    return this.user;
  }

  private placement(): Map<string, string> {
    this.placementMap ??= placementOf(Object.values(this.catalogue.genes));
    return this.placementMap;
  }

  async shardSignatures(): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (const name of Object.keys(this.catalogue.shards ?? {}).filter(isShardName)) out.set(name, await signatureOf(shardPath(this.dir, name)));
    return out;
  }

  shardOf(id: string): string | undefined {
    return this.placement().get(id);
  }

  holds(id: string): boolean {
    return this.placement().has(id);
  }

  genesCiting(id: string): string[] {
    this.citing ??= citingIndex(Object.values(this.catalogue.genes));
    return this.citing.get(id) ?? [];
  }

  publicationIdsOf(symbol: string): Set<string> {
    return new Set(own(this.catalogue.genes, symbol.toUpperCase())?.publicationIds ?? []);
  }

  geneNames(): Array<{ symbol: string; name: string; aliases: string[]; publicationCount: number }> {
    return geneNamesOf(Object.values(this.catalogue.genes));
  }

  /** The publications of `ids` the library holds, each shard that holds one read once. */
  async publications(ids: Iterable<string>): Promise<Map<string, Publication>> {
    const byShard = new Map<string, Set<string>>();
    for (const id of ids) {
      const shard = this.shardOf(id);
      if (!shard) continue;
      const set = byShard.get(shard) ?? new Set<string>();
      set.add(id);
      byShard.set(shard, set);
    }
    const out = new Map<string, Publication>();
    for (const [shard, wanted] of byShard) {
      const { publications } = await readShardFile(this.dir, shard);
      for (const p of publications ?? []) if (wanted.has(p.id)) out.set(p.id, p);
    }
    return out;
  }
}
