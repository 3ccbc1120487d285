import type { GeneListItem, GeneView, ImportOutcome, StoreNotice } from '../../../electron/contract';
import { api } from '../lib/api';
import { messages } from './messages.svelte';
import { reading } from './reading.svelte';

export type View = { kind: 'library' } | { kind: 'gene'; symbol: string } | { kind: 'lists'; listId: string };

/**
 * The app's shared state: which screen is open, the gene list and the open gene page. Components
 * read it and call its methods; this class and the reading-list state are all that talk to the API.
 */
class AppState {
  view = $state<View>({ kind: 'library' });
  genes = $state<GeneListItem[]>([]);
  gene = $state<GeneView | null>(null);
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

  async importWithDialog(): Promise<void> {
    await this.runImport(() => api.importWithDialog());
  }

  async importDropped(file: File): Promise<void> {
    await this.runImport(() => api.importDroppedFile(file));
  }

  private async runImport(run: () => Promise<ImportOutcome>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const outcome = await run();
      if (outcome.status === 'cancelled') return;
      if (outcome.status === 'refused') {
        messages.error('Import refused: nothing was changed', [outcome.message]);
        return;
      }
      const { report } = outcome;
      await this.refreshGenes();
      const name = report.file.split(/[\\/]/).pop() ?? report.file;
      await reading.refresh();
      messages.show({
        tone: report.warnings.length ? 'info' : 'success',
        title: `Imported ${name}: ${report.genes.map((g) => `${g.symbol} ${g.status} (${g.publications} publications)`).join(', ')}`,
        details: report.warnings.map((w) => (w.line !== undefined ? `Line ${w.line}: ${w.message}` : w.path ? `${w.path}: ${w.message}` : w.message)),
      });
      const first = report.genes[0];
      if (report.genes.length === 1 && first) await this.openGene(first.symbol);
      else if (this.view.kind === 'gene') await this.openGene(this.view.symbol, { remember: false });
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
    const outcome = await api.exportGene(symbol);
    if (outcome.status === 'cancelled') return;
    messages.show(
      outcome.status === 'exported'
        ? { tone: 'success', title: `Exported ${symbol} with ${outcome.publications} publications`, details: [outcome.file] }
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
