import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Low } from 'lowdb';
import { geneWithSymbol, type Gene, type Publication } from '../model';
import { publicationId } from '../identity';
import { StoreError } from '../errors';
import { withFolderLock, type LockGuard, type LockOptions } from './folder-lock';
import { own, setOwn } from '../../shared/own';
import { dismissDamage, openVersionedFile, readDamageRecord, restoreBackupFile, type Migration, type StoreNotice, type VersionedFileSpec } from './versioned-file';
import { USER_MIGRATIONS, USER_SCHEMA_VERSION, bookmarkedIds, draftOfUser, emptyUser, type PublicationSnapshot, type UserData } from './user-data';

/**
 * The library on disk: two lowdb files in one folder, because they change at different rates.
 *  - library.json: reference content (genes and their publications), written on import.
 *  - user.json: the user's own state, written on every click; small, so a click stays cheap
 *    however large the library grows.
 */

export const LIBRARY_SCHEMA_VERSION = 1;
export { USER_SCHEMA_VERSION };

export interface StoredGene extends Omit<Gene, 'publications'> {
  publicationIds: string[];
  importedAt: string;
  importedFrom: string;
}

export interface LibraryData {
  schemaVersion: number;
  /** Keyed by upper-cased symbol, so "ikzf1" and "IKZF1" are one gene. */
  genes: Record<string, StoredGene>;
  /** Shared by every gene that cites them, keyed by publication id. */
  publications: Record<string, Publication>;
}

export interface GeneListItem {
  symbol: string;
  name: string;
  location: string;
  publicationCount: number;
  importedAt: string;
}

export interface SaveResult {
  added: string[];
  updated: string[];
}

const emptyLibrary = (): LibraryData => ({ schemaVersion: LIBRARY_SCHEMA_VERSION, genes: {}, publications: {} });

/**
 * Schema 0 is the pre-release layout, which stored a gene file as it came ({ genes: Gene[] } with
 * publications inline). Schema 1 shares publications between genes by id.
 */
export const LIBRARY_MIGRATIONS: Record<number, Migration> = {
  0: (data) => {
    const out = emptyLibrary();
    const genes = Array.isArray(data.genes) ? (data.genes as Gene[]) : [];
    for (const gene of genes) {
      const { publications = [], ...rest } = gene;
      const ids = publications.map((p) => {
        const id = p.id || publicationId(p);
        setOwn(out.publications, id, { ...p, id });
        return id;
      });
      setOwn(out.genes, rest.symbol.toUpperCase(), { ...rest, publicationIds: ids, importedAt: '', importedFrom: '' });
    }
    return out as unknown as Record<string, unknown>;
  },
};

export class LibraryStore {
  private queue: Promise<unknown> = Promise.resolve();
  /** Which genes cite each publication; rebuilt lazily after the library changes. */
  private genesIndex: Map<string, string[]> | null = null;
  /** Goes up with every change to the library, so views built from it know when they are stale. */
  revision = 0;

  private constructor(
    readonly dir: string,
    private library: Low<LibraryData>,
    private user: Low<UserData>,
    readonly firstRun: boolean,
    readonly notices: StoreNotice[],
    readonly readOnly = false,
  ) {}

  static libraryFile(dir: string): string {
    return join(dir, 'library.json');
  }

  static userFile(dir: string): string {
    return join(dir, 'user.json');
  }

  static async open(dir: string, now = new Date(), options: { readOnly?: boolean; lock?: LockOptions } = {}): Promise<LibraryStore> {
    const readOnly = options.readOnly ?? false;
    if (!readOnly) await mkdir(dir, { recursive: true });
    const openAndRemember = async () => {
      const store = await LibraryStore.openFiles(dir, now, readOnly);
      // Inside the lock: a writer waiting for it must not write between the open and this.
      for (const file of [LibraryStore.libraryFile(dir), LibraryStore.userFile(dir)]) await store.remember(file);
      return store;
    };
    // Opening writes too (a first run's files, a migration, backups): inside the lock, but for a dry run.
    const opened = readOnly ? await openAndRemember() : await withFolderLock(dir, openAndRemember, options.lock);
    opened.lockOptions = options.lock ?? {};
    return opened;
  }

