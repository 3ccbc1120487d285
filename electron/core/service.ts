import { access } from 'node:fs/promises';
import type { ImportWarning } from './model';
import { ImportError, formatProblem, writeFailureReason } from './errors';
import { readImportFile, type ImportFormat } from './import/read-import';
import { serialiseGeneFile } from './genefile/write-genefile';
import { writeFileAtomic } from './store/atomic-json-file';
import { LibraryStore, type GeneListItem } from './store/library-store';
import type { StoreNotice } from './store/versioned-file';
import { buildGeneView, type GeneView } from './gene-view';

/** Writes a gene file atomically; a failure becomes one sentence naming the file. */
export async function writeGeneFile(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    throw new Error(formatProblem(file, `cannot save: ${writeFailureReason(error)}`));
  }
}

export interface ImportReport {
  file: string;
  format: ImportFormat;
  genes: Array<{ symbol: string; name: string; status: 'added' | 'updated'; publications: number }>;
  warnings: ImportWarning[];
}

/**
 * The one service behind the app's IPC handlers and the CLI: every product rule reached from
 * outside goes through here, so both front doors behave the same.
 */
export class LibraryService {
  private constructor(
    readonly store: LibraryStore,
    private notices: StoreNotice[],
  ) {}

  /**
   * Opens the library in `dir`. On a first run (no library yet) the bundled sample is imported,
   * so a new user sees a gene page at once.
   */
  static async open(dir: string, options: { samplePath?: string } = {}): Promise<LibraryService> {
    const store = await LibraryStore.open(dir);
    const service = new LibraryService(store, [...store.notices]);
    if (store.firstRun && options.samplePath) {
      try {
        await access(options.samplePath);
        await service.importFile(options.samplePath);
      } catch (error) {
        service.notices.push({
          kind: 'sample-failed',
          file: options.samplePath,
          message: `The bundled sample could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    return service;
  }

  getNotices(): StoreNotice[] {
    return this.notices;
  }

  listGenes(): GeneListItem[] {
    return this.store.listGenes();
  }

  getGeneView(symbol: string): GeneView | null {
    const gene = this.store.getGene(symbol);
    return gene ? buildGeneView(gene) : null;
  }

  /** Reads, parses and validates the file, then commits it in one write. Throws ImportError; the library is then unchanged. */
  async importFile(file: string): Promise<ImportReport> {
    const parsed = await readImportFile(file);
    if (parsed.genes.length === 0) throw new ImportError(file, 'the gene file holds no genes');
    const saved = await this.store.saveGenes(parsed.genes, file);
    const added = new Set(saved.added);
    return {
      file,
      format: parsed.format,
      genes: parsed.genes.map((g) => ({ symbol: g.symbol, name: g.name, status: added.has(g.symbol) ? 'added' : 'updated', publications: g.publications.length })),
      warnings: parsed.warnings,
    };
  }

  /** Writes the named genes as one gene file. Unknown symbols are an error, not a silent gap. */
  async exportGenes(symbols: string[], file: string): Promise<{ file: string; genes: number; publications: number }> {
    const genes = symbols.map((s) => {
      const gene = this.store.getGene(s);
      if (!gene) throw new Error(`${s} is not in the library`);
      return gene;
    });
    await writeGeneFile(file, serialiseGeneFile(genes));
    return { file, genes: genes.length, publications: genes.reduce((n, g) => n + g.publications.length, 0) };
  }

  get lastGene(): string | null {
    return this.store.lastGene;
  }

  setLastGene(symbol: string | null): Promise<void> {
    return this.store.setLastGene(symbol);
  }

  async restoreLibraryBackup(): Promise<void> {
    await this.store.restoreLibraryBackup();
    this.notices = this.notices.filter((n) => !(n.kind === 'corrupt-moved-aside' && n.file === LibraryStore.libraryFile(this.store.dir)));
  }
}
