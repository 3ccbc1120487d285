import type { GenePage, PublicationPage } from '../../../electron/contract';
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
    this.#pages = [page.publications];
    if (options.remember !== false) await api.setLastGene(page.gene.symbol);
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
    const term = this.#term;
    const reply = await api.getGene(current.gene.symbol);
    if (!reply.ok) return true;
    if (!reply.value) return false;
    if (this.#page !== current || this.#term !== term) return true;
    // As many publications as were shown, under the same term, in pages as "Show more" loads them,
    // so the list does not shrink under the reader's eyes.
    const pages: PublicationPage[] = [];
    while (pages.reduce((n, p) => n + p.items.length, 0) < Math.max(shown, 1)) {
      const offset = pages.reduce((n, p) => n + p.items.length, 0);
      const next = term === null && offset === 0 ? { ok: true as const, value: reply.value.publications } : await api.getPublications(current.gene.symbol, term, offset, PUBLICATION_PAGE_SIZE);
      if (!next.ok || !next.value || next.value.items.length === 0) break;
      pages.push(next.value);
      if (offset + next.value.items.length >= next.value.total) break;
    }
    if (this.#page !== current || this.#term !== term) return true;
    this.#page = reply.value;
    if (pages.length) this.#pages = pages;
    return true;
  }

  /** Filters the publications by a literature term (null: all of them). */
  async filter(term: string | null): Promise<void> {
    const page = this.#page;
    if (!page) return;
    this.#term = term;
    if (term === null) {
      this.#pages = [page.publications];
      return;
    }
    this.#pages = [];
    const reply = await api.getPublications(page.gene.symbol, term, 0, PUBLICATION_PAGE_SIZE);
    // A later choice may have been made while this one loaded: keep only the answer to it.
    if (reply.ok && reply.value && this.#term === term && this.#page === page) this.#pages = [reply.value];
  }

  async more(): Promise<void> {
    const page = this.#page;
    if (!page || this.#loading) return;
    this.#loading = true;
    try {
      const term = this.#term;
      const reply = await api.getPublications(page.gene.symbol, term, this.items.length, PUBLICATION_PAGE_SIZE);
      if (reply.ok && reply.value && reply.value.term === this.#term && this.#page === page) this.#pages = [...this.#pages, reply.value];
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
  }
}

export const genePage = new GenePageState();
