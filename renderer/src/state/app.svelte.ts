import type { GeneListItem, GenePage, ImportPreview, ImportProgress, ImportStep, StoreNotice } from '../../../electron/contract';
import { api } from '../lib/api';
import { warningText } from '../lib/format';
import { messages } from './messages.svelte';
import { reading } from './reading.svelte';

export type View = { kind: 'library' } | { kind: 'gene'; symbol: string } | { kind: 'lists'; listId: string };

/**
 * The app's shared state: which screen is open, the gene list and the open gene page. Components
 * read it and call its methods; this class and the reading-list state are all that talk to the API.
 */
class AppState {
  view = $state<View>({ kind: 'library' });
  // Data from main is replaced whole, never edited in place: raw state skips deep proxies, which
  // matters for a gene with thousands of publications.
  genes = $state.raw<GeneListItem[]>([]);
  gene = $state.raw<GenePage | null>(null);
  notices = $state<StoreNotice[]>([]);
  busy = $state(false);
  libraryFolder = $state('');
  ready = $state(false);

  readonly currentSymbol = $derived(this.view.kind === 'gene' ? this.view.symbol : null);

  async start(): Promise<void> {
    const [start, genes, notices] = await Promise.all([api.startState(), api.listGenes(), api.notices(), reading.load()]);
    this.libraryFolder = start.libraryFolder;
    this.genes = genes;
    this.notices = notices;
    const opening = start.lastGene && genes.some((g) => g.symbol === start.lastGene) ? start.lastGene : genes.length === 1 ? genes[0]!.symbol : null;
    if (opening) await this.openGene(opening, { remember: false });
    this.ready = true;
  }

  async refreshGenes(): Promise<void> {
    this.genes = await api.listGenes();
  }

  async openGene(symbol: string, options: { remember?: boolean } = {}): Promise<void> {
    const view = await api.getGene(symbol);
    if (!view) {
      messages.error(`${symbol} is no longer in the library`);
      this.showLibrary();
      return;
    }
    this.gene = view;
    this.view = { kind: 'gene', symbol: view.gene.symbol };
    if (options.remember !== false) await api.setLastGene(view.gene.symbol);
  }

  showLibrary(): void {
    this.view = { kind: 'library' };
    void api.setLastGene(null);
    // Read again on the way in: the CLI may have changed the library folder meanwhile.
    void this.refreshGenes();
  }

  async showLists(listId = reading.currentId): Promise<void> {
    await reading.open(listId);
    this.view = { kind: 'lists', listId: reading.currentId };
  }

  /** Takes a gene out of the library; its bookmarked publications stay in their lists. */
  async removeGene(symbol: string): Promise<void> {
    const outcome = await api.removeGene(symbol);
    if (!outcome.ok) {
      messages.error(`${symbol} was not removed`, [outcome.message]);
      return;
    }
    reading.state = outcome.state;
    await this.refreshGenes();
    if (this.view.kind === 'gene' && this.view.symbol.toUpperCase() === symbol.toUpperCase()) this.showLibrary();
    messages.show({ tone: 'success', title: `Removed ${symbol} from the library. Publications in your reading lists stay there.`, details: [] });
  }

  // Importing: choose or drop a file, main reads it (reporting progress), the preview shows what it
  // would do, and only Import writes it. Cancel at any point leaves the library as it was.
  importProgress = $state<ImportProgress | null>(null);
  importPreview = $state.raw<ImportPreview | null>(null);
  /** Near matches (by index) the user chose to merge. */
  importMerge = $state<number[]>([]);

  /** Listens for main's progress reports; returns the unsubscribe. */
  watchImportProgress(): () => void {
    return api.onImportProgress((p) => {
      if (this.busy && !this.importPreview) this.importProgress = p;
    });
  }

  async importWithDialog(): Promise<void> {
    await this.beginImport(() => api.importWithDialog(this.currentSymbol));
  }

  async importDropped(file: File): Promise<void> {
    await this.beginImport(() => api.importDroppedFile(file, this.currentSymbol));
  }

