import type { Publication } from '../model';
import type { UserData } from '../library';
import { buildShardSegment } from './shard-segment';
import { SearchIndex, type SegmentHandle } from './engine';
import { loadIndex, readStored, removeSegmentFile, saveIndex, sweepIndexFiles, writeSegmentFile, type ManifestEntry } from './index-store';
import { overVocabulary, type SegmentData, type StoredDocument } from './segment';
import { termsOf, termsOfWord } from './fold';
import { looseMatch } from './loose-match';
import { marksIn, type Marks } from './highlight';
import { parseQuery, type ParsedQuery } from './query';

/**
 * Search over a library: the publication index kept up to the library shard by shard, and the
 * genes, notes and list names matched directly (they are few and short). The index is derived
 * data: it records which version (file signature) of each shard it holds, so after an import, a
 * removal or another process's write only the shards that changed are read and indexed again.
 */

/** What the index reads the library through (the store). */
/** The calls every way of searching answers: in this thread (LibrarySearch) or in the index's worker (RemoteSearch). */
export interface SearchEngine {
  search(request: SearchRequest): Promise<SearchResults>;
  idsInGene(symbol: string, text: string): Promise<Set<string>>;
  catchUp(): Promise<void>;
  save(): Promise<void>;
  close(): Promise<void>;
}

export interface SearchableLibrary {
  /** The library folder: the index file is kept there. */
  readonly dir: string;
  /** A dry run's library: the index file is read but never written. */
  readonly readOnly: boolean;
  /** Goes up with every change, here or picked up from another process. */
  readonly revision: number;
  readonly userData: Readonly<UserData>;
  shardSignatures(): Promise<Map<string, string | null>>;
  /** The shard the catalogue places a publication in. */
  shardOf(id: string): string | undefined;
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
  /** Where the title, authors and snippet show the matched words. */
  marks: { title: Marks; authors: Marks; snippet: Marks };
  score: number;
}

export interface GeneResult {
  symbol: string;
  name: string;
  aliases: string[];
  publicationCount: number;
  marks: { symbol: Marks; name: Marks; aliases: Marks[] };
}

export interface NoteResult {
  listId: string;
  listName: string;
  itemId: string;
  publicationId: string;
  title: string;
  note: string;
  marks: Marks;
}

export interface ListResult {
  id: string;
  name: string;
  items: number;
  marks: Marks;
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
  publications: { total: number; offset: number; next: number; items: PublicationResult[] };
  notes: NoteResult[];
  lists: ListResult[];
  facets: SearchFacets;
  /** False while the index is still being built: the publications found so far are shown. */
  ready: boolean;
  indexed: number;
}

/** Terms given their index ids between two returns to the event loop, while a shard's segment is attached. */
const TERMS_PER_SLICE = 2000;
const MAX_LIMIT = 200;
const CHANGE_WAIT_MS = 1500;
const FIRST_BUILD_WAIT_MS = 50;
const MAX_SMALL_RESULTS = 20;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));


/** After a change is indexed, the index file is written this long after (a run of imports writes it once). */
const SAVE_DELAY_MS = 2000;
/** During a long first build, the index is recorded every this many shards. */
const SAVE_EVERY_SHARDS = 10;

export class LibrarySearch implements SearchEngine {
  private current = new SearchIndex();
  /** Per shard indexed: the version of its file read, and the segment that indexes it. */
  private readonly shards = new Map<string, { signature: string | null; segment: SegmentHandle | null }>();
  private running: Promise<void> | null = null;
  /** The index has changed since the index file was written. */
  private dirty = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private indexedRevision = -1;
  private ready = false;
  private aliasCache: { revision: number; map: Map<string, string[]> } | null = null;
  private geneCache: { revision: number; indexVersion: number; symbols: string[]; first: Map<SegmentData, Int32Array>; more: Map<SegmentData, Map<number, number[]>> } | null = null;
  /** Goes up whenever a segment is attached or detached (the gene table follows the index). */
  private indexVersion = 0;

  constructor(
    private readonly library: SearchableLibrary,
    private readonly options: {
      onProgress?: (done: number, total: number) => void;
      /** Answer only once the whole library is indexed (the CLI); the app answers from what is indexed so far. */
      waitForIndex?: boolean;
    } = {},
  ) {}

