import SearchableMap from 'minisearch/SearchableMap';
import { FIELDS, type FieldName, type ParsedQuery, type QueryClause } from './query';
import { FIELD_COUNT, FIELD_INDEX, ID_MARK, SegmentBuilder, buildSegment, eachPosting, occurrences, overVocabulary, type BuiltSegment, type SearchDocument, type SegmentData } from './segment';

/**
 * The publication index: a vocabulary shared by segments of packed postings, a segment per batch
 * of documents added (an import adds one; nothing is rebuilt), and a document removed or replaced
 * is only marked dead in its segment. Ranking is BM25 over fields with boosts; every clause of a
 * query must match (as PubMed and Zotero's quick search do), each single word through its
 * expansions: itself, the gene aliases it names, the words it begins (the word being typed) and
 * the words within one or two typos of it.
 */

/** Title and MeSH matches rank above abstract matches (issue 11). */
export const FIELD_BOOST: Record<FieldName, number> = { title: 3, abstract: 1, authors: 2.5, journal: 1.5, mesh: 3, keywords: 2, ids: 3 };
const BOOSTS = FIELDS.map((f) => FIELD_BOOST[f]);
const K1 = 1.2;
const B = 0.75;

/** How much a match through an expansion counts against a match of the word itself. */
const WEIGHT = { exact: 1, synonym: 0.9, prefix: 0.8, typo1: 0.45, typo2: 0.3 };
/** The most words one prefix stands for: the commonest, so "le" still answers at once. */
const MAX_PREFIX_TERMS = 200;

/** Typos forgiven in a word of this many letters: one from four, two from eight. */
export function typosFor(term: string): number {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
}

export class Vocabulary {
  // The radix tree answers exact terms, prefixes and typos. (Indexing asks it only once per term
  // per shard: a segment is built over its own terms, in the worker.)
  private readonly tree = new SearchableMap<number>();
  /**
   * Identifiers (ID_MARK first): looked up whole only, and seldom (a PMID typed, a shard indexed
   * again), so at a cold start the map is made when first needed: two terms in three are
   * identifiers, and making their map was a tenth of the start.
   */
  private identifierMap: Map<string, number> | null = new Map();
  readonly terms: string[] = [];

  /** A vocabulary read back from the index on disk: ids in the order given. */
  constructor(terms: readonly string[] = []) {
    if (terms.length === 0) return;
    this.terms = [...terms];
    this.identifierMap = null;
    // Words go into the tree in sorted order, a third faster than in id order.
    const words: number[] = [];
    for (let id = 0; id < terms.length; id++) if (!terms[id]!.startsWith(ID_MARK)) words.push(id);
    words.sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));
    for (const id of words) this.tree.set(terms[id]!, id);
  }

  private get identifiers(): Map<string, number> {
    if (!this.identifierMap) {
      const map = new Map<string, number>();
      this.terms.forEach((term, id) => term.startsWith(ID_MARK) && map.set(term, id));
      this.identifierMap = map;
    }
    return this.identifierMap;
  }

  get size(): number {
    return this.terms.length;
  }

  idOf(term: string): number {
    const identifier = term.startsWith(ID_MARK);
    let id = identifier ? this.identifiers.get(term) : this.tree.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      if (identifier) this.identifiers.set(term, id);
      else this.tree.set(term, id);
    }
    return id;
  }

  find(term: string): number | undefined {
    return term.startsWith(ID_MARK) ? this.identifiers.get(term) : this.tree.get(term);
  }

  /** Ids of the terms that begin with `prefix` (itself included). */
  withPrefix(prefix: string): number[] {
    const out: number[] = [];
    for (const id of this.tree.atPrefix(prefix).values()) out.push(id);
    return out;
  }

  /** Terms within `distance` edits of `term` (itself excluded), with their distance. */
  near(term: string, distance: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const [key, [id, d]] of this.tree.fuzzyGet(term, distance)) if (key !== term) out.push([id, d]);
    return out;
  }
}

/** The most documents one segment holds (a shard holds 2,000): the `where` codes count on it. */
const DOCS_PER_SEGMENT = 1 << 20;

/** A segment attached to an index, as its caller holds it (opaque). */
export type SegmentHandle = object;

