import type { GenePage, Publication, PublicationPage, ReadingListView } from '../../../electron/contract';
import { api } from '../lib/api';
import { genePage } from './gene.svelte';
import { messages } from './messages.svelte';
import { reading } from './reading.svelte';

/**
 * Printing and PDFs of the gene page and of a reading list. The screen is not what prints: while
 * the print dialog is open a print sheet is laid out beside the app (hidden on screen, alone in
 * print media) with every publication the page lists, abstracts expanded or not, link targets as
 * text and the source in each page's footer. Main then prints the window or saves it as a PDF.
 */

export type PrintSubject = { kind: 'gene'; symbol: string } | { kind: 'list'; listId: string };

/** A gene page or a reading list prints at most this many publications: past it, the reader narrows the list first. */
export const MAX_PRINTED_PUBLICATIONS = 1000;
const BATCH = 500;

class PrintState {
  #subject = $state.raw<PrintSubject | null>(null);
  #abstracts = $state(true);
  #publications = $state.raw<Publication[]>([]);
  #links = $state.raw<PublicationPage['links']>({});
  #cutOff = $state.raw<Set<string>>(new Set());
  #total = $state(0);
  #list = $state.raw<ReadingListView | null>(null);
  /** The gene page as it was when the dialog opened: what prints, whatever the window shows meanwhile. */
  #page = $state.raw<GenePage | null>(null);
  #busy = $state(false);
  /** The action the dialog offers first: what the menu item or button asked for. */
  #first = $state<'print' | 'pdf'>('print');

  get subject(): PrintSubject | null {
    return this.#subject;
  }
  get abstracts(): boolean {
    return this.#abstracts;
  }
  set abstracts(on: boolean) {
    this.#abstracts = on;
  }
  get publications(): Publication[] {
    return this.#publications;
  }
  get links(): PublicationPage['links'] {
    return this.#links;
  }
  get cutOff(): Set<string> {
    return this.#cutOff;
  }
  /** How many publications the gene page lists under its term and filters (more than print when capped). */
  get total(): number {
    return this.#total;
  }
  get list(): ReadingListView | null {
    return this.#list;
  }
  get page(): GenePage | null {
    return this.#page;
  }
  /** The gene page's literature term when the dialog opened. */
  #term = $state<string | null>(null);
  get term(): string | null {
    return this.#term;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get first(): 'print' | 'pdf' {
    return this.#first;
  }

  /** Opens the print dialog for what is on screen, with the sheet laid out behind it. */
  async open(subject: PrintSubject | null, first: 'print' | 'pdf' = 'print'): Promise<void> {
    if (!subject) {
      messages.info('Open a gene page or a reading list, then print it.');
      return;
    }
    // A second press while the sheet is prepared does nothing (the button stays enabled, so it keeps focus for the dialog to return it to).
    if (this.#busy) return;
    this.#first = first;
    this.#busy = true;
    try {
      if (subject.kind === 'gene') {
        this.#page = genePage.page;
        this.#term = genePage.term;
        if (!(await this.#loadGene(subject.symbol))) return;
      } else {
        const view = reading.view?.id === subject.listId ? reading.view : null;
        if (!view) return;
        this.#list = view;
      }
      this.#subject = subject;
    } finally {
      this.#busy = false;
    }
  }

  /** Every publication the gene page lists now (its term, filters and sort), up to the cap. */
  async #loadGene(symbol: string): Promise<boolean> {
    const items: Publication[] = [];
    const links: PublicationPage['links'] = {};
    const cutOff = new Set<string>();
    let total = 0;
    for (let offset = 0; offset < MAX_PRINTED_PUBLICATIONS; offset += BATCH) {
      const reply = await api.getPublications(symbol, genePage.term, offset, Math.min(BATCH, MAX_PRINTED_PUBLICATIONS - offset), { ...genePage.filters });
      if (!reply.ok || !reply.value) {
        messages.error('The page could not be prepared for printing', reply.ok ? [`${symbol} is no longer in the library.`] : [reply.message]);
        return false;
      }
      const page = reply.value;
      total = page.total;
      items.push(...page.items);
      Object.assign(links, page.links);
      for (const id of page.cutOff) cutOff.add(id);
      if (items.length >= total || page.items.length === 0) break;
    }
    this.#publications = items;
    this.#links = links;
    this.#cutOff = cutOff;
    this.#total = total;
    return true;
  }

  /** The system print dialog, for the sheet as it is laid out now. */
  async print(): Promise<void> {
    if (this.#busy) return;
    const reply = await api.printPage();
    if (!reply.ok) messages.error('Printing failed', [reply.message]);
    else this.close();
  }

  /** A PDF of the sheet through the save dialog; the file is named for the gene or the list. */
  async savePdf(): Promise<void> {
    const subject = this.#subject;
    if (!subject || this.#busy) return;
    const name = subject.kind === 'gene' ? `${subject.symbol} gene page` : `${this.#list?.name ?? 'Reading list'}`;
    this.#busy = true;
    try {
      const reply = await api.savePdf(name);
      if (!reply.ok) {
        messages.error('The PDF could not be saved: nothing was written', [reply.message]);
        return;
      }
      if (reply.value.status === 'cancelled') return;
      messages.success('Saved as PDF', [reply.value.file]);
      this.close();
    } finally {
      this.#busy = false;
    }
  }

  close(): void {
    this.#subject = null;
    this.#publications = [];
    this.#list = null;
    this.#page = null;
  }
}

export const printing = new PrintState();