  /** The shards indexed from their files by this process, in order (figures, tests). */
  readonly shardsIndexed: string[] = [];

  get index(): SearchIndex {
    return this.current;
  }

  /** Whether every shard of the library, as it now is, is in the index. */
  get isReady(): boolean {
    return this.ready && this.indexedRevision === this.library.revision;
  }

  /**
   * Brings the index up to the library, reading only the shards whose file changed since it was
   * indexed (in the worker thread where there is one), giving the event loop back between steps
   * of attaching each shard's segment. One run at a time; a change
   * made during a run is caught by the run going round again.
   */
  catchUp(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) return this.running;
    if (this.indexedRevision === this.library.revision && this.ready) return Promise.resolve();
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private loadingFile: Promise<void> | null = null;
  /** The index has been whole once (read from its file, or caught up): what is left to index is a change, not the library. */
  private warm = false;

  /** Reads the index file, once (catchUp starts it; a search waits for it). */
  private loading(): Promise<void> {
    this.loadingFile ??= this.load();
    return this.loadingFile;
  }

  /** The index on disk: what it holds of shards unchanged since is used as it is. */
  private async load(): Promise<void> {
    const loaded = await loadIndex(this.library.dir);
    if (loaded) {
      const index = SearchIndex.withTerms(loaded.terms);
      for (const s of loaded.segments) {
        const alive = new Uint8Array(s.data.keys.length).fill(1);
        for (const d of s.dead) if (d < alive.length) alive[d] = 0;
        this.shards.set(s.shard, { signature: s.signature, segment: index.attach(s.data, alive) });
      }
      this.current = index;
      this.written = { terms: loaded.terms.length, termBytes: loaded.termBytes };
      this.indexVersion++;
      this.warm = true;
    }
    if (!this.library.readOnly) {
      const kept = new Set([...this.shards.values()].flatMap((held) => (held.segment ? [SearchIndex.contents(held.segment).data.docsFile ?? ''] : [])));
      await sweepIndexFiles(this.library.dir, kept);
    }
  }

  /** How much of terms.txt the last manifest written counts. */
  private written = { terms: 0, termBytes: 0 };
  /** Segment files of segments dropped since the last save: removed once a manifest no longer names them. */
  private retired: string[] = [];
  /**
   * The segment files this process wrote. Only these are removed when dropped: a file read from
   * the manifest may be another process's too (the app and a CLI run share the folder); it goes
   * with the sweep of old unnamed files.
   */
  private readonly ownFiles = new Set<string>();

