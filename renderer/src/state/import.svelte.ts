import type { ImportPreview, ImportProgress, ImportReport, ImportStep, Reply } from '../../../electron/contract';
import { api } from '../lib/api';
import { plural, warningText } from '../lib/format';
import { messages } from './messages.svelte';

/** What the app does once an import is written: refresh what it shows, then open what was imported. */
export type AfterImport = (report: ImportReport) => Promise<void>;

/**
 * Importing: choose or drop a file, main reads it (reporting progress), the preview shows what it
 * would do, and only Import writes it. Cancel at any point leaves the library as it was. One
 * import at a time: a file chosen or dropped while one is under way is refused with a message.
 */
class ImportFlow {
  #busy = $state(false);
  #progress = $state<ImportProgress | null>(null);
  #preview = $state.raw<ImportPreview | null>(null);
  /** Near matches (by index) the user chose to merge. */
  #merge = $state<number[]>([]);
  #afterImport: AfterImport = async () => {};

  get busy(): boolean {
    return this.#busy;
  }

  get progress(): ImportProgress | null {
    return this.#progress;
  }

  get preview(): ImportPreview | null {
    return this.#preview;
  }

  get merge(): number[] {
    return this.#merge;
  }

  /** Set once by App: how the screens catch up with an import. */
  onImported(after: AfterImport): void {
    this.#afterImport = after;
  }

  /** Listens for main's progress reports; returns the unsubscribe. */
  watchProgress(): () => void {
    return api.onImportProgress((p) => {
      if (this.#busy && !this.#preview) this.#progress = p;
    });
  }

  /** `gene`: the gene page open, offered as the home of a reference export's publications. */
  async withDialog(gene: string | null): Promise<void> {
    await this.#begin(() => api.importWithDialog(gene));
  }

  async dropped(file: File, gene: string | null): Promise<void> {
    await this.#begin(() => api.importDroppedFile(file, gene));
  }

  async #begin(run: () => Promise<Reply<ImportStep>>): Promise<void> {
    if (this.#busy || this.#preview) {
      messages.info('Finish the import under way first, then import the next file.');
      return;
    }
    this.#busy = true;
    this.#progress = null;
    try {
      this.#show(await run());
    } finally {
      this.#busy = false;
      this.#progress = null;
    }
  }

  #show(reply: Reply<ImportStep> | Reply<ImportPreview>): void {
    if (!reply.ok) {
      messages.error('Import refused: nothing was changed', [reply.message]);
      return;
    }
    const step: ImportStep = 'status' in reply.value ? reply.value : { status: 'preview', preview: reply.value };
    if (step.status === 'cancelled') {
      this.#preview = null;
      return;
    }
    if (this.#preview?.token !== step.preview.token) this.#merge = [];
    this.#preview = step.preview;
  }

  async chooseGene(symbol: string): Promise<void> {
    if (this.#preview) this.#show(await api.chooseImportGene(this.#preview.token, symbol));
  }

  async toggleMerge(index: number, merge: boolean): Promise<void> {
    if (!this.#preview) return;
    this.#merge = merge ? [...this.#merge, index] : this.#merge.filter((i) => i !== index);
    this.#show(await api.reviewImport(this.#preview.token, this.#merge));
  }

  /** Stops a read in progress, or closes the preview; either way nothing is written. */
  async cancel(): Promise<void> {
    const token = this.#preview?.token ?? null;
    this.#preview = null;
    this.#merge = [];
    await api.cancelImport(token);
  }

  async confirm(): Promise<void> {
    const preview = this.#preview;
    if (!preview || this.#busy) return;
    this.#busy = true;
    try {
      const reply = await api.commitImport(preview.token, this.#merge);
      this.#preview = null;
      this.#merge = [];
      if (!reply.ok) {
        messages.error('Import refused: nothing was changed', [reply.message]);
        return;
      }
      const report = reply.value;
      await this.#afterImport(report);
      // Said last, once the page shows what was imported.
      const name = report.file.split(/[\\/]/).pop() ?? report.file;
      const c = report.counts;
      messages.show({
        tone: report.warnings.length ? 'info' : 'success',
        title:
          preview.kind === 'publications'
            ? `Imported ${name} into ${report.genes[0]?.symbol}: ${c.new} new, ${c.updated} updated, ${c.duplicate} already there${c.skipped ? `, ${c.skipped} skipped` : ''}`
            : `Imported ${name}: ${report.genes.map((g) => `${g.symbol} ${g.status} (${plural(g.publications, 'publication')})`).join(', ')}`,
        details: report.warnings.map(warningText),
      });
    } finally {
      this.#busy = false;
    }
  }

  reset(): void {
    this.#busy = false;
    this.#progress = null;
    this.#preview = null;
    this.#merge = [];
    this.#afterImport = async () => {};
  }
}

export const imports = new ImportFlow();
