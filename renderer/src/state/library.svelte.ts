import type { Currency, GeneListItem, StoreNotice } from '../../../electron/contract';
import { api } from '../lib/api';
import { messages } from './messages.svelte';
import { reading } from './reading.svelte';

/** The library's genes (the library screen's table, the import dialog's gene choice) and the notices about its files. */
class LibraryState {
  // Replaced whole from main's answers (raw: no deep proxies over long lists).
  #genes = $state.raw<Array<GeneListItem & { currency?: Currency | null }>>([]);
  #notices = $state.raw<StoreNotice[]>([]);

  get genes(): Array<GeneListItem & { currency?: Currency | null }> {
    return this.#genes;
  }

  get notices(): StoreNotice[] {
    return this.#notices;
  }

  has(symbol: string): boolean {
    return this.#genes.some((g) => g.symbol.toUpperCase() === symbol.toUpperCase());
  }

  async load(): Promise<void> {
    const [genes, notices] = await Promise.all([api.listGenes(), api.notices()]);
    if (genes.ok) this.#genes = genes.value;
    if (notices.ok) this.#notices = notices.value;
  }

  /** Read again: an import, a removal, or the CLI may have changed the library folder meanwhile. */
  async refresh(): Promise<void> {
    const reply = await api.listGenes();
    if (reply.ok) this.#genes = reply.value;
  }

  /** Takes a gene out of the library; its bookmarked publications stay in their lists. True when it went. */
  async removeGene(symbol: string): Promise<boolean> {
    const reply = await api.removeGene(symbol);
    if (!reply.ok) {
      messages.error(`${symbol} was not removed`, [reply.message]);
      return false;
    }
    await Promise.all([this.refresh(), reading.refresh()]);
    messages.success(`Removed ${symbol} from the library. Publications in your reading lists stay there.`);
    return true;
  }

  /** One gene, or a panel: a selection from the library saved as one gene file. */
  async exportGenes(symbols: string[]): Promise<void> {
    const reply = await api.exportGenes(symbols);
    if (!reply.ok) {
      messages.error('Export failed', [reply.message]);
      return;
    }
    const outcome = reply.value;
    if (outcome.status === 'cancelled') return;
    const what = symbols.length === 1 ? symbols[0] : `${symbols.length} genes (${symbols.join(', ')})`;
    messages.success(`Exported ${what} with ${outcome.publications} publications`, [outcome.file]);
  }

  async restoreBackup(): Promise<void> {
    const reply = await api.restoreLibraryBackup();
    if (!reply.ok) {
      messages.error('The last good copy could not be restored', [reply.message]);
      return;
    }
    this.#notices = reply.value;
    await Promise.all([this.refresh(), reading.refresh()]);
    messages.success('The last good copy of the library was restored.');
  }

  /** Goes on without the last good copy: the damaged file stays aside, the offer is withdrawn. */
  async startAfresh(): Promise<void> {
    const reply = await api.startLibraryAfresh();
    if (!reply.ok) {
      messages.error('The notice could not be dismissed', [reply.message]);
      return;
    }
    this.#notices = reply.value;
    messages.success('GeneShelf goes on without the damaged file, which stays where it was moved; the last good copies are kept until three newer ones replace them.');
  }

  reset(): void {
    this.#genes = [];
    this.#notices = [];
  }
}

export const library = new LibraryState();