  private async beginImport(run: () => Promise<ImportStep>): Promise<void> {
    if (this.busy || this.importPreview) {
      messages.show({ tone: 'info', title: 'Finish the import under way first, then import the next file.', details: [] });
      return;
    }
    this.busy = true;
    this.importProgress = null;
    try {
      this.showImportStep(await run());
    } finally {
      this.busy = false;
      this.importProgress = null;
    }
  }

  private showImportStep(step: ImportStep): void {
    if (step.status === 'cancelled') {
      this.importPreview = null;
      return;
    }
    if (step.status === 'refused') {
      messages.error('Import refused: nothing was changed', [step.message]);
      return;
    }
    if (this.importPreview?.token !== step.preview.token) this.importMerge = [];
    this.importPreview = step.preview;
  }

  async chooseImportGene(symbol: string): Promise<void> {
    if (this.importPreview) this.showImportStep(await api.chooseImportGene(this.importPreview.token, symbol));
  }

  async toggleImportMerge(index: number, merge: boolean): Promise<void> {
    if (!this.importPreview) return;
    this.importMerge = merge ? [...this.importMerge, index] : this.importMerge.filter((i) => i !== index);
    this.showImportStep(await api.reviewImport(this.importPreview.token, this.importMerge));
  }

  /** Stops a read in progress, or closes the preview; either way nothing is written. */
  async cancelImport(): Promise<void> {
    const token = this.importPreview?.token ?? null;
    this.importPreview = null;
    this.importMerge = [];
    await api.cancelImport(token);
  }

  async confirmImport(): Promise<void> {
    const preview = this.importPreview;
    if (!preview || this.busy) return;
    this.busy = true;
    try {
      const outcome = await api.commitImport(preview.token, this.importMerge);
      this.importPreview = null;
      this.importMerge = [];
      if (outcome.status === 'refused') {
        messages.error('Import refused: nothing was changed', [outcome.message]);
        return;
      }
      const { report } = outcome;
      await this.refreshGenes();
      await reading.refresh();
      const first = report.genes[0];
      if (report.genes.length === 1 && first) await this.openGene(first.symbol);
      else if (this.view.kind === 'gene') await this.openGene(this.view.symbol, { remember: false });
      // Said last, once the page shows what was imported.
      const name = report.file.split(/[\\/]/).pop() ?? report.file;
      const c = report.counts;
      messages.show({
        tone: report.warnings.length ? 'info' : 'success',
        title:
          preview.kind === 'publications'
            ? `Imported ${name} into ${report.genes[0]?.symbol}: ${c.new} new, ${c.updated} updated, ${c.duplicate} already there${c.skipped ? `, ${c.skipped} skipped` : ''}`
            : `Imported ${name}: ${report.genes.map((g) => `${g.symbol} ${g.status} (${g.publications} publications)`).join(', ')}`,
        details: report.warnings.map(warningText),
      });
    } finally {
      this.busy = false;
    }
  }

  async exportCurrentGene(): Promise<void> {
    const symbol = this.currentSymbol;
    if (!symbol) {
      messages.show({ tone: 'info', title: 'Open a gene page first, then export it.', details: [] });
      return;
    }
    await this.exportGenes([symbol]);
  }

  /** One gene, or a panel: a selection from the library saved as one gene file. */
  async exportGenes(symbols: string[]): Promise<void> {
    const outcome = await api.exportGenes(symbols);
    if (outcome.status === 'cancelled') return;
    const what = symbols.length === 1 ? symbols[0] : `${symbols.length} genes (${symbols.join(', ')})`;
    messages.show(
      outcome.status === 'exported'
        ? { tone: 'success', title: `Exported ${what} with ${outcome.publications} publications`, details: [outcome.file] }
        : { tone: 'error', title: 'Export failed', details: [outcome.message] },
    );
  }

  async restoreBackup(): Promise<void> {
    this.notices = await api.restoreLibraryBackup();
    await this.refreshGenes();
    await reading.refresh();
    messages.show({ tone: 'success', title: 'The last good copy of the library was restored.', details: [] });
  }
}

export const app = new AppState();