interface LiveSegment {
  /** Its number in the index's `where` codes. */
  number: number;
  data: SegmentData;
  /** 1 while the document is in the index; a removed or replaced one is 0. */
  alive: Uint8Array;
  aliveCount: number;
  /** Words per field over the segment's documents, for the average field length. */
  lengthSums: Float64Array;
}

export interface SearchHit {
  key: string;
  score: number;
  year: number;
}

export interface SearchOptions {
  /** Terms a single word also stands for (a gene's symbol and aliases), folded. */
  synonyms?: (term: string) => string[];
  /** Only these documents, when given (gene: filters, a reading-list facet), by key. */
  within?: Iterable<string>;
  /** Only the documents this accepts (year and free-full-text facets read the segment's arrays). */
  accept?: (data: SegmentData, doc: number) => boolean;
}

/** One segment's hits: which documents, and their scores. */
interface SegmentHits {
  data: SegmentData;
  docs: Int32Array;
  scores: Float64Array;
}

/**
 * What a query found. A broad query ("leukemia") finds most of a library: the hits stay in typed
 * arrays per segment, counted and visited there, and only the page shown becomes objects (a
 * partial sort picks it), so a search over 100,000 papers costs milliseconds, not a sort of
 * 100,000 objects.
 */
export class SearchResult {
  constructor(
    private readonly segments: SegmentHits[],
    /** The index terms the query matched through, for highlighting. */
    readonly terms: string[],
  ) {}

  get total(): number {
    return this.segments.reduce((n, s) => n + s.docs.length, 0);
  }

  /** Calls visit for every hit (facet counts). */
  each(visit: (data: SegmentData, doc: number) => void): void {
    for (const s of this.segments) for (let i = 0; i < s.docs.length; i++) visit(s.data, s.docs[i]!);
  }

  /** Whether a document (by its segment and number) is a hit. */
  has(data: SegmentData, doc: number): boolean {
    const s = this.segments.find((x) => x.data === data);
    if (!s) return false;
    // docs are ascending: a binary search.
    let lo = 0;
    let hi = s.docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = s.docs[mid]!;
      if (v === doc) return true;
      if (v < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** The hits ranked offset+1 to offset+limit: best first, ties by newest year, then key. */
  top(offset: number, limit: number): SearchHit[] {
    const k = offset + limit;
    if (k <= 0) return [];
    // A bounded heap of the best k, worst at the root.
    const heap: SearchHit[] = [];
    const worse = (a: SearchHit, b: SearchHit) => a.score < b.score || (a.score === b.score && (a.year < b.year || (a.year === b.year && a.key > b.key)));
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    };
    for (const s of this.segments) {
      for (let i = 0; i < s.docs.length; i++) {
        const doc = s.docs[i]!;
        const score = s.scores[i]!;
        if (heap.length === k) {
          const root = heap[0]!;
          if (score < root.score) continue;
          const hit = { key: s.data.keys[doc]!, score, year: s.data.years[doc]! };
          if (!worse(root, hit)) continue;
          heap[0] = hit;
          down(0);
        } else {
          heap.push({ key: s.data.keys[doc]!, score, year: s.data.years[doc]! });
          for (let j = heap.length - 1; j > 0; ) {
            const parent = (j - 1) >> 1;
            if (!worse(heap[j]!, heap[parent]!)) break;
            [heap[j], heap[parent]] = [heap[parent]!, heap[j]!];
            j = parent;
          }
        }
      }
    }
    return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)).slice(offset);
  }
}

interface Expansion {
  id: number;
  weight: number;
}

export class SearchIndex {
  constructor(readonly vocabulary = new Vocabulary()) {}

  /** An index over a vocabulary read back from disk: term ids in the order given. */
  static withTerms(terms: readonly string[]): SearchIndex {
    return new SearchIndex(new Vocabulary(terms));
  }
  private segments: LiveSegment[] = [];
  /**
   * Documents each term occurs in, over the segments attached, by term id: BM25's idf and the
   * choice of a prefix's commonest words read it once per term instead of once per segment.
   * (A document removed from a live segment still counts until its segment goes: a small error
   * in idf, never in what is found.)
   */
  private df = new Uint32Array(1024);
  /**
   * Where each key is indexed, as one number (segment number * 2^20 + document): a small object
   * per document was a hundred thousand objects for main's garbage collector to walk at 100,000
   * publications.
   */
  private readonly where = new Map<string, number>();
  private readonly byNumber = new Map<number, LiveSegment>();
  private nextSegment = 1;

