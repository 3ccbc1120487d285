import type { Publication } from '../model';
import type { UserData } from '../library';
import { documentOf } from './documents';
import { SearchIndex } from './engine';
import { termsOf } from './fold';
import { looseMatch } from './loose-match';
import { parseQuery, type ParsedQuery } from './query';

/**
 * Search over a library: the publication index kept up to the library shard by shard, and the
 * genes, notes and list names matched directly (they are few and short). The index is derived
 * data: it records which version (file signature) of each shard it holds, so after an import, a
 * removal or another process's write only the shards that changed are read and indexed again.
 */

/** What the index reads the library through (the store). */
export interface SearchableLibrary {
  /** Goes up with every change, here or picked up from another process. */
  readonly revision: number;
  readonly userData: Readonly<UserData>;
  shardSignatures(): Promise<Map<string, string | null>>;
  readShardForIndex(name: string): Promise<{ signature: string | null; publications: Publication[] }>;
  publications(ids: Iterable<string>): Promise<Map<string, Publication>>;
  holds(id: string): boolean;
  genesCiting(id: string): string[];
  publicationIdsOf(symbol: string): Set<string>;
  geneNames(): Array<{ symbol: string; name: string; aliases: string[]; publicationCount: number }>;
}

export interface SearchRequest {
  query: string;
  /** Publications per page (default 20, at most 200) and where the page starts. */
  limit?: number;
  offset?: number;
  /** Facets: narrow to one gene, a year range, free full text, in a reading list, read or unread. */
  gene?: string;
  years?: { from: number; to: number };
  freeFullText?: boolean;
  inList?: boolean;
  read?: boolean;
}

export interface PublicationResult {
  id: string;
  title: string;
  /** The first three, with "et al." when there are more. */
  authors: string;
  journal: string;
  year?: number;
  genes: string[];
  freeFullText: boolean;
  bookmarked: boolean;
  read: boolean;
  /** A sentence or so of the abstract where the query matched (or its start); "" when none. */
  snippet: string;
  score: number;
}

export interface GeneResult {
  symbol: string;
  name: string;
  aliases: string[];
  publicationCount: number;
}

export interface NoteResult {
  listId: string;
  listName: string;
  itemId: string;
  publicationId: string;
  title: string;
  note: string;
}

export interface ListResult {
  id: string;
  name: string;
  items: number;
}

export interface SearchFacets {
  genes: Array<{ symbol: string; count: number }>;
  years: Array<{ year: number; count: number }>;
  freeFullText: number;
  inList: number;
  read: number;
  unread: number;
}

export interface SearchResults {
  query: string;
  /** What in the query could not be read, said plainly. */
  problems: string[];
  /** Folded index terms the query matched through: the words to highlight. */
  terms: string[];
  genes: GeneResult[];
  publications: { total: number; offset: number; items: PublicationResult[] };
  notes: NoteResult[];
  lists: ListResult[];
  facets: SearchFacets;
  /** False while the index is still being built: the publications found so far are shown. */
  ready: boolean;
  indexed: number;
}

