import { randomBytes } from 'node:crypto';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { basename, join, win32 } from 'node:path';
import { Low } from 'lowdb';
import { geneWithSymbol, mergeImports, withImport, type Gene, type ImportRecord, type Publication } from '../model';
import { StoreError } from '../errors';
import { withFolderLock, type LockGuard, type LockOptions } from './folder-lock';
import { own, setOwn } from '../../shared/own';
import { AtomicJsonFile, removeStaleTempFiles, removeStaleTempFilesIn, writeFileAtomic } from './atomic-json-file';
import { damageNotice, dismissDamage, keepGoodCopyOf, openVersionedFile, readDamageRecord, restoreBackupFile, type Migration, type StoreNotice, type VersionedFileSpec } from './versioned-file';
import { USER_MIGRATIONS, USER_SCHEMA_VERSION, bookmarkedIds, cleanSettings, draftOfUser, emptyUser, type UserData, type UserSettings } from './user-data';
import { CATALOGUE_MIGRATIONS, CATALOGUE_SCHEMA_VERSION, catalogueShape, citingIndex, geneNamesOf, markOf, placementOf, FIRST_CATALOGUE_SCHEMA, emptyCatalogue, placedIdsOf, runsOf, type LibraryData, type StoredGene } from './catalogue';
import { SHARD_FOLDER, isShardName, shardNamesOnDisk, shardPath, shardSpec, type ShardData } from './shards';
import { splitSingleFileLibrary, type SplitLibrary } from './split-library';
import { planChange } from './change-plan';
import { FileSignatures, ShardCache, signatureOf } from './shard-cache';
import { openUserFile, writeUserFile, type JournalState } from './user-file';
import { journalPath } from './user-journal';
import { appendChange, changeLines, findLogEnd, identityFile, legacyIdentityFile, readIdentityLog, readLegacyIdentities, writeWholeLog, type CatalogueMark, type KeepIdentity, type LogEnd } from './identity-index';
import { identityOf, type Identity } from '../identity';

/**
 * The library on disk: lowdb files in one folder, each read only when needed and written only
 * when it changes.
 *  - library.json, the catalogue: genes, their publication ids, and which shard holds each
 *    publication. Read at every start; small beside the publications.
 *  - publications/pNNNNNN.json, the shards: the publications, a gene's imports together, read
 *    when a gene that cites them is shown and rewritten only when one of them changes.
 *  - user.json: the user's own state, kept apart so a click never touches the library; each
 *    click appends its change to user.journal (user-file.ts), so it costs what it changes however
 *    many bookmarks there are.
 */

export const LIBRARY_SCHEMA_VERSION = CATALOGUE_SCHEMA_VERSION;
export { USER_SCHEMA_VERSION };
export type { LibraryData, StoredGene };

export interface GeneListItem {
  symbol: string;
  name: string;
  location: string;
  publicationCount: number;
  importedAt: string;
  /** The source's dates, for the content's age. */
  provenance?: { pageRevised?: string; sourceAccessed?: string };
}

export interface SaveResult {
  added: string[];
  updated: string[];
}

/**
 * Schemas 0 and 1 (everything in library.json) are split into the catalogue and its shards by
 * split-library.ts before the catalogue is opened; the catalogue's own open migrates schema 2
 * (one shard named per publication) to 3 (runs of shards on each gene).
 */
export const LIBRARY_MIGRATIONS: Record<number, Migration> = CATALOGUE_MIGRATIONS;

/** A change to the library, made on a copy of the genes: what is put is written to its shard. */
interface LibraryChange {
  genes: Record<string, StoredGene>;
  /** A publication to store, new or replacing the stored copy. */
  put(publication: Publication): void;
}

export class LibraryStore {
  private queue: Promise<unknown> = Promise.resolve();
  /** Which genes cite each publication; rebuilt lazily after the library changes. */
  private genesIndex: Map<string, string[]> | null = null;
  /** Goes up with every change to the library, so views built from it know when they are stale. */
  revision = 0;
  /** The shards read, least recently used first. */
  private readonly shards: ShardCache;
  private readonly noticeListeners = new Set<(notice: StoreNotice) => void>();
  /** Set when a read found identity.log unusable: the next change writes it whole. */
  private identityNeedsWhole = false;
  /** The identities that read built again, for the catalogue it was built for. */
  private rebuilt: (CatalogueMark & { all: Identity[] }) | null = null;

  private constructor(
    readonly dir: string,
    private catalogue: Low<LibraryData>,
    private user: Low<UserData>,
    readonly firstRun: boolean,
    readonly notices: StoreNotice[],
    readonly readOnly = false,
  ) {
    this.shards = new ShardCache(dir, readOnly, this.signatures, () => this.catalogue.data.shards, (notice) => this.tell(notice));
  }