  /**
   * Records the index on disk now, if it changed since it was last recorded (the CLI, before it
   * exits): new terms appended, the manifest replaced, then the files of dropped segments removed.
   */
  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.dirty || this.library.readOnly || this.closed) return;
    this.dirty = false;
    const entries: ManifestEntry[] = [];
    for (const [shard, held] of this.shards) {
      if (!held.segment || !SearchIndex.isLive(held.segment)) continue;
      const { data, alive } = SearchIndex.contents(held.segment);
      // A segment whose file could not be written is indexed again at the next start.
      if (!data.docsFile) continue;
      const dead: number[] = [];
      for (let d = 0; d < alive.length; d++) if (!alive[d]) dead.push(d);
      entries.push({ shard, signature: held.signature, file: data.docsFile, dead });
    }
    const terms = this.current.vocabulary.terms;
    const count = terms.length;
    const retired = this.retired;
    this.retired = [];
    try {
      const termBytes = await saveIndex(this.library.dir, terms, this.written, entries);
      this.written = { terms: count, termBytes };
      for (const file of retired) {
        await removeSegmentFile(this.library.dir, file);
        this.ownFiles.delete(file);
      }
    } catch {
      // Derived data: not recorded now, so what changed is indexed again at the next start.
      this.dirty = true;
      this.retired.push(...retired);
    }
  }

  private closed = false;

  /**
   * Stops: the catch-up running is let finish, nothing more is indexed or written, and the
   * worker thread ends. (The app when it quits, after save(); a test before its folder goes.)
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.running?.catch(() => {});
  }

  private scheduleSave(): void {
    if (this.library.readOnly || this.saveTimer) return;
    this.saveTimer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
    // The app's timer must not keep a CLI process alive.
    this.saveTimer.unref?.();
  }

  private async run(): Promise<void> {
    await this.loading();
    for (;;) {
      const revision = this.library.revision;
      const signatures = await this.library.shardSignatures();
      for (const [name, held] of this.shards) {
        if (!signatures.has(name)) {
          if (held.segment) this.drop(held.segment);
          this.shards.delete(name);
          this.dirty = true;
        }
      }
      const stale = [...signatures].filter(([name, signature]) => signature === null || this.shards.get(name)?.signature !== signature);
      let done = 0;
      for (const [name] of stale) {
        if (this.closed) return;
        const { signature, built } = await buildShardSegment(this.library.dir, name);
        this.shardsIndexed.push(name);
        const held = this.shards.get(name);
        let segment: SegmentHandle | null = null;
        if (built) {
          // The shard's terms get their ids a slice at a time: a shard has tens of thousands.
          const ids = new Uint32Array(built.terms.length);
          for (let i = 0; i < built.terms.length; i += TERMS_PER_SLICE) {
            this.current.idsFor(built.terms, i, Math.min(i + TERMS_PER_SLICE, built.terms.length), ids);
            await yieldToEventLoop();
          }
          // Only what the catalogue places in this shard (a copy left behind by a removal is not).
          const alive = Uint8Array.from(built.keys, (key) => (this.library.shardOf(key) === name ? 1 : 0));
          // Each step below takes a few tens of milliseconds on a 2,000-paper shard: the event
          // loop is given back between them, so main never holds it for more than one.
          await yieldToEventLoop();
          const data = overVocabulary(built, ids);
          await yieldToEventLoop();
          if (!this.library.readOnly) {
            // The segment goes to a file of its own at once, its documents with it: only where
            // each document is stays in memory.
            try {
              const file = await writeSegmentFile(this.library.dir, name, data, data.stored!);
              this.ownFiles.add(file.name);
              data.docsFile = file.name;
              data.storedAt = file.storedAt;
              delete data.stored;
            } catch {
              // Kept in memory instead; this segment is not recorded, and is indexed again at the next start.
            }
          }
          if (held?.segment) this.drop(held.segment);
          segment = this.current.attach(data, alive);
          this.indexVersion++;
        } else if (held?.segment) this.drop(held.segment);
        // A shard that gave no segment (unreadable) is noted with its signature: tried again once its file changes.
        this.shards.set(name, { signature, segment });
        this.dirty = true;
        this.options.onProgress?.(++done, stale.length);
        // A long first build is recorded as it goes: an app closed halfway keeps what was indexed.
        if (done % SAVE_EVERY_SHARDS === 0) {
          await yieldToEventLoop();
          await this.save();
        }
        await yieldToEventLoop();
      }
      await this.dropMisplaced();
      if (this.library.revision === revision) {
        this.indexedRevision = revision;
        this.ready = true;
        this.warm = true;
        if (this.dirty) this.scheduleSave();
        return;
      }
    }
  }

  /**
   * Takes out of the index every document its shard no longer holds for the catalogue: a gene
   * removed (its papers' shard tidied later, or not at all when that fails), a paper moved. A
   * removal can change the catalogue without changing a shard file, so the signatures alone would
   * keep those papers found.
   */
  private async dropMisplaced(): Promise<void> {
    for (const [name, held] of this.shards) {
      if (!held.segment) continue;
      const { data, alive } = SearchIndex.contents(held.segment);
      const gone: string[] = [];
      for (let d = 0; d < alive.length; d++) if (alive[d] && this.library.shardOf(data.keys[d]!) !== name) gone.push(data.keys[d]!);
      if (gone.length) {
        this.current.remove(gone);
        this.indexVersion++;
        this.dirty = true;
      }
      await yieldToEventLoop();
    }
  }

  /** Detaches a segment; its file goes once the manifest no longer names it. */
  private drop(segment: SegmentHandle): void {
    const file = SearchIndex.contents(segment).data.docsFile;
    this.current.detach(segment);
    this.indexVersion++;
    if (file && this.ownFiles.has(file)) this.retired.push(file);
  }

  /** How results show these documents, from their segments' docs files. */
  private async storedDocuments(keys: string[]): Promise<Map<string, StoredDocument>> {
    const bySegment = new Map<object, { data: SegmentData; docs: number[]; keys: string[] }>();
    for (const key of keys) {
      const at = this.current.locate(key);
      if (!at) continue;
      const group = bySegment.get(at.data) ?? { data: at.data, docs: [], keys: [] };
      group.docs.push(at.doc);
      group.keys.push(key);
      bySegment.set(at.data, group);
    }
    const out = new Map<string, StoredDocument>();
    for (const group of bySegment.values()) {
      const docs = await readStored(this.library.dir, group.data, group.docs);
      docs.forEach((d, i) => d && out.set(group.keys[i]!, d));
    }
    return out;
  }

  /**
   * Which genes cite each indexed document, by segment and number (the first gene, plus a map for
   * the few cited by more): the gene facet counts its hits from arrays, not by looking up each hit's
   * key. Worked out again when the library or the index changes.
   */
  private geneTable(): { symbols: string[]; first: Map<SegmentData, Int32Array>; more: Map<SegmentData, Map<number, number[]>> } {
    const cache = this.geneCache;
    if (cache && cache.revision === this.library.revision && cache.indexVersion === this.indexVersion) return cache;
    const symbols = this.library.geneNames().map((g) => g.symbol);
    const first = new Map<SegmentData, Int32Array>();
    const more = new Map<SegmentData, Map<number, number[]>>();
    symbols.forEach((symbol, g) => {
      for (const id of this.library.publicationIdsOf(symbol)) {
        const at = this.current.locate(id);
        if (!at) continue;
        let marks = first.get(at.data);
        if (!marks) first.set(at.data, (marks = new Int32Array(at.data.keys.length)));
        if (!marks[at.doc]) marks[at.doc] = g + 1;
        else {
          let extra = more.get(at.data);
          if (!extra) more.set(at.data, (extra = new Map()));
          const list = extra.get(at.doc);
          if (list) list.push(g);
          else extra.set(at.doc, [g]);
        }
      }
    });
    this.geneCache = { revision: this.library.revision, indexVersion: this.indexVersion, symbols, first, more };
    return this.geneCache;
  }

  private geneWordsCache: { revision: number; genes: Array<{ g: ReturnType<SearchableLibrary['geneNames']>[number]; names: string[]; words: string[] }> } | null = null;

  /** Each gene with its symbol and aliases, and its name, folded (once per library revision). */
  private geneWords() {
    if (this.geneWordsCache?.revision !== this.library.revision) {
      const genes = this.library.geneNames().map((g) => ({ g, names: termsOf([g.symbol, ...g.aliases].join(' ; ')), words: termsOf(g.name) }));
      this.geneWordsCache = { revision: this.library.revision, genes };
    }
    return this.geneWordsCache.genes;
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

  /** The ids of a gene's publications a query finds: the gene page's text filter. */
  async idsInGene(symbol: string, text: string): Promise<Set<string>> {
    await this.waitAsTheAppDoes();
    const ids = this.library.publicationIdsOf(symbol);
    const query = parseQuery(text);
    if (query.clauses.length === 0) return ids;
    const aliases = this.aliases();
    const found = this.current.search(query, { synonyms: (term) => aliases.get(term) ?? [], within: ids });
    const out = new Set<string>();
    found.each((data, doc) => out.add(data.keys[doc]!));
    return out;
  }

  /**
   * Starts catching up, and waits as long as a search should: the CLI for the whole library. The
   * app reads the index on disk first; then it waits a moment for a change since (an import of a
   * few hundred papers is indexed in well under that), but while a large library is indexed the
   * first time it answers at once from what is indexed so far (and says so), so typing stays quick.
   */
  private async waitAsTheAppDoes(): Promise<void> {
    const catching = this.catchUp();
    if (this.options.waitForIndex) return catching;
    await this.loading();
    const wait = this.warm ? CHANGE_WAIT_MS : FIRST_BUILD_WAIT_MS;
    await Promise.race([catching, new Promise((resolve) => setTimeout(resolve, wait).unref?.())]);
  }

  /** Starts catching up (not waiting for it) and answers from what is indexed so far. */
  async search(request: SearchRequest): Promise<SearchResults> {
    await this.waitAsTheAppDoes();
    return this.answer(request, parseQuery(request.query));
  }

  private async answer(request: SearchRequest, query: ParsedQuery): Promise<SearchResults> {
    const limit = Math.min(Math.max(request.limit ?? 20, 1), MAX_LIMIT);
    const offset = Math.max(request.offset ?? 0, 0);
    const problems = [...query.problems];
    const user = this.library.userData;
    const listed = new Map<string, { read: boolean }>();
    for (const list of user.lists) for (const item of list.items) listed.set(item.publicationId, { read: (listed.get(item.publicationId)?.read ?? false) || item.read });

    // gene: filters, the gene facet and the in-a-list facet narrow to those papers; years, free
    // full text and read marks are checked per hit.
    let within = null as Set<string> | null;
    const narrow = (ids: Set<string>) => {
      within = within ? new Set([...within].filter((id) => ids.has(id))) : ids;
    };
    for (const typed of [...query.genes, ...(request.gene ? [request.gene] : [])]) {
      const symbol = this.geneNamed(typed);
      if (!symbol) problems.push(`no gene ${typed} is in the library`);
      narrow(symbol ? this.library.publicationIdsOf(symbol) : new Set<string>());
    }
    if (request.inList === true) narrow(new Set(listed.keys()));
    const years = request.years;
    const accept =
      years || request.freeFullText || request.inList === false || request.read !== undefined
        ? (data: SegmentData, doc: number) => {
            const year = data.years[doc]!;
            if (years && (year < years.from || year > years.to)) return false;
            if (request.freeFullText && !data.free[doc]) return false;
            if (request.inList === false && listed.has(data.keys[doc]!)) return false;
            if (request.read !== undefined && request.read !== !!listed.get(data.keys[doc]!)?.read) return false;
            return true;
          }
        : undefined;
    const asksForPublications = query.clauses.length > 0 || !!query.years || within !== null || !!accept;
    const aliases = this.aliases();
    const found = asksForPublications
      ? this.current.search(query, {
          synonyms: (term) => aliases.get(term) ?? [],
          ...(within ? { within } : {}),
          ...(accept ? { accept } : {}),
        })
      : null;

    const facets: SearchFacets = { genes: [], years: [], freeFullText: 0, inList: 0, read: 0, unread: 0 };
    const total = found?.total ?? 0;
    if (found) {
      const genes = this.geneTable();
      const geneCounts = new Uint32Array(genes.symbols.length);
      const yearCounts = new Map<number, number>();
      found.each((data, doc) => {
        const g = genes.first.get(data)?.[doc];
        if (g) geneCounts[g - 1]!++;
        for (const more of genes.more.get(data)?.get(doc) ?? []) geneCounts[more]!++;
        const year = data.years[doc]!;
        if (year) yearCounts.set(year, (yearCounts.get(year) ?? 0) + 1);
        if (data.free[doc]) facets.freeFullText++;
      });
      // The reading-list facets from the (few) listed papers, not from every hit.
      for (const [id, mark] of listed) {
        const at = this.current.locate(id);
        if (!at || !found.has(at.data, at.doc)) continue;
        facets.inList++;
        if (mark.read) facets.read++;
      }
      facets.unread = total - facets.read;
      facets.genes = [...geneCounts]
        .map((count, g) => ({ symbol: genes.symbols[g]!, count }))
        .filter((x) => x.count > 0)
        .sort((a, b) => b.count - a.count || a.symbol.localeCompare(b.symbol))
        .slice(0, 30);
      facets.years = [...yearCounts].map(([year, count]) => ({ year, count })).sort((a, b) => b.year - a.year);
    }

    // The page shown: a paper the catalogue no longer holds (a removal whose shard could not be tidied) is left out.
    const page = (found?.top(offset, limit) ?? []).filter((h) => this.library.holds(h.key));
    const stored = await this.storedDocuments(page.map((h) => h.key));
    const terms = new Set(found?.terms ?? []);
    // Words of the query itself (a gene, a note or a list is matched without the index), and the word being typed.
    for (const c of query.clauses) for (const t of c.terms) terms.add(t);
    const prefixes = query.clauses.filter((c) => c.prefix).map((c) => c.terms[0]!);
    const mark = (text: string) => marksIn(text, terms, prefixes);
    const items: PublicationResult[] = [];
    for (const h of page) {
      const p = stored.get(h.key);
      if (!p) continue;
      const listing = listed.get(h.key);
      const authors = p.authors;
      const snippet = snippetOf(p.abstract, terms);
      items.push({
        id: h.key,
        title: p.title,
        authors,
        journal: p.journal,
        ...(p.year ? { year: p.year } : {}),
        genes: this.library.genesCiting(h.key),
        freeFullText: p.freeFullText,
        bookmarked: !!listing,
        read: !!listing?.read,
        snippet,
        marks: { title: mark(p.title), authors: mark(authors), snippet: mark(snippet) },
        score: Math.round(h.score * 100) / 100,
      });
    }

    // Genes, notes and list names: only for plain words (a field filter asks for publications).
    const plain = query.clauses.filter((c) => !c.field);
    const small = plain.length > 0 && plain.length === query.clauses.length;
    const alternatives = (term: string) => aliases.get(term) ?? [];
    const genes = small
      ? this.geneWords()
          .map(({ g, names, words }) => {
            const bySymbol = looseMatch(names, plain, alternatives);
            const byName = looseMatch(words, plain);
            return { g, score: Math.max(bySymbol * 2, byName) };
          })
          .filter((x) => x.score > 0)
          .sort((a, b) => b.score - a.score || a.g.symbol.localeCompare(b.g.symbol))
          .slice(0, MAX_SMALL_RESULTS)
          .map(({ g }) => ({
            symbol: g.symbol,
            name: g.name,
            aliases: g.aliases,
            publicationCount: g.publicationCount,
            marks: { symbol: mark(g.symbol), name: mark(g.name), aliases: g.aliases.map(mark) },
          }))
      : [];
    const notes: NoteResult[] = [];
    const lists: ListResult[] = [];
    if (small) {
      const noted = user.lists.flatMap((list) => list.items.filter((item) => item.note && looseMatch(termsOf(item.note), plain) > 0).map((item) => ({ list, item }))).slice(0, MAX_SMALL_RESULTS);
      const titles = await this.library.publications(noted.map((n) => n.item.publicationId));
      for (const { list, item } of noted.slice(0, MAX_SMALL_RESULTS)) {
        const title = titles.get(item.publicationId)?.title ?? user.snapshots[item.publicationId]?.title ?? item.publicationId;
        notes.push({ listId: list.id, listName: list.name, itemId: item.id, publicationId: item.publicationId, title, note: item.note, marks: mark(item.note) });
      }
      for (const list of user.lists) if (looseMatch(termsOf(list.name), plain) > 0) lists.push({ id: list.id, name: list.name, items: list.items.length, marks: mark(list.name) });
    }
    return {
      query: request.query,
      problems,
      terms: [...terms],
      genes,
      // Where the next page starts: the window ranked, not the items shown (one left out, its paper gone, must not repeat a row).
      publications: { total, offset, next: offset + limit, items },
      notes,
      lists,
      facets,
      ready: this.isReady,
      indexed: this.current.size,
    };
  }
}

/** About 240 characters of the abstract around the first matched word, or its start. */
export function snippetOf(abstract: string, terms: Set<string>): string {
  if (!abstract) return '';
  const words = [...abstract.matchAll(/[\p{L}\p{N}]+/gu)];
  const hit = words.find((m) => termsOfWord(m[0]).some((t) => terms.has(t)));
  const at = hit?.index ?? 0;
  const start = at < 80 ? 0 : abstract.lastIndexOf(' ', at - 60) + 1;
  let end = Math.min(abstract.length, start + 240);
  // A snippet that stops short ends at a word, without a stop before its "…" ("treatm…", "malignancies.…").
  if (end < abstract.length) {
    const space = abstract.lastIndexOf(' ', end);
    if (space > start + 160) end = space;
  }
  let cut = abstract.slice(start, end).replace(/\s+/g, ' ').trim();
  if (end < abstract.length) cut = cut.replace(/[\s.,;:]+$/, '');
  return `${start > 0 ? '…' : ''}${cut}${end < abstract.length ? '…' : ''}`;
}