/** How long indexing runs before it gives the event loop back: main answers other calls between slices. */
export const SLICE_MS = 25;
const MAX_LIMIT = 200;
const CHANGE_WAIT_MS = 1500;
const MAX_SMALL_RESULTS = 20;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class LibrarySearch {
  readonly index = new SearchIndex();
  /** Per shard indexed: the version read and the publications it gave. */
  private readonly shards = new Map<string, { signature: string | null; keys: string[] }>();
  private running: Promise<void> | null = null;
  private indexedRevision = -1;
  private ready = false;
  private aliasCache: { revision: number; map: Map<string, string[]> } | null = null;

  constructor(
    private readonly library: SearchableLibrary,
    private readonly options: {
      onProgress?: (done: number, total: number) => void;
      sliceMs?: number;
      /** Answer only once the whole library is indexed (the CLI); the app answers from what is indexed so far. */
      waitForIndex?: boolean;
    } = {},
  ) {}

  /** Whether every shard of the library, as it now is, is in the index. */
  get isReady(): boolean {
    return this.ready && this.indexedRevision === this.library.revision;
  }

  /**
   * Brings the index up to the library, reading only the shards whose file changed since it was
   * indexed, in slices that give the event loop back every SLICE_MS. One run at a time; a change
   * made during a run is caught by the run going round again.
   */
  catchUp(): Promise<void> {
    if (this.running) return this.running;
    if (this.indexedRevision === this.library.revision && this.ready) return Promise.resolve();
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const sliceMs = this.options.sliceMs ?? SLICE_MS;
    for (;;) {
      const revision = this.library.revision;
      const signatures = await this.library.shardSignatures();
      for (const [name, held] of this.shards) {
        if (!signatures.has(name)) {
          this.index.remove(held.keys);
          this.shards.delete(name);
        }
      }
      const stale = [...signatures].filter(([name, signature]) => signature === null || this.shards.get(name)?.signature !== signature);
      let done = 0;
      for (const [name] of stale) {
        const { signature, publications } = await this.library.readShardForIndex(name);
        const builder = this.index.builder();
        let sliceStart = performance.now();
        for (const p of publications) {
          builder.add(documentOf(p));
          if (performance.now() - sliceStart > sliceMs) {
            await yieldToEventLoop();
            sliceStart = performance.now();
          }
        }
        const held = this.shards.get(name);
        if (held) this.index.remove(held.keys);
        this.index.attach(builder.finish());
        this.shards.set(name, { signature, keys: publications.map((p) => p.id) });
        this.options.onProgress?.(++done, stale.length);
        await yieldToEventLoop();
      }
      if (this.library.revision === revision) {
        this.indexedRevision = revision;
        this.ready = true;
        return;
      }
    }
  }

  /** Folded symbol or alias -> every folded name of that gene, for a query word that names a gene. */
  private aliases(): Map<string, string[]> {
    if (this.aliasCache?.revision === this.library.revision) return this.aliasCache.map;
    const map = new Map<string, string[]>();
    for (const gene of this.library.geneNames()) {
      const names = [gene.symbol, ...gene.aliases].map((n) => termsOf(n)).filter((t) => t.length === 1).map((t) => t[0]!);
      for (const name of names) map.set(name, [...new Set([...(map.get(name) ?? []), ...names.filter((n) => n !== name)])]);
    }
    this.aliasCache = { revision: this.library.revision, map };
    return map;
  }

  /** The gene a user typed (symbol or alias, any case), as the library spells it. */
  private geneNamed(text: string): string | undefined {
    const wanted = text.trim().toUpperCase();
    const genes = this.library.geneNames();
    return (genes.find((g) => g.symbol.toUpperCase() === wanted) ?? genes.find((g) => g.aliases.some((a) => a.toUpperCase() === wanted)))?.symbol;
  }

  /** Starts catching up (not waiting for it) and answers from what is indexed so far. */
  async search(request: SearchRequest): Promise<SearchResults> {
    const catching = this.catchUp();
    // The CLI waits for the whole library. The app waits a moment for a change since the last
    // search (an import of a few hundred papers is indexed in well under that), and otherwise
    // answers from what is indexed so far while a large library is indexed the first time.
    if (this.options.waitForIndex) await catching;
    else if (this.ready) await Promise.race([catching, new Promise((resolve) => setTimeout(resolve, CHANGE_WAIT_MS))]);
    return this.answer(request, parseQuery(request.query));
  }

  private async answer(request: SearchRequest, query: ParsedQuery): Promise<SearchResults> {
    const limit = Math.min(Math.max(request.limit ?? 20, 1), MAX_LIMIT);
    const offset = Math.max(request.offset ?? 0, 0);
    const problems = [...query.problems];
    const user = this.library.userData;
    const listed = new Map<string, { read: boolean }>();
    for (const list of user.lists) for (const item of list.items) listed.set(item.publicationId, { read: (listed.get(item.publicationId)?.read ?? false) || item.read });

    // gene: filters and the gene facet narrow to the genes' own publications.
    let inGenes = null as Set<string> | null;
    for (const typed of [...query.genes, ...(request.gene ? [request.gene] : [])]) {
      const symbol = this.geneNamed(typed);
      if (!symbol) problems.push(`no gene ${typed} is in the library`);
      const ids = symbol ? this.library.publicationIdsOf(symbol) : new Set<string>();
      inGenes = inGenes ? new Set([...inGenes].filter((id) => ids.has(id))) : ids;
    }
    const asksForPublications = query.clauses.length > 0 || !!query.years || inGenes !== null;
    const aliases = this.aliases();
    const found = asksForPublications
      ? this.index.search(query, {
          synonyms: (term) => aliases.get(term) ?? [],
          allowed: (key) => this.library.holds(key) && (!inGenes || inGenes.has(key)),
        })
      : { hits: [], terms: [] };
    const years = request.years;
    const hits = found.hits.filter((h) => {
      if (years && (h.year < years.from || h.year > years.to)) return false;
      if (request.freeFullText && !this.index.isFree(h.key)) return false;
      const mark = listed.get(h.key);
      if (request.inList !== undefined && request.inList !== !!mark) return false;
      if (request.read !== undefined && request.read !== !!mark?.read) return false;
      return true;
    });

    const facets: SearchFacets = { genes: [], years: [], freeFullText: 0, inList: 0, read: 0, unread: 0 };
    const geneCounts = new Map<string, number>();
    const yearCounts = new Map<number, number>();
    for (const h of hits) {
      for (const symbol of this.library.genesCiting(h.key)) geneCounts.set(symbol, (geneCounts.get(symbol) ?? 0) + 1);
      if (h.year) yearCounts.set(h.year, (yearCounts.get(h.year) ?? 0) + 1);
      if (this.index.isFree(h.key)) facets.freeFullText++;
      const mark = listed.get(h.key);
      if (mark) facets.inList++;
      if (mark?.read) facets.read++;
      else facets.unread++;
    }
    facets.genes = [...geneCounts].map(([symbol, count]) => ({ symbol, count })).sort((a, b) => b.count - a.count || a.symbol.localeCompare(b.symbol)).slice(0, 30);
    facets.years = [...yearCounts].map(([year, count]) => ({ year, count })).sort((a, b) => b.year - a.year);

    const page = hits.slice(offset, offset + limit);
    const stored = await this.library.publications(page.map((h) => h.key));
    const terms = new Set(found.terms);
    const items: PublicationResult[] = [];
    for (const h of page) {
      const p = stored.get(h.key);
      if (!p) continue;
      const mark = listed.get(p.id);
      items.push({
        id: p.id,
        title: p.title,
        authors: p.authors.length > 3 || p.etAl ? `${p.authors.slice(0, 3).join(', ')} et al.` : p.authors.join(', '),
        journal: p.journal,
        ...(p.year ? { year: p.year } : {}),
        genes: this.library.genesCiting(p.id),
        freeFullText: p.freeFullText,
        bookmarked: !!mark,
        read: !!mark?.read,
        snippet: snippetOf(p.abstract, terms),
        score: Math.round(h.score * 100) / 100,
      });
    }

    // Genes, notes and list names: only for plain words (a field filter asks for publications).
    const plain = query.clauses.filter((c) => !c.field);
    const small = plain.length > 0 && plain.length === query.clauses.length;
    const alternatives = (term: string) => aliases.get(term) ?? [];
    const genes = small
      ? this.library
          .geneNames()
          .map((g) => {
            const bySymbol = looseMatch(termsOf([g.symbol, ...g.aliases].join(' ; ')), plain, alternatives);
            const byName = looseMatch(termsOf(g.name), plain);
            return { g, score: Math.max(bySymbol * 2, byName) };
          })
          .filter((x) => x.score > 0)
          .sort((a, b) => b.score - a.score || a.g.symbol.localeCompare(b.g.symbol))
          .slice(0, MAX_SMALL_RESULTS)
          .map(({ g }) => ({ symbol: g.symbol, name: g.name, aliases: g.aliases, publicationCount: g.publicationCount }))
      : [];
    const notes: NoteResult[] = [];
    const lists: ListResult[] = [];
    if (small) {
      const noted = user.lists.flatMap((list) => list.items.filter((item) => item.note && looseMatch(termsOf(item.note), plain) > 0).map((item) => ({ list, item })));
      const titles = await this.library.publications(noted.map((n) => n.item.publicationId));
      for (const { list, item } of noted.slice(0, MAX_SMALL_RESULTS)) {
        const title = titles.get(item.publicationId)?.title ?? user.snapshots[item.publicationId]?.title ?? item.publicationId;
        notes.push({ listId: list.id, listName: list.name, itemId: item.id, publicationId: item.publicationId, title, note: item.note });
      }
      for (const list of user.lists) if (looseMatch(termsOf(list.name), plain) > 0) lists.push({ id: list.id, name: list.name, items: list.items.length });
    }
    return {
      query: request.query,
      problems,
      terms: [...terms],
      genes,
      publications: { total: hits.length, offset, items },
      notes,
      lists,
      facets,
      ready: this.isReady,
      indexed: this.index.size,
    };
  }
}

/** About 240 characters of the abstract around the first matched word, or its start. */
export function snippetOf(abstract: string, terms: Set<string>): string {
  if (!abstract) return '';
  const words = [...abstract.matchAll(/[\p{L}\p{N}]+/gu)];
  const hit = words.find((m) => terms.has(termsOf(m[0])[0] ?? ''));
  const at = hit?.index ?? 0;
  const start = at < 80 ? 0 : abstract.lastIndexOf(' ', at - 60) + 1;
  const end = Math.min(abstract.length, start + 240);
  const cut = abstract.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${cut}${end < abstract.length ? '…' : ''}`;
}