  static libraryFile(dir: string): string {
    return join(dir, 'library.json');
  }

  static userFile(dir: string): string {
    return join(dir, 'user.json');
  }

  static async open(
    dir: string,
    now = new Date(),
    options: { readOnly?: boolean; lock?: LockOptions; onSplitProgress?: (done: number, total: number) => void } = {},
  ): Promise<LibraryStore> {
    const readOnly = options.readOnly ?? false;
    if (!readOnly) await mkdir(join(dir, SHARD_FOLDER), { recursive: true });
    const openAndRemember = async () => {
      const specs = LibraryStore.specs(dir, now, readOnly);
      // A library from before the shards is split first (read only: in memory).
      const split = await splitSingleFileLibrary(specs.library.file, { readOnly, label: specs.library.label, ...(options.onSplitProgress ? { onProgress: options.onSplitProgress } : {}) });
      const store = await LibraryStore.openFiles(dir, now, readOnly, split?.inMemory);
      if (split?.notice) store.notices.push(split.notice);
      await store.noticeDamagedShards();
      // One look at the shards' folder for dead writers' temp files, not one per shard read.
      if (!readOnly) {
        await removeStaleTempFilesIn(join(dir, SHARD_FOLDER));
        await removeStaleTempFiles(identityFile(dir));
        await removeStaleTempFiles(legacyIdentityFile(dir));
      }
      // Inside the lock: a writer waiting for it must not write between the open and this.
      for (const file of [LibraryStore.libraryFile(dir), LibraryStore.userFile(dir), journalPath(dir)]) await store.signatures.remember(file);
      return store;
    };
    // Opening writes too (a first run's files, a split, backups): inside the lock, but for a dry run.
    const opened = readOnly ? await openAndRemember() : await withFolderLock(dir, openAndRemember, options.lock);
    opened.lockOptions = options.lock ?? {};
    return opened;
  }

  /** The library's files, each with what a person calls it (the doctor's report, notices): the catalogue, user.json and every shard. */
  static files(dir: string): Array<{ file: string; label: string; version: number; oldestBackup: number }> {
    const specs = LibraryStore.specs(dir, new Date(), true);
    const shards = shardNamesOnDisk(dir).map((name) => shardSpec(dir, name, true));
    const all: Array<VersionedFileSpec<{ schemaVersion: number }>> = [specs.library, specs.user, ...shards];
    return all.map((spec) => ({ file: spec.file, label: spec.label, version: spec.version, oldestBackup: spec.oldestBackup ?? 0 }));
  }

  /** How the catalogue and user.json are opened: the one set of rules for a first open and a re-read alike. */
  private static specs(dir: string, now: Date, readOnly: boolean) {
    return {
      library: {
        file: LibraryStore.libraryFile(dir),
        label: 'The library file (library.json)',
        version: LIBRARY_SCHEMA_VERSION,
        defaults: emptyCatalogue,
        migrations: LIBRARY_MIGRATIONS,
        compact: true,
        readOnly,
        oldestBackup: FIRST_CATALOGUE_SCHEMA,
        shape: catalogueShape,
      } satisfies VersionedFileSpec<LibraryData>,
      user: {
        file: LibraryStore.userFile(dir),
        label: 'Your reading lists and notes (user.json)',
        version: USER_SCHEMA_VERSION,
        defaults: () => emptyUser(now),
        migrations: USER_MIGRATIONS,
        compact: true,
        readOnly,
      } satisfies VersionedFileSpec<UserData>,
    };
  }

  private static async openFiles(dir: string, now: Date, readOnly: boolean, split?: SplitLibrary): Promise<LibraryStore> {
    const specs = LibraryStore.specs(dir, now, readOnly);
    let catalogue: Low<LibraryData>;
    let created = false;
    const notices: StoreNotice[] = [];
    if (split) {
      // Read only, over a library not yet split: the split lives in memory and nothing is written.
      catalogue = new Low(new AtomicJsonFile<LibraryData>(specs.library.file), split.catalogue);
    } else {
      const opened = await openVersionedFile<LibraryData>(specs.library, now);
      catalogue = opened.db;
      created = opened.created;
      notices.push(...opened.notices);
    }
    const user = await openUserFile(specs.user, now);
    const store = new LibraryStore(dir, catalogue, user.db, created, [...notices, ...user.notices], readOnly);
    store.journal = user.journal;
    if (split) {
      for (const [name, data] of split.shards) {
        store.shards.pin(name, new Low(new AtomicJsonFile<ShardData>(shardPath(dir, name)), data));
      }
    }
    return store;
  }