  private at(key: string): { segment: LiveSegment; doc: number } | undefined {
    const code = this.where.get(key);
    if (code === undefined) return undefined;
    return { segment: this.byNumber.get(Math.floor(code / DOCS_PER_SEGMENT))!, doc: code % DOCS_PER_SEGMENT };
  }

  /** Documents in the index. */
  get size(): number {
    return this.where.size;
  }

  has(key: string): boolean {
    return this.where.has(key);
  }

  keys(): IterableIterator<string> {
    return this.where.keys();
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** A builder for a segment to attach (attachBuilt) when it is done. */
  builder(): SegmentBuilder {
    return new SegmentBuilder();
  }

  /** Adds documents as one new segment; a key already indexed is replaced. */
  add(documents: SearchDocument[]): void {
    if (documents.length === 0) return;
    this.attachBuilt(buildSegment(documents));
  }

  /** The index's ids of a built segment's terms (new terms join the vocabulary), in its local order. */
  idsFor(terms: readonly string[], from = 0, to = terms.length, into = new Uint32Array(terms.length)): Uint32Array {
    for (let i = from; i < to; i++) into[i] = this.vocabulary.idOf(terms[i]!);
    return into;
  }

  /** Attaches a built segment: its terms given the index's ids (see idsFor, which a caller may run in slices). */
  attachBuilt(built: BuiltSegment, ids = this.idsFor(built.terms), alive?: Uint8Array): SegmentHandle {
    return this.attach(overVocabulary(built, ids), alive);
  }

  /**
   * Takes in a segment built over this vocabulary (by builder(), or read from the index file with
   * the documents that were dead when it was written); its keys replace any indexed before.
   * Returns the segment, to detach when what it indexes is indexed again.
   */
  attach(data: SegmentData, alive?: Uint8Array): SegmentHandle {
    const n = data.keys.length;
    if (n > DOCS_PER_SEGMENT) throw new Error(`a segment of ${n} documents is more than one segment holds`);
    const lengthSums = new Float64Array(FIELD_COUNT);
    const segment: LiveSegment = { data, alive: new Uint8Array(n), aliveCount: 0, lengthSums, number: this.nextSegment++ };
    this.byNumber.set(segment.number, segment);
    for (let doc = 0; doc < n; doc++) {
      if (alive && !alive[doc]) continue;
      const key = data.keys[doc]!;
      this.kill(key);
      this.where.set(key, segment.number * DOCS_PER_SEGMENT + doc);
      segment.alive[doc] = 1;
      segment.aliveCount++;
      for (let f = 0; f < FIELD_COUNT; f++) lengthSums[f]! += data.fieldLengths[doc * FIELD_COUNT + f]!;
    }
    this.segments.push(segment);
    this.count(segment, 1);
    this.prune();
    return segment;
  }

  /** Removes every document still indexed through this segment (a shard indexed again, or gone). */
  detach(handle: SegmentHandle): void {
    const segment = handle as LiveSegment;
    for (let doc = 0; doc < segment.alive.length; doc++) if (segment.alive[doc]) this.kill(segment.data.keys[doc]!);
    this.prune();
  }

  remove(keys: Iterable<string>): void {
    for (const key of keys) this.kill(key);
    this.prune();
  }

  private prune(): void {
    if (!this.segments.some((s) => s.aliveCount === 0)) return;
    for (const s of this.segments) {
      if (s.aliveCount !== 0) continue;
      this.count(s, -1);
      this.byNumber.delete(s.number);
    }
    this.segments = this.segments.filter((s) => s.aliveCount > 0);
  }

  /** Adds (sign 1) or takes away (-1) a segment's document counts. */
  private count(segment: LiveSegment, sign: 1 | -1): void {
    const { termIds, docCounts } = segment.data;
    const top = termIds.length ? termIds[termIds.length - 1]! + 1 : 0;
    if (top > this.df.length) {
      const bigger = new Uint32Array(Math.max(top, this.df.length * 2));
      bigger.set(this.df);
      this.df = bigger;
    }
    for (let slot = 0; slot < termIds.length; slot++) this.df[termIds[slot]!]! += sign * docCounts[slot]!;
  }

  private kill(key: string): void {
    const at = this.at(key);
    if (!at) return;
    at.segment.alive[at.doc] = 0;
    at.segment.aliveCount--;
    for (let f = 0; f < FIELD_COUNT; f++) at.segment.lengthSums[f]! -= at.segment.data.fieldLengths[at.doc * FIELD_COUNT + f]!;
    this.where.delete(key);
  }

  /** A segment as it is now, for the index file: its data and which documents are alive. */
  static contents(handle: SegmentHandle): { data: SegmentData; alive: Uint8Array } {
    const segment = handle as LiveSegment;
    return { data: segment.data, alive: segment.alive };
  }

  /** Whether a segment still indexes anything (a detached or wholly replaced one does not). */
  static isLive(handle: SegmentHandle): boolean {
    return (handle as LiveSegment).aliveCount > 0;
  }

  /** Bytes of postings held, for figures. */
  get postingBytes(): number {
    return this.segments.reduce((n, s) => n + s.data.blob.byteLength, 0);
  }

  private documentFrequency(id: number): number {
    return id < this.df.length ? this.df[id]! : 0;
  }

  private expansions(clause: QueryClause, synonyms?: (term: string) => string[]): Expansion[] {
    const term = clause.terms[0]!;
    const best = new Map<number, number>();
    const offer = (id: number | undefined, weight: number) => {
      if (id !== undefined && weight > (best.get(id) ?? 0)) best.set(id, weight);
    };
    if (clause.field === 'ids') {
      offer(this.vocabulary.find(ID_MARK + term), WEIGHT.exact);
      return [...best].map(([id, weight]) => ({ id, weight }));
    }
    offer(this.vocabulary.find(term), WEIGHT.exact);
    // A number typed on its own may be a PMID.
    if (!clause.field && /^\d{4,12}$/.test(term)) offer(this.vocabulary.find(ID_MARK + term), WEIGHT.exact);
    for (const s of synonyms?.(term) ?? []) offer(this.vocabulary.find(s), WEIGHT.synonym);
    if (!clause.exact) {
      if (clause.prefix) {
        let ids = this.vocabulary.withPrefix(term);
        if (ids.length > MAX_PREFIX_TERMS) {
          const df = new Map(ids.map((id) => [id, this.documentFrequency(id)]));
          ids = ids.sort((a, b) => df.get(b)! - df.get(a)!).slice(0, MAX_PREFIX_TERMS);
        }
        for (const id of ids) offer(id, WEIGHT.prefix);
      }
      const typos = typosFor(term);
      if (typos) for (const [id, d] of this.vocabulary.near(term, typos)) offer(id, d === 1 ? WEIGHT.typo1 : WEIGHT.typo2);
    }
    return [...best].map(([id, weight]) => ({ id, weight }));
  }

  search(query: ParsedQuery, options: SearchOptions = {}): SearchResult {
    const total = this.size;
    const avg = new Float64Array(FIELD_COUNT);
    for (const s of this.segments) for (let f = 0; f < FIELD_COUNT; f++) avg[f]! += s.lengthSums[f]!;
    for (let f = 0; f < FIELD_COUNT; f++) avg[f] = total ? Math.max(avg[f]! / total, 1) : 1;
    const idf = (id: number) => {
      const df = this.documentFrequency(id);
      return Math.log(1 + (total - df + 0.5) / (df + 0.5));
    };
    const clauses = query.clauses.map((clause) => ({
      clause,
      fieldOnly: clause.field ? FIELD_INDEX[clause.field] : -1,
      expansions: clause.terms.length === 1 ? this.expansions(clause, options.synonyms) : [],
      phrase: clause.terms.length > 1 ? clause.terms.map((t) => this.vocabulary.find(t)) : null,
    }));
    const matchedTerms = new Set<string>();
    for (const c of clauses) {
      for (const e of c.expansions) if (!this.vocabulary.terms[e.id]!.startsWith(ID_MARK)) matchedTerms.add(this.vocabulary.terms[e.id]!);
      if (c.phrase && c.phrase.every((id) => id !== undefined)) for (const t of c.clause.terms) matchedTerms.add(t);
    }
    const years = query.years;
    // `within` as a mark per document of each segment it reaches.
    let withinMarks: Map<LiveSegment, Uint8Array> | null = null;
    if (options.within) {
      withinMarks = new Map();
      for (const key of options.within) {
        const at = this.at(key);
        if (!at) continue;
        let marks = withinMarks.get(at.segment);
        if (!marks) withinMarks.set(at.segment, (marks = new Uint8Array(at.segment.data.keys.length)));
        marks[at.doc] = 1;
      }
    }
    const found: SegmentHits[] = [];
    for (const segment of this.segments) {
      const marks = withinMarks ? withinMarks.get(segment) : null;
      if (withinMarks && !marks) continue;
      const data = segment.data;
      const n = data.keys.length;
      const lengths = data.fieldLengths;
      const score = new Float64Array(n);
      // Clauses matched per document (a query holds up to 1,000 characters: hundreds of clauses).
      const matched = new Uint16Array(n);
      const best = new Float64Array(n);
      const noted = new Uint8Array(n);
      const touched: number[] = [];
      const bm25 = (doc: number, field: number, count: number) => {
        const len = field === FIELD_INDEX.ids ? avg[field]! : lengths[doc * FIELD_COUNT + field]!;
        return (BOOSTS[field]! * (count * (K1 + 1))) / (count + K1 * (1 - B + (B * len) / avg[field]!));
      };
      clauses.forEach((c, ci) => {
        touched.length = 0;
        const note = (doc: number, value: number) => {
          if (!noted[doc]) {
            noted[doc] = 1;
            touched.push(doc);
            best[doc] = value;
          } else if (value > best[doc]!) best[doc] = value;
        };
        if (c.phrase) {
          if (c.phrase.some((id) => id === undefined)) return;
          const ids = c.phrase as number[];
          const weight = ids.reduce((sum, id) => sum + idf(id), 0);
          const lists = ids.map((id) => occurrences(data, id));
          const [firstList, ...rest] = lists;
          for (const [doc, byField] of firstList!) {
            if (matched[doc] !== ci) continue;
            let value = 0;
            for (let f = 0; f < FIELD_COUNT; f++) {
              if (c.fieldOnly >= 0 && f !== c.fieldOnly) continue;
              const starts = byField[f];
              if (!starts) continue;
              let count = 0;
              for (const p of starts) if (rest.every((list, k) => list.get(doc)?.[f]?.includes(p + k + 1))) count++;
              if (count) value += bm25(doc, f, count);
            }
            if (value) note(doc, weight * value);
          }
        } else {
          for (const e of c.expansions) {
            const weight = e.weight * idf(e.id);
            let current = -1;
            let sum = 0;
            eachPosting(data, e.id, (doc, field, count) => {
              if (doc !== current) {
                if (sum) note(current, weight * sum);
                current = doc;
                sum = 0;
              }
              if (matched[doc] !== ci) return;
              if (c.fieldOnly >= 0 && field !== c.fieldOnly) return;
              sum += bm25(doc, field, count);
            });
            if (sum) note(current, weight * sum);
          }
        }
        for (const doc of touched) {
          matched[doc]!++;
          score[doc]! += best[doc]!;
          best[doc] = 0;
          noted[doc] = 0;
        }
      });
      const need = clauses.length;
      const docs: number[] = [];
      for (let doc = 0; doc < n; doc++) {
        if (matched[doc] !== need || !segment.alive[doc] || (marks && !marks[doc])) continue;
        const year = data.years[doc]!;
        if (years && (year < years.from || year > years.to)) continue;
        if (options.accept && !options.accept(data, doc)) continue;
        docs.push(doc);
      }
      if (docs.length) found.push({ data, docs: Int32Array.from(docs), scores: Float64Array.from(docs, (d) => score[d]!) });
    }
    return new SearchResult(found, [...matchedTerms]);
  }

  /** Where a document is indexed: its segment's data and its number there. */
  locate(key: string): { data: SegmentData; doc: number } | undefined {
    const at = this.at(key);
    return at ? { data: at.segment.data, doc: at.doc } : undefined;
  }

}
