import type { SearchRequest, SearchResults } from '../../../electron/contract';
import { api } from '../lib/api';

/** The facets a user has narrowed the results by. */
export type SearchFacetChoice = Pick<SearchRequest, 'gene' | 'years' | 'freeFullText' | 'inList' | 'read'>;

const PAGE = 25;
/** The most main sends in one answer (the contract's page size). */
const MAX_PAGE = 200;
/** Typing pauses this long before main is asked: one query per word typed, not per key. */
export const SEARCH_DEBOUNCE_MS = 120;
const INDEXING_RETRY_MS = 500;

/**
 * The search box and its results. Main answers each query (the index lives there); this holds
 * what was typed, the facets chosen and the latest answer, and drops an answer that arrives after
 * a newer question was asked.
 */
class SearchState {
  #text = $state('');
  #facets = $state.raw<SearchFacetChoice>({});
  #results = $state.raw<SearchResults | null>(null);
  #error = $state<string | null>(null);
  #loading = $state(false);
  #asked = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  get text(): string {
    return this.#text;
  }

  get facets(): SearchFacetChoice {
    return this.#facets;
  }

  get results(): SearchResults | null {
    return this.#results;
  }

  get error(): string | null {
    return this.#error;
  }

  get loading(): boolean {
    return this.#loading;
  }

  /** What the user typed; asks main after a short pause. */
  type(text: string): void {
    this.#text = text;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.run(), SEARCH_DEBOUNCE_MS);
  }

  /** Narrows by a facet (undefined removes it) and asks again at once. */
  async narrow(change: Partial<SearchFacetChoice>): Promise<void> {
    const next: SearchFacetChoice = { ...this.#facets, ...change };
    for (const key of Object.keys(next) as Array<keyof SearchFacetChoice>) if (next[key] === undefined) delete next[key];
    this.#facets = next;
    await this.run();
  }

  /** Asks main now (Enter, a facet, a library change). */
  async run(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const text = this.#text;
    if (!text.trim() && Object.keys(this.#facets).length === 0) {
      this.#asked++;
      this.#results = null;
      this.#error = null;
      return;
    }
    const asked = ++this.#asked;
    this.#loading = true;
    // Asked again for the same words (the library changed, or is still being indexed): as many
    // as are shown, so the pages already loaded stay.
    const same = this.#results?.query === text;
    const limit = same ? Math.min(Math.max(PAGE, this.#results!.publications.next), MAX_PAGE) : PAGE;
    try {
      const reply = await api.search({ query: text, limit, ...this.#facets });
      if (asked !== this.#asked) return;
      if (reply.ok) {
        this.#results = reply.value;
        this.#error = null;
        // While the library is still being indexed, ask again shortly: more may be found.
        if (!reply.value.ready) this.#timer = setTimeout(() => void this.run(), INDEXING_RETRY_MS);
      } else this.#error = reply.message;
    } finally {
      if (asked === this.#asked) this.#loading = false;
    }
  }

  /** The next page of publications, added below those shown. */
  async more(): Promise<void> {
    const current = this.#results;
    if (!current || this.#loading) return;
    const asked = this.#asked;
    this.#loading = true;
    try {
      const reply = await api.search({ query: current.query, limit: PAGE, offset: current.publications.next, ...this.#facets });
      if (asked !== this.#asked || !reply.ok) return;
      // Main says where the next page starts; an id already shown is never shown twice.
      const seen = new Set(current.publications.items.map((p) => p.id));
      const items = [...current.publications.items, ...reply.value.publications.items.filter((p) => !seen.has(p.id))];
      this.#results = { ...current, publications: { ...current.publications, next: reply.value.publications.next, items } };
    } finally {
      this.#loading = false;
    }
  }

  clear(): void {
    this.#text = '';
    this.#facets = {};
    void this.run();
  }

  reset(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#text = '';
    this.#facets = {};
    this.#results = null;
    this.#error = null;
    this.#loading = false;
    this.#asked = 0;
  }
}

export const search = new SearchState();