  /** A shard found damaged at an earlier open and not yet restored is said again at every open, as the two main files are. */
  private async noticeDamagedShards(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(join(this.dir, SHARD_FOLDER));
    } catch {
      return;
    }
    for (const n of names.filter((x) => /^p\d{6}\.json\.damaged\.json$/.test(x)).sort()) {
      const spec = shardSpec(this.dir, n.slice(0, 7), true);
      const record = await readDamageRecord(spec.file);
      if (record) this.notices.push(await damageNotice(spec, record));
    }
  }

  /** Told of a notice found after the open: a shard found damaged when it was first read. */
  onNotice(listener: (notice: StoreNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  private tell(notice: StoreNotice): void {
    this.notices.push(notice);
    for (const listener of this.noticeListeners) listener(notice);
  }

  /**
   * Runs writes one after another, so two quick changes never interleave their read-modify-write,
   * and each inside the folder's lock, after re-reading any file another process wrote since this
   * one last read or wrote it: every change that any writer reported done stays on disk.
   */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const locked = () =>
      withFolderLock(
        this.dir,
        async (guard) => {
          this.guard = guard;
          try {
            await this.reloadChangedFiles();
            return await task();
          } finally {
            this.guard = null;
          }
        },
        this.lockOptions,
      );
    return this.enqueue(locked);
  }

  /** After everything queued before it, whether that failed or not; a failure does not stop the queue. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => {});
    return next;
  }

  /**
   * Re-reads what another process wrote, between this process's own writes (through the same
   * queue, without the folder lock: it only reads, and writes are atomic renames, so it sees a
   * whole old file or a whole new one). True when something changed: the app's watcher then
   * refreshes the screen.
   */
  pickUpOtherWriters(): Promise<boolean> {
    return this.enqueue(() => this.reloadChangedFiles());
  }

  /** The lock the running write holds: checked just before each file is written. */
  private guard: LockGuard | null = null;

  /** What each file was when this process last read or wrote it: inode, size and mtime. */
  private readonly signatures = new FileSignatures();
  lockOptions: LockOptions = {};

  private readonly otherWriterListeners = new Set<() => void>();

  /** Told whenever a re-read finds what another process wrote (at a write of this one, or a poll). */
  onOtherWriter(listener: () => void): () => void {
    this.otherWriterListeners.add(listener);
    return () => this.otherWriterListeners.delete(listener);
  }

  /**
   * Re-reads a file another process has written since; true when one was. The catalogue and
   * user.json are read by the same rules as at open (version check, migrations in memory, damage
   * refused) but read-only: nothing is written, moved or backed up here. A file that cannot be
   * read stops the change. A shard read before is let go, to be read afresh when next needed.
   */
  async reloadChangedFiles(): Promise<boolean> {
    const specs = LibraryStore.specs(this.dir, new Date(), true);
    let changed = false;
    const catalogueSig = await signatureOf(specs.library.file);
    if (catalogueSig !== null && catalogueSig !== this.signatures.get(specs.library.file)) {
      try {
        this.catalogue.data = (await openVersionedFile(specs.library)).db.data;
      } catch (error) {
        throw new StoreError(`library.json was changed by another program and can no longer be read (${(error as Error).message}); nothing was written`);
      }
      this.signatures.set(specs.library.file, catalogueSig);
      changed = true;
      // A new catalogue may place publications anywhere: every shard is read afresh.
      this.shards.clear();
      this.placementCache = null;
    }
    // user.json and its journal: another writer's click appends to the journal alone.
    const journal = journalPath(this.dir);
    const [userSig, journalSig] = [await signatureOf(specs.user.file), await signatureOf(journal)];
    if ((userSig !== null && userSig !== this.signatures.get(specs.user.file)) || journalSig !== (this.signatures.get(journal) ?? null)) {
      // Within a write of this process's own (the lock held), a damaged journal line is set aside
      // as a start would do, and the user told; outside one (the watcher's poll) it only reads.
      const repair = this.guard !== null && !this.readOnly;
      let repaired = false;
      try {
        const fresh = await openUserFile(specs.user, new Date(), { fold: false, repair });
        this.user.data = fresh.db.data;
        this.journal = fresh.journal;
        for (const notice of fresh.notices) {
          if (notice.file !== journal) continue;
          repaired = true;
          this.tell(notice);
        }
      } catch (error) {
        throw new StoreError(`user.json was changed by another program and can no longer be read (${(error as Error).message}); nothing was written`);
      }
      if (repaired) {
        await this.signatures.remember(specs.user.file);
        this.signatures.forget(journal);
      } else {
        if (userSig !== null) this.signatures.set(specs.user.file, userSig);
        if (journalSig !== null) this.signatures.set(journal, journalSig);
        else this.signatures.forget(journal);
      }
      changed = true;
    }
    if (await this.shards.dropChanged()) changed = true;
    if (changed) {
      this.genesIndex = null;
      this.revision++;
      for (const listener of this.otherWriterListeners) listener();
    }
    return changed;
  }

  /**
   * Which shard holds each publication, worked out from the genes' runs when first needed (a
   * list view, a bookmark, an import) and kept up to date by each change; a gene page needs only
   * its own gene's runs.
   */
  private placementCache: Map<string, string> | null = null;
  private placement(): Map<string, string> {
    this.placementCache ??= placementOf(Object.values(this.catalogue.data.genes));
    return this.placementCache;
  }

  /** The publications the library holds of `ids`, by id: each shard that holds one is read once. */
  async publications(ids: Iterable<string>): Promise<Map<string, Publication>> {
    const placement = this.placement();
    const byShard = new Map<string, string[]>();
    for (const id of ids) {
      const name = placement.get(id);
      if (!name) continue;
      const list = byShard.get(name);
      if (list) list.push(id);
      else byShard.set(name, [id]);
    }
    return this.readGrouped(byShard);
  }

  /** The publications of `byShard` (shard -> ids), read shard by shard. */
  private async readGrouped(byShard: Map<string, string[]>): Promise<Map<string, Publication>> {
    const out = new Map<string, Publication>();
    for (const [name, list] of byShard) {
      const shard = await this.shards.get(name);
      for (const id of list) {
        const p = own(shard.data.publications, id);
        if (p) out.set(id, p);
      }
    }
    return out;
  }

  /**
   * Writes a file's next data; memory takes it only once it is safely on disk, so a write that
   * fails leaves both exactly as they were.
   */
  private async write<T>(file: string, db: Low<T>, next: T): Promise<void> {
    if (this.readOnly) throw new StoreError('this library was opened read-only (a dry run); nothing was written');
    const previous = db.data;
    db.data = next;
    try {
      this.guard?.check();
      await db.write();
    } catch (error) {
      db.data = previous;
      throw error;
    }
    await this.signatures.remember(file);
  }

  /** What this process knows of user.journal (see user-file.ts). */
  private journal: JournalState = { lines: 0, bytes: 0, startAfresh: false };

  /** The user's next state, on disk (as a journal line, or user.json whole) before memory takes it. */
  private async writeUser(next: UserData): Promise<void> {
    if (this.readOnly) throw new StoreError('this library was opened read-only (a dry run); nothing was written');
    const userFile = LibraryStore.userFile(this.dir);
    this.journal = await writeUserFile(this.user, next, this.journal, userFile, () => this.guard?.check());
    await this.signatures.remember(userFile);
    const journal = journalPath(this.dir);
    if (this.journal.bytes) await this.signatures.remember(journal);
    else this.signatures.forget(journal);
  }

  /**
   * A shard's next data, the copy on disk kept first as its newest good copy (it was read whole
   * to make this change): a shard is backed up when it changes, not the library on every open.
   */
  private async writeShard(name: string, shard: Low<ShardData>, next: ShardData): Promise<void> {
    const file = shardPath(this.dir, name);
    // A shard waiting to be restored is not written over: restoring would then set aside what was added since.
    if (await readDamageRecord(file)) {
      throw new StoreError(`${shardSpec(this.dir, name, true).label} was found damaged and waits to be restored (or the library begun afresh); nothing was changed`);
    }
    if ((await signatureOf(file)) !== null) await keepGoodCopyOf(file);
    await this.write(file, shard, next);
    // And the new content is its newest good copy: a damaged shard is restored as it was last written.
    await keepGoodCopyOf(file);
  }

  listGenes(): GeneListItem[] {
    return Object.values(this.catalogue.data.genes)
      .map((g) => ({
        symbol: g.symbol,
        name: g.name,
        location: g.location,
        publicationCount: g.publicationIds.length,
        importedAt: g.importedAt,
        provenance: { ...(g.provenance?.pageRevised ? { pageRevised: g.provenance.pageRevised } : {}), ...(g.provenance?.sourceAccessed ? { sourceAccessed: g.provenance.sourceAccessed } : {}) },
      }))
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  /** Where a gene's content came from, from the catalogue (no shard is read), or undefined when the library has no such gene. */
  geneProvenance(symbol: string): Gene['provenance'] | undefined {
    return own(this.catalogue.data.genes, symbol.toUpperCase())?.provenance;
  }

  /** The gene's symbol as the library spells it, or undefined when the library has no such gene. */
  geneSymbol(symbol: string): string | undefined {
    return own(this.catalogue.data.genes, symbol.toUpperCase())?.symbol;
  }

  /** A gene with its publications in the gene's order: reads the shards that hold them, and no other. */
  async getGene(symbol: string): Promise<Gene | undefined> {
    const stored = own(this.catalogue.data.genes, symbol.toUpperCase());
    if (!stored) return undefined;
    const { publicationIds, runs: _runs, importedAt, importedFrom, shard: _shard, ...gene } = stored;
    // A gene stored before imports were recorded on it: its last import, as the catalogue knew it.
    if (!gene.provenance?.imports?.length && importedAt) {
      gene.provenance = { ...gene.provenance, imports: [{ file: win32.basename(importedFrom), format: '', at: importedAt, by: 'GeneShelf' }] };
    }
    // The gene's own runs say which shards to read: the placement of every publication is not needed.
    const byShard = new Map<string, string[]>();
    placedIdsOf(stored, (id, shard) => {
      const list = byShard.get(shard);
      if (list) list.push(id);
      else byShard.set(shard, [id]);
    });
    const found = await this.readGrouped(byShard);
    const publications = publicationIds.map((id) => found.get(id)).filter((p): p is Publication => !!p);
    return { ...gene, publications };
  }

  async getPublication(id: string): Promise<Publication | undefined> {
    return (await this.publications([id])).get(id);
  }

  /** Whether the library holds a publication (its catalogue places it): no shard is read. */
  holds(id: string): boolean {
    return this.placement().has(id);
  }

  /** The symbols of the genes in the library that cite a publication. */
  genesCiting(id: string): string[] {
    this.genesIndex ??= citingIndex(Object.values(this.catalogue.data.genes));
    return this.genesIndex.get(id) ?? [];
  }

  /**
   * The genes-citing index after a change to `changed` genes, updated for their publications
   * only (rebuilding it from every gene cost a second at a million publications, at the first
   * list view after each import).
   */
  private updateGenesIndex(before: Record<string, StoredGene>, after: Record<string, StoredGene>, changed: Set<string>): void {
    const index = this.genesIndex;
    if (!index || changed.size === 0) return;
    const symbols = new Set<string>();
    const touched = new Set<string>();
    for (const key of changed) {
      for (const gene of [own(before, key), own(after, key)]) {
        if (!gene) continue;
        symbols.add(gene.symbol);
        for (const id of gene.publicationIds) touched.add(id);
      }
    }
    // Each touched publication's genes again, in the catalogue's order of genes, as a rebuild gives them.
    const order = new Map(Object.values(after).map((g, i) => [g.symbol, i]));
    const cites = [...changed].flatMap((key) => {
      const gene = own(after, key);
      return gene ? [{ symbol: gene.symbol, ids: new Set(gene.publicationIds) }] : [];
    });
    for (const id of touched) {
      const kept = (index.get(id) ?? []).filter((symbol) => !symbols.has(symbol));
      for (const gene of cites) if (gene.ids.has(id)) kept.push(gene.symbol);
      kept.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      if (kept.length) index.set(id, kept);
      else index.delete(id);
    }
  }

  /** Adds or replaces genes in one write. A gene imported again is updated in place. */
  saveGenes(genes: Gene[], importedFrom: string, now = new Date()): Promise<SaveResult> {
    return this.changeLibrary((draft) => {
      const result: SaveResult = { added: [], updated: [] };
      for (const gene of genes) {
        const key = gene.symbol.toUpperCase();
        const existing = own(draft.genes, key);
        (existing ? result.updated : result.added).push(gene.symbol);
        const { publications, ...rest } = gene;
        for (const p of publications) draft.put(p);
        const imports = mergeImports(existing?.provenance?.imports, rest.provenance.imports);
        setOwn(draft.genes, key, {
          ...rest,
          provenance: { ...rest.provenance, ...(imports.length ? { imports } : {}) },
          publicationIds: publications.map((p) => p.id),
          // Worked out when the change is written, from where each publication is placed.
          runs: [],
          importedAt: now.toISOString(),
          importedFrom,
          ...(existing?.shard ? { shard: existing.shard } : {}),
        });
      }
      return result;
    });
  }

  /**
   * Calls `visit` with every publication the library holds, reading the shards one at a time and
   * keeping none it had not read already: the identity index is built this way when it must be.
   */
  private async eachStoredPublication(visit: (p: Publication) => void): Promise<void> {
    for (const name of Object.keys(this.catalogue.data.shards).filter(isShardName)) {
      for (const p of await this.publicationsIn(name)) visit(p);
    }
  }

  /**
   * The publications a shard holds that the catalogue places there, read without keeping the
   * shard (a derived index reads the library this way, one shard at a time). A shard that cannot
   * be read gives none: it is found and offered for restore when a gene that cites it is shown.
   */
  async publicationsIn(name: string): Promise<Publication[]> {
    let shard = this.shards.cached(name);
    if (!shard) {
      try {
        // Read only: no backup is made and nothing is moved here.
        shard = (await openVersionedFile<ShardData>(shardSpec(this.dir, name, true))).db;
      } catch {
        return [];
      }
    }
    const placement = this.placement();
    return Object.values(shard.data.publications).filter((p) => placement.get(p.id) === name);
  }

  /** The shard the catalogue places a publication in (undefined for one the library does not hold). */
  shardOf(id: string): string | undefined {
    return this.placement().get(id);
  }

  /**
   * The shards the catalogue counts, each with its file's signature (inode, size, time; null for
   * one missing), so an index derived from the shards re-reads only those that changed.
   */
  async shardSignatures(): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (const name of Object.keys(this.catalogue.data.shards).filter(isShardName)) out.set(name, await signatureOf(shardPath(this.dir, name)));
    return out;
  }

  /** Each gene's symbol, name and aliases, for search (a gene found by an alias; an alias expands a query). */
  geneNames(): Array<{ symbol: string; name: string; aliases: string[]; publicationCount: number }> {
    return geneNamesOf(Object.values(this.catalogue.data.genes));
  }

  /**
   * Who is who in the library (PMID, DOI, title key per publication), for an import's duplicate
   * check: those `keep` accepts (all without it), from identity.log at the catalogue's
   * generation, or, when it cannot give that, built again (and written whole with the next change).
   */
  async identities(keep?: KeepIdentity): Promise<Identity[]> {
    const mark = markOf(this.catalogue.data);
    const log = await readIdentityLog(identityFile(this.dir), mark, keep);
    if (log) return [...log.values()];
    this.identityNeedsWhole = true;
    const all = await this.rebuiltIdentities(mark.generation);
    // Kept for the change this read usually comes before (an import's commit), which writes the log whole from it.
    this.rebuilt = { ...mark, all };
    return keep ? all.filter((x) => keep(x.pmid ?? '', x.doi ?? '', x.key)) : all;
  }

  /** The index built again: from an older version's identity.json when it is of this generation (far quicker), else from the shards. */
  private async rebuiltIdentities(generation: number): Promise<Identity[]> {
    const legacy = await readLegacyIdentities(legacyIdentityFile(this.dir), generation);
    if (legacy) return legacy;
    // Shard by shard, each let go once its identities are taken: what is held is the index, not the library.
    const out: Identity[] = [];
    await this.eachStoredPublication((p) => out.push(identityOf(p)));
    return out;
  }

  /**
   * Where this change's lines go in identity.log, at the generation it starts from: found from the
   * log's end, or the log written whole first (it has outgrown its appended lines, is out of step
   * or missing, or an older version's identity.json is to be replaced).
   */
  private async identityLogEnd(mark: CatalogueMark): Promise<LogEnd> {
    const file = identityFile(this.dir);
    const at = this.identityNeedsWhole ? null : await findLogEnd(file, mark);
    if (at && !at.outgrown) return at;
    const log = at ? await readIdentityLog(file, mark) : null;
    const rebuilt = this.rebuilt?.generation === mark.generation && this.rebuilt.stamp === mark.stamp ? this.rebuilt.all : null;
    const size = await writeWholeLog(file, log ? log.values() : (rebuilt ?? (await this.rebuiltIdentities(mark.generation))), mark);
    this.identityNeedsWhole = false;
    this.rebuilt = null;
    await unlink(legacyIdentityFile(this.dir)).catch(() => {});
    return { end: size, size, outgrown: false };
  }

  /** Ids of a gene's publications; empty for a gene not in the library. */
  publicationIdsOf(symbol: string): Set<string> {
    return new Set(own(this.catalogue.data.genes, symbol.toUpperCase())?.publicationIds ?? []);
  }

  /**
   * Adds publications to a gene in one write (a reference export attached to it), making the gene
   * by its symbol when the library has none. Publications already stored are replaced by the
   * merged copy the caller worked out; the gene's own order is kept and new ones follow it.
   */
  addPublications(symbol: string, publications: Publication[], importedFrom: string, record?: ImportRecord, now = new Date()): Promise<{ created: boolean }> {
    return this.changeLibrary((draft) => {
      const key = symbol.toUpperCase();
      const existing = own(draft.genes, key);
      const { publications: _none, ...fresh } = geneWithSymbol(symbol);
      // A new record of the gene, never the stored one changed in place (memory keeps it until the write is done).
      const gene: StoredGene = existing ? { ...existing, publicationIds: [...existing.publicationIds] } : { ...fresh, publicationIds: [], runs: [], importedAt: now.toISOString(), importedFrom };
      const ids = new Set(gene.publicationIds);
      for (const p of publications) {
        draft.put(p);
        if (!ids.has(p.id)) {
          gene.publicationIds.push(p.id);
          ids.add(p.id);
        }
      }
      // The gene's own provenance (its page, its chain of imports) stays; this import joins the chain.
      const provenance = record ? { ...gene.provenance, imports: withImport(gene.provenance?.imports, record) } : gene.provenance;
      setOwn(draft.genes, key, { ...gene, provenance, importedAt: now.toISOString(), importedFrom });
      return { created: !existing };
    });
  }

  /** Takes a gene out of the library. Listed publications stay listed, from their snapshots. */
  removeGene(symbol: string): Promise<boolean> {
    return this.changeLibrary((draft) => {
      const key = symbol.toUpperCase();
      if (!own(draft.genes, key)) return false;
      delete draft.genes[key];
      return true;
    });
  }

  /**
   * One library change, writing only the shards it touches, in an order that keeps the library
   * whole if the process dies between two files: user.json first when listed papers leave the
   * library (their snapshots), then the shards that gain or change publications, the change's
   * lines in identity.log, the catalogue, and last the shards losing publications no gene cites
   * any more. Everything that must be read is read before anything in memory changes; if a write
   * fails, memory is put back and the shards already rewritten get their old content again, so
   * the library is as it was (identity.log's lines past the catalogue's generation are left out).
   * (The catalogue is rewritten whole: its size follows the number of publications, about 1.6 MB
   * at 100,000 and 16 MB at a million; identity.log only has lines appended.)
   */
  private changeLibrary<R>(change: (draft: LibraryChange) => R): Promise<R> {
    return this.serial(async () => {
      if (this.readOnly) throw new StoreError('this library was opened read-only (a dry run); nothing was written');
      const before = this.catalogue.data;
      const genes = { ...before.genes };
      const puts = new Map<string, Publication>();
      const result = change({ genes, put: (p) => puts.set(p.id, p) });
      const placement = this.placement();
      // The plan, with nothing in memory changed yet.
      const { next, changedKeys, placed, removals, additions } = planChange(before, genes, puts, placement);
      next.stamp = randomBytes(6).toString('hex');

      // Everything read before anything in the library changes: where identity.log takes this
      // change's lines (the log written whole first if it must be: derived data, right for the
      // catalogue as it is), the snapshots of listed papers that leave (refused if one cannot be
      // read), the shards to write.
      const logEnd = await this.identityLogEnd(markOf(before));
      const userChange = await this.snapshotsForLeaving(removals);
      const shards = new Map<string, Low<ShardData>>();
      for (const name of additions.keys()) shards.set(name, await this.shards.get(name));

      // Now memory and files change together; what was changed is noted, to be put back.
      const placedBefore = new Map<string, string | undefined>();
      const rewritten: Array<{ name: string; shard: Low<ShardData>; data: ShardData }> = [];
      const setPlacement = (id: string, name: string | undefined) => {
        if (!placedBefore.has(id)) placedBefore.set(id, placement.get(id));
        if (name === undefined) placement.delete(id);
        else placement.set(id, name);
      };
      try {
        for (const [id, name] of placed) setPlacement(id, name);
        for (const list of removals.values()) for (const id of list) setPlacement(id, undefined);
        // Each changed gene's runs of shards, from the placement as it now is.
        for (const key of changedKeys) {
          const gene = own(genes, key);
          if (gene) setOwn(genes, key, { ...gene, runs: runsOf(gene.publicationIds, (id) => placement.get(id)) });
        }

        if (userChange) await this.writeUser(userChange);
        for (const [name, list] of additions) {
          const shard = shards.get(name)!;
          const publications = { ...shard.data.publications };
          for (const p of list) setOwn(publications, p.id, p);
          const previous = shard.data;
          await this.writeShard(name, shard, { ...shard.data, publications });
          rewritten.push({ name, shard, data: previous });
        }
        this.guard?.check();
        const letGo = [...removals.values()].flat();
        const stored = [...additions.values()].flatMap((list) => list.map(identityOf));
        await appendChange(identityFile(this.dir), logEnd, changeLines(stored, letGo, markOf(next)));
        await this.write(LibraryStore.libraryFile(this.dir), this.catalogue, next);
      } catch (error) {
        for (const [id, name] of placedBefore) {
          if (name === undefined) placement.delete(id);
          else placement.set(id, name);
        }
        // A changed publication must not show its new text after a change that failed.
        for (const { name, shard, data } of rewritten.reverse()) await this.write(shardPath(this.dir, name), shard, data).catch(() => {});
        this.revision++;
        throw error;
      }
      this.updateGenesIndex(before.genes, genes, changedKeys);
      this.revision++;
      // The change is on disk: a shard that cannot be tidied keeps a copy no gene cites, which is
      // never seen, and is tidied at its next change.
      for (const [name, ids] of removals) {
        try {
          const shard = await this.shards.get(name);
          const publications = { ...shard.data.publications };
          for (const id of ids) delete publications[id];
          await this.writeShard(name, shard, { ...shard.data, publications });
        } catch {
          // As said above.
        }
      }
      return result;
    });
  }

  /**
   * user.json with a snapshot of each listed publication in `removals`, read from its shard before
   * it goes, with the genes that cite it before this change; null when none is listed. A listed
   * paper that cannot be read (its shard damaged) stops the change: it would leave the list.
   */
  private async snapshotsForLeaving(removals: Map<string, string[]>): Promise<UserData | null> {
    const data = this.user.data;
    const listed = this.listedIn(data);
    let draft: UserData | null = null;
    for (const [name, ids] of removals) {
      const mine = ids.filter((id) => listed.has(id));
      if (!mine.length) continue;
      const shard = await this.shards.get(name);
      draft ??= draftOfUser(data);
      for (const id of mine) {
        const p = own(shard.data.publications, id);
        if (!p) throw new StoreError(`${shardSpec(this.dir, name, true).label} does not hold ${id}, which a reading list holds, so it cannot be copied into the list before it leaves the library; nothing was changed. Restore the file first ("geneshelf doctor" shows its backups).`);
        setOwn(draft.snapshots, id, { ...p, genes: this.genesCiting(id) });
      }
    }
    return draft;
  }

  /** The user's settings, cleaned of values GeneShelf cannot use (cleanSettings). */
  get settings(): UserSettings {
    return cleanSettings(this.user.data.settings);
  }

  get userData(): Readonly<UserData> {
    return this.user.data;
  }

  /**
   * Runs a change to the user's own state and writes user.json alone: a bookmark never rewrites
   * the (possibly large) library, nor reads it. A publication can be listed only while the library
   * holds it or its snapshot is kept; a snapshot goes when no list holds its publication any more.
   */
  changeUser<R>(change: (draft: UserData) => R): Promise<R> {
    return this.serial(async () => {
      const draft = draftOfUser(this.user.data);
      const result = change(draft);
      const listed = bookmarkedIds(draft);
      // Only what this change lists is checked: an entry listed before stays, whatever became of its paper.
      const listedBefore = this.listedIn(this.user.data);
      for (const id of listed) if (!listedBefore.has(id) && !this.holds(id) && !own(draft.snapshots, id)) throw new Error(`No publication with id ${id} is in the library.`);
      // A snapshot goes when no list holds its paper, or when the paper is back in the library (a
      // gene imported again) and was read from its shard: the list reads it from there then. A
      // paper the catalogue places but no shard holds (a restored catalogue) keeps its copy.
      const back = Object.keys(draft.snapshots).filter((id) => listed.has(id) && this.holds(id));
      const readable = back.length ? await this.publications(back) : new Map<string, Publication>();
      for (const id of Object.keys(draft.snapshots)) if (!listed.has(id) || readable.has(id)) delete draft.snapshots[id];
      await this.writeUser(draft);
      this.listed.set(draft, listed);
      return result;
    });
  }

  /** The ids user data lists, worked out once for each written copy (a copy is never changed once written). */
  private readonly listed = new WeakMap<UserData, Set<string>>();
  private listedIn(data: UserData): Set<string> {
    let ids = this.listed.get(data);
    if (!ids) this.listed.set(data, (ids = bookmarkedIds(data)));
    return ids;
  }

  get lastGene(): string | null {
    return this.user.data.lastGene;
  }

  setLastGene(symbol: string | null): Promise<void> {
    return this.changeUser((draft) => {
      draft.lastGene = symbol;
    });
  }

  /** Withdraws the restore offer for damaged files: the damaged copy stays aside, the backups as they are. */
  dismissDamage(files: string[]): Promise<void> {
    return this.serial(async () => {
      for (const file of files) await dismissDamage(file);
    });
  }

  /**
   * Puts the last good copy of a file that was found damaged and moved aside back in place, and
   * reloads it: library.json, user.json, a shard or several.
   */
  restoreBackups(files: string[]): Promise<void> {
    return this.serial(async () => {
      for (const file of files) {
        if (this.readOnly) throw new StoreError('this library was opened read-only (a dry run); nothing was written');
        // Read back by the open's rules (a copy from an older version is migrated, not taken raw);
        // a shard is read again when next needed.
        this.signatures.forget(file);
        this.shards.forget(file);
        // Restored meanwhile by another program (geneshelf restore): only read it back.
        if (!(await readDamageRecord(file))) continue;
        const spec = LibraryStore.files(this.dir).find((f) => f.file === file);
        await restoreBackupFile(file, spec?.version ?? Infinity, new Date(), spec?.oldestBackup ?? 0);
      }
      // Derived from what was there before: built again from the files as restored.
      await unlink(identityFile(this.dir)).catch(() => {});
      await unlink(legacyIdentityFile(this.dir)).catch(() => {});
      this.rebuilt = null;
      await this.reloadChangedFiles();
      this.revision++;
    });
  }
}