  /** The library's files, each with what a person calls it (the doctor's report, notices). */
  static files(dir: string): Array<{ file: string; label: string; version: number }> {
    const specs = LibraryStore.specs(dir, new Date(), true);
    return [specs.library, specs.user].map(({ file, label, version }) => ({ file, label, version }));
  }

  /** How each of the two files is opened: the one set of rules for a first open and a re-read alike. */
  private static specs(dir: string, now: Date, readOnly: boolean) {
    return {
      library: {
        file: LibraryStore.libraryFile(dir),
        label: 'The library file (library.json)',
        version: LIBRARY_SCHEMA_VERSION,
        defaults: emptyLibrary,
        migrations: LIBRARY_MIGRATIONS,
        compact: true,
        readOnly,
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

  private static async openFiles(dir: string, now: Date, readOnly: boolean): Promise<LibraryStore> {
    const specs = LibraryStore.specs(dir, now, readOnly);
    const library = await openVersionedFile<LibraryData>(specs.library, now);
    const user = await openVersionedFile<UserData>(specs.user, now);
    return new LibraryStore(dir, library.db, user.db, library.created, [...library.notices, ...user.notices], readOnly);
  }

  /**
   * Runs writes one after another, so two quick changes never interleave their read-modify-write,
   * and each inside the folder's lock, after re-reading any file another process wrote since this
   * one last read or wrote it: every change that any writer reported done stays on disk.
   */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const locked = () => withFolderLock(this.dir, async (guard) => {
      this.guard = guard;
      try {
        await this.reloadChangedFiles();
        return await task();
      } finally {
        this.guard = null;
      }
    }, this.lockOptions);
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
  private readonly signatures = new Map<string, string>();
  lockOptions: LockOptions = {};

  private async signatureOf(file: string): Promise<string | null> {
    try {
      const s = await stat(file);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return null;
    }
  }

  private async remember(file: string): Promise<void> {
    const sig = await this.signatureOf(file);
    if (sig) this.signatures.set(file, sig);
  }

  private readonly otherWriterListeners = new Set<() => void>();

  /** Told whenever a re-read finds what another process wrote (at a write of this one, or a poll). */
  onOtherWriter(listener: () => void): () => void {
    this.otherWriterListeners.add(listener);
    return () => this.otherWriterListeners.delete(listener);
  }

  /**
   * Re-reads a file another process has written since; true when one was. The file is read by the
   * same rules as at open (version check, migrations in memory, damage refused) but read-only:
   * nothing is written, moved or backed up here. A file that cannot be read stops the change.
   */
  async reloadChangedFiles(): Promise<boolean> {
    const specs = LibraryStore.specs(this.dir, new Date(), true);
    let changed = false;
    for (const [spec, db] of [[specs.library, this.library], [specs.user, this.user]] as const) {
      const sig = await this.signatureOf(spec.file);
      if (sig === null || sig === this.signatures.get(spec.file)) continue;
      try {
        const fresh = await openVersionedFile(spec as VersionedFileSpec<{ schemaVersion: number }>);
        (db as Low<unknown>).data = fresh.db.data;
      } catch (error) {
        throw new StoreError(`${basename(spec.file)} was changed by another program and can no longer be read (${(error as Error).message}); nothing was written`);
      }
      this.signatures.set(spec.file, sig);
      changed = true;
    }
    if (changed) {
      this.genesIndex = null;
      this.revision++;
      for (const listener of this.otherWriterListeners) listener();
    }
    return changed;
  }

  /**
   * Changes a copy of the data and writes it; memory takes the copy only once it is safely on
   * disk, so a change that throws or fails to write leaves both exactly as they were.
   */
  private async commit<T, R>(db: Low<T>, change: (draft: T) => R, copy: (data: T) => T = structuredClone): Promise<R> {
    if (this.readOnly) throw new StoreError('this library was opened read-only (a dry run); nothing was written');
    const draft = copy(db.data);
    const result = change(draft);
    const previous = db.data;
    db.data = draft;
    try {
      this.guard?.check();
      await db.write();
    } catch (error) {
      db.data = previous;
      throw error;
    }
    await this.remember(db === (this.library as unknown) ? LibraryStore.libraryFile(this.dir) : LibraryStore.userFile(this.dir));
    return result;
  }

  listGenes(): GeneListItem[] {
    return Object.values(this.library.data.genes)
      .map((g) => ({ symbol: g.symbol, name: g.name, location: g.location, publicationCount: g.publicationIds.length, importedAt: g.importedAt }))
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  getGene(symbol: string): Gene | undefined {
    const stored = own(this.library.data.genes, symbol.toUpperCase());
    if (!stored) return undefined;
    const { publicationIds, importedAt: _importedAt, importedFrom: _importedFrom, ...gene } = stored;
    const publications = publicationIds.map((id) => own(this.library.data.publications, id)).filter((p): p is Publication => !!p);
    return { ...gene, publications };
  }

  getPublication(id: string): Publication | undefined {
    return own(this.library.data.publications, id);
  }

  /** The symbols of the genes in the library that cite a publication. */
  genesCiting(id: string): string[] {
    if (!this.genesIndex) {
      const index = new Map<string, string[]>();
      for (const gene of Object.values(this.library.data.genes)) {
        for (const pid of gene.publicationIds) {
          const list = index.get(pid);
          if (list) list.push(gene.symbol);
          else index.set(pid, [gene.symbol]);
        }
      }
      this.genesIndex = index;
    }
    return this.genesIndex.get(id) ?? [];
  }

  /** Adds or replaces genes in one write. A gene imported again is updated in place. */
  saveGenes(genes: Gene[], importedFrom: string, now = new Date()): Promise<SaveResult> {
    return this.changeLibrary((data) => {
      const result: SaveResult = { added: [], updated: [] };
      for (const gene of genes) {
        const key = gene.symbol.toUpperCase();
        (own(data.genes, key) ? result.updated : result.added).push(gene.symbol);
        const { publications, ...rest } = gene;
        for (const p of publications) setOwn(data.publications, p.id, p);
        setOwn(data.genes, key, { ...rest, publicationIds: publications.map((p) => p.id), importedAt: now.toISOString(), importedFrom });
      }
      return result;
    });
  }

  /** Every publication the library holds, whatever gene cites it. */
  allPublications(): Iterable<Publication> {
    return Object.values(this.library.data.publications);
  }

  /** Ids of a gene's publications; empty for a gene not in the library. */
  publicationIdsOf(symbol: string): Set<string> {
    return new Set(own(this.library.data.genes, symbol.toUpperCase())?.publicationIds ?? []);
  }

  /**
   * Adds publications to a gene in one write (a reference export attached to it), making the gene
   * by its symbol when the library has none. Publications already stored are replaced by the
   * merged copy the caller worked out; the gene's own order is kept and new ones follow it.
   */
  addPublications(symbol: string, publications: Publication[], importedFrom: string, now = new Date()): Promise<{ created: boolean }> {
    return this.changeLibrary((data) => {
      const key = symbol.toUpperCase();
      const created = !own(data.genes, key);
      const { publications: _none, ...fresh } = geneWithSymbol(symbol);
      const existing = own(data.genes, key);
      // A new record of the gene, never the stored one changed in place (the draft shares it).
      const gene = existing ? { ...existing, publicationIds: [...existing.publicationIds] } : { ...fresh, publicationIds: [], importedAt: now.toISOString(), importedFrom };
      const ids = new Set(gene.publicationIds);
      for (const p of publications) {
        setOwn(data.publications, p.id, p);
        if (!ids.has(p.id)) {
          gene.publicationIds.push(p.id);
          ids.add(p.id);
        }
      }
      setOwn(data.genes, key, { ...gene, importedAt: now.toISOString(), importedFrom });
      return { created };
    });
  }

  /** Takes a gene out of the library. Listed publications stay listed, from their snapshots. */
  removeGene(symbol: string): Promise<boolean> {
    return this.changeLibrary((data) => {
      const key = symbol.toUpperCase();
      if (!own(data.genes, key)) return false;
      delete data.genes[key];
      return true;
    });
  }

  /**
   * One library change: reference content first, then the snapshots of listed publications
   * refreshed from it, so lists show the newest text and keep what the library dropped.
   */
  private changeLibrary<R>(change: (draft: LibraryData) => R): Promise<R> {
    return this.serial(async () => {
      const result = await this.commit(
        this.library,
        (data) => {
          const r = change(data);
          dropUnreferencedPublications(data);
          return r;
        },
        draftOfLibrary,
      );
      this.genesIndex = null;
      this.revision++;
      await this.refreshSnapshots();
      return result;
    });
  }

  private async refreshSnapshots(): Promise<void> {
    const current = this.user.data.snapshots;
    const next: Record<string, PublicationSnapshot> = {};
    let changed = false;
    for (const id of bookmarkedIds(this.user.data)) {
      const fresh = this.snapshotOf(id) ?? own(current, id);
      if (!fresh) continue;
      setOwn(next, id, fresh);
      if (JSON.stringify(fresh) !== JSON.stringify(own(current, id))) changed = true;
    }
    if (changed || Object.keys(next).length !== Object.keys(current).length) {
      await this.commit(
        this.user,
        (draft) => {
          draft.snapshots = next;
        },
        draftOfUser,
      );
    }
  }

  /** The library's copy of a publication with the genes citing it, or undefined when it holds none. */
  private snapshotOf(id: string): PublicationSnapshot | undefined {
    const p = own(this.library.data.publications, id);
    if (!p) return undefined;
    // A gene removed since keeps its name on the snapshot, so the list can still say where it came from.
    const genes = this.genesCiting(id);
    return { ...p, genes: genes.length ? genes : (own(this.user.data.snapshots, id)?.genes ?? []) };
  }

  get userData(): Readonly<UserData> {
    return this.user.data;
  }

  /**
   * Runs a change to the user's own state and writes user.json alone: a bookmark never rewrites
   * the (possibly large) library. Snapshots follow the lists: added for every newly listed
   * publication, dropped for one no list holds any more.
   */
  changeUser<R>(change: (draft: UserData) => R): Promise<R> {
    return this.serial(() =>
      this.commit(this.user, (draft) => {
        const result = change(draft);
        const listed = bookmarkedIds(draft);
        for (const id of listed) {
          if (!own(draft.snapshots, id)) {
            const snapshot = this.snapshotOf(id);
            if (!snapshot) throw new Error(`No publication with id ${id} is in the library.`);
            setOwn(draft.snapshots, id, snapshot);
          }
        }
        for (const id of Object.keys(draft.snapshots)) if (!listed.has(id)) delete draft.snapshots[id];
        return result;
      }, draftOfUser),
    );
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
   * reloads it: library.json, user.json or both.
   */
  restoreBackups(files: string[]): Promise<void> {
    return this.serial(async () => {
      for (const file of files) {
        if (this.readOnly) throw new StoreError('this library was opened read-only (a dry run); nothing was written');
        // Restored meanwhile by another program (geneshelf restore): only read it back.
        if (!(await readDamageRecord(file))) {
          this.signatures.delete(file);
          continue;
        }
        await restoreBackupFile(file, LibraryStore.files(this.dir).find((f) => f.file === file)?.version ?? Infinity);
        // Read back by the open's rules: a copy from an older version is migrated, not taken raw.
        this.signatures.delete(file);
      }
      await this.reloadChangedFiles();
    });
  }
}

/**
 * A copy of the library to change and write. Genes and publications are only ever added, replaced
 * or deleted whole by a change, never edited in place, so the two records are copied shallowly:
 * an import into a library of 100,000 publications no longer clones them all (that clone was
 * most of the time and memory of the import).
 */
function draftOfLibrary(data: LibraryData): LibraryData {
  return { ...data, genes: { ...data.genes }, publications: { ...data.publications } };
}

function dropUnreferencedPublications(data: LibraryData): void {
  const used = new Set(Object.values(data.genes).flatMap((g) => g.publicationIds));
  for (const id of Object.keys(data.publications)) if (!used.has(id)) delete data.publications[id];
}
