import type { GenePage, PublicationFilters, PublicationPage } from '../../../electron/contract';
import { PUBLICATION_PAGE_SIZE } from '../../../electron/shared/ids';
import { api } from '../lib/api';
import { messages } from './messages.svelte';

/**
 * The gene page open, and its publications as main sends them: a page at a time, all of them or
 * those a literature term finds. A gene with thousands of imported papers stays quick to open
 * and to filter, because main counts and filters and the page asks for more when the user does.
 */
class GenePageState {
  #page = $state.raw<GenePage | null>(null);
  #term = $state<string | null>(null);
  #pages = $state.raw<PublicationPage[]>([]);
  #loading = $state(false);
  /** Sort, year range, free full text and a text filter within the gene. */
  #filters = $state.raw<PublicationFilters>({});
  /** The publication opened from search: the page holding it is shown, and it is scrolled to. */
  #focus = $state<string | null>(null);

  get page(): GenePage | null {
    return this.#page;
  }

  get symbol(): string | null {
    return this.#page?.gene.symbol ?? null;
  }

  /** The literature term the publications are filtered by, or null for all of them. */
  get term(): string | null {
    return this.#term;
  }

  get items() {
    return this.#pages.flatMap((p) => p.items);
  }

  /** Publications whose abstract stops mid-sentence in the source. */
  get cutOff(): Set<string> {
    return new Set(this.#pages.flatMap((p) => p.cutOff ?? []));
  }

  get links(): PublicationPage['links'] {
    return Object.assign({}, ...this.#pages.map((p) => p.links)) as PublicationPage['links'];
  }

  /** How many publications the term finds (all of them without one). */
  get total(): number {
    return this.#pages[0]?.total ?? 0;
  }

  get loaded(): boolean {
    return this.#pages.length > 0;
  }

  get filters(): PublicationFilters {
    return this.#filters;
  }

  /** Whether any sort or filter beside the term is set. */
  get filtered(): boolean {
    const f = this.#filters;
    return !!(f.years || f.freeFullText || f.text?.trim() || (f.sort && f.sort !== 'page'));
  }

  /** Where the shown publications start (above 0 when opened at a publication far down). */
  get start(): number {
    return this.#pages[0]?.offset ?? 0;
  }

  get focus(): string | null {
    return this.#focus;
  }

  /** The focused publication was scrolled to: forget it, so a later redraw does not scroll again. */
  focused(): void {
    this.#focus = null;
  }

  /** Asks main for a page under the term and filters now chosen. */
  #fetch(symbol: string, offset: number, extra: Partial<PublicationFilters> = {}) {
    return api.getPublications(symbol, this.#term, offset, PUBLICATION_PAGE_SIZE, { ...this.#filters, ...extra });
  }

  get loading(): boolean {
    return this.#loading;
  }

  /** Loads a gene page; false (with a message) when the gene is no longer in the library. */
  async open(symbol: string, options: { remember?: boolean } = {}): Promise<boolean> {
    const reply = await api.getGene(symbol);
    const page = reply.ok ? reply.value : null;
    if (!page) {
      messages.error(`${symbol} is no longer in the library`, reply.ok ? [] : [reply.message]);
      return false;
    }
    this.#page = page;
    this.#term = null;
    this.#filters = {};
    this.#focus = null;
    this.#pages = [page.publications];
    if (options.remember !== false) await api.setLastGene(page.gene.symbol);
    return true;
  }

  /** Opens a gene page at one of its publications (from search): the page of the list holding it. */
  async openAt(symbol: string, publicationId: string): Promise<boolean> {
    if (!(await this.open(symbol))) return false;
    const reply = await this.#fetch(this.#page!.gene.symbol, 0, { around: publicationId });
    if (reply.ok && reply.value) this.#pages = [reply.value];
    this.#focus = publicationId;
    return true;
  }

  /**
   * The same gene again after another process changed the library, keeping the chosen term and
   * the place on the page; false when the gene is gone (the caller goes back to the library).
   */
  async refresh(): Promise<boolean> {
    const current = this.#page;
    if (!current) return true;
    const shown = this.items.length;
    const start = this.start;
    const term = this.#term;
    const filters = this.#filters;
    const reply = await api.getGene(current.gene.symbol);
    if (!reply.ok) return true;
    if (!reply.value) return false;
    const same = () => this.#page === current && this.#term === term && this.#filters === filters;
    if (!same()) return true;
    // As many publications as were shown, from the same place, under the same term and filters, in
    // pages as "Show more" loads them, so the list does not shrink under the reader's eyes.
    const plain = term === null && !this.filtered && start === 0;
    const pages: PublicationPage[] = [];
    while (pages.reduce((n, p) => n + p.items.length, 0) < Math.max(shown, 1)) {
      const offset = start + pages.reduce((n, p) => n + p.items.length, 0);
      const next = plain && offset === 0 ? { ok: true as const, value: reply.value.publications } : await this.#fetch(current.gene.symbol, offset);
      if (!next.ok || !next.value || next.value.items.length === 0) break;
      pages.push(next.value);
      if (offset + next.value.items.length >= next.value.total) break;
    }
    if (!same()) return true;
    this.#page = reply.value;
    if (pages.length) this.#pages = pages;
    return true;
  }

  /** Filters the publications by a literature term (null: all of them); the other filters stay. */
  async filter(term: string | null): Promise<void> {
    const page = this.#page;
    if (!page) return;
    this.#term = term;
    await this.#reload(page);
  }

  /** Changes the sort or a filter (undefined removes one) and shows the list from its start. */
  async setFilters(change: Partial<PublicationFilters>): Promise<void> {
    const page = this.#page;
    if (!page) return;
    const next: PublicationFilters = { ...this.#filters, ...change };
    for (const key of Object.keys(next) as Array<keyof PublicationFilters>) if (next[key] === undefined || next[key] === '' || next[key] === false) delete next[key];
    this.#filters = next;
    await this.#reload(page);
  }

  async #reload(page: GenePage): Promise<void> {
    const term = this.#term;
    const filters = this.#filters;
    this.#focus = null;
    if (term === null && !this.filtered) {
      this.#pages = [page.publications];
      return;
    }
    // The list shown stays until the answer comes: a refused question must not leave it blank.
    const reply = await this.#fetch(page.gene.symbol, 0);
    // A later choice may have been made while this one loaded: keep only the answer to it.
    if (this.#term !== term || this.#filters !== filters || this.#page !== page) return;
    if (reply.ok && reply.value) this.#pages = [reply.value];
    else messages.error('The publications could not be filtered', reply.ok ? [] : [reply.message]);
  }

  /** The publications before the first shown (when opened at one far down the list). */
  async earlier(): Promise<void> {
    const page = this.#page;
    if (!page || this.#loading || this.start === 0) return;
    this.#loading = true;
    try {
      const filters = this.#filters;
      const term = this.#term;
      const reply = await this.#fetch(page.gene.symbol, Math.max(0, this.start - PUBLICATION_PAGE_SIZE));
      if (reply.ok && reply.value && this.#term === term && this.#filters === filters && this.#page === page) this.#pages = [reply.value, ...this.#pages];
    } finally {
      this.#loading = false;
    }
  }

  async more(): Promise<void> {
    const page = this.#page;
    if (!page || this.#loading) return;
    this.#loading = true;
    try {
      const filters = this.#filters;
      const reply = await this.#fetch(page.gene.symbol, this.start + this.items.length);
      if (reply.ok && reply.value && reply.value.term === this.#term && this.#filters === filters && this.#page === page) this.#pages = [...this.#pages, reply.value];
    } finally {
      this.#loading = false;
    }
  }

  /** Leaving the gene pages: the next start opens on the library. */
  forget(): void {
    void api.setLastGene(null);
  }

  reset(): void {
    this.#page = null;
    this.#term = null;
    this.#pages = [];
    this.#loading = false;
    this.#filters = {};
    this.#focus = null;
  }
}

export const genePage = new GenePageState();
