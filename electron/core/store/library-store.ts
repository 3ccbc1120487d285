import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import type { Gene, Publication } from '../model';
import { publicationId } from '../identity';
import { openVersionedFile, restoreBackupFile, type Migration, type StoreNotice } from './versioned-file';

/**
 * The library on disk: two lowdb files in one folder, because they change at different rates.
 *  - library.json: reference content (genes and their publications), written on import.
 *  - user.json: the user's own state, written on every click; small, so a click stays cheap
 *    however large the library grows.
 */

export const LIBRARY_SCHEMA_VERSION = 1;
export const USER_SCHEMA_VERSION = 1;

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

export interface UserData {
  schemaVersion: number;
  /** The gene page open when the app last closed, reopened on start. */
  lastGene: string | null;
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
const emptyUser = (): UserData => ({ schemaVersion: USER_SCHEMA_VERSION, lastGene: null });

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
        out.publications[id] = { ...p, id };
        return id;
      });
      out.genes[rest.symbol.toUpperCase()] = { ...rest, publicationIds: ids, importedAt: '', importedFrom: '' };
    }
    return out as unknown as Record<string, unknown>;
  },
};

export class LibraryStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private library: Low<LibraryData>,
    private user: Low<UserData>,
    readonly firstRun: boolean,
    readonly notices: StoreNotice[],
  ) {}

  static libraryFile(dir: string): string {
    return join(dir, 'library.json');
  }

  static userFile(dir: string): string {
    return join(dir, 'user.json');
  }

  static async open(dir: string, now = new Date()): Promise<LibraryStore> {
    await mkdir(dir, { recursive: true });
    const library = await openVersionedFile<LibraryData>(
      {
        file: LibraryStore.libraryFile(dir),
        label: 'The library file (library.json)',
        version: LIBRARY_SCHEMA_VERSION,
        defaults: emptyLibrary,
        migrations: LIBRARY_MIGRATIONS,
        compact: true,
      },
      now,
    );
    const user = await openVersionedFile<UserData>(
      { file: LibraryStore.userFile(dir), label: 'Your reading state (user.json)', version: USER_SCHEMA_VERSION, defaults: emptyUser, migrations: {} },
      now,
    );
    return new LibraryStore(dir, library.db, user.db, library.created, [...library.notices, ...user.notices]);
  }

  /** Runs writes one after another, so two quick imports never interleave their read-modify-write. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => {});
    return next;
  }

  listGenes(): GeneListItem[] {
    return Object.values(this.library.data.genes)
      .map((g) => ({ symbol: g.symbol, name: g.name, location: g.location, publicationCount: g.publicationIds.length, importedAt: g.importedAt }))
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  getGene(symbol: string): Gene | undefined {
    const stored = this.library.data.genes[symbol.toUpperCase()];
    if (!stored) return undefined;
    const { publicationIds, importedAt: _importedAt, importedFrom: _importedFrom, ...gene } = stored;
    const publications = publicationIds.map((id) => this.library.data.publications[id]).filter((p): p is Publication => !!p);
    return { ...gene, publications };
  }

  /** Adds or replaces genes in one write. A gene imported again is updated in place. */
  saveGenes(genes: Gene[], importedFrom: string, now = new Date()): Promise<SaveResult> {
    return this.serial(async () => {
      const data = structuredClone(this.library.data);
      const result: SaveResult = { added: [], updated: [] };
      for (const gene of genes) {
        const key = gene.symbol.toUpperCase();
        (data.genes[key] ? result.updated : result.added).push(gene.symbol);
        const { publications, ...rest } = gene;
        for (const p of publications) data.publications[p.id] = p;
        data.genes[key] = { ...rest, publicationIds: publications.map((p) => p.id), importedAt: now.toISOString(), importedFrom };
      }
      dropUnreferencedPublications(data);
      // Only swap the data in once it is safely on disk: a failed write leaves memory as the file.
      const previous = this.library.data;
      this.library.data = data;
      try {
        await this.library.write();
      } catch (error) {
        this.library.data = previous;
        throw error;
      }
      return result;
    });
  }

  get lastGene(): string | null {
    return this.user.data.lastGene;
  }

  setLastGene(symbol: string | null): Promise<void> {
    return this.serial(async () => {
      this.user.data.lastGene = symbol;
      await this.user.write();
    });
  }

  /** Puts library.json's last good copy back after a damaged file was moved aside, and reloads it. */
  restoreLibraryBackup(): Promise<void> {
    return this.serial(async () => {
      await restoreBackupFile(LibraryStore.libraryFile(this.dir));
      await this.library.read();
    });
  }
}

function dropUnreferencedPublications(data: LibraryData): void {
  const used = new Set(Object.values(data.genes).flatMap((g) => g.publicationIds));
  for (const id of Object.keys(data.publications)) if (!used.has(id)) delete data.publications[id];
}
