import SearchableMap from 'minisearch/SearchableMap';
import { spellingOf } from './fold';
import { FIELDS, type FieldName, type ParsedQuery, type QueryClause } from './query';
import { FIELD_COUNT, FIELD_INDEX, SegmentBuilder, buildSegment, eachPosting, occurrences, type SearchDocument, type SegmentData, type TermIds } from './segment';

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

export class Vocabulary implements TermIds {
  // The radix tree answers prefixes and typos; a plain Map answers "which id is this term" five
  // times faster, and that is asked for every word of every document indexed.
  private readonly tree = new SearchableMap<number>();
  private readonly ids = new Map<string, number>();
  /** A word as met in text (characters folded, spelling not) to its term's id: one lookup per word indexed. */
  private readonly words = new Map<string, number>();
  readonly terms: string[] = [];

  get size(): number {
    return this.terms.length;
  }

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
      this.tree.set(term, id);
    }
    return id;
  }

  idOfWord(word: string): number {
    let id = this.words.get(word);
    if (id === undefined) {
      id = this.idOf(spellingOf(word));
      this.words.set(word, id);
    }
    return id;
  }

  find(term: string): number | undefined {
    return this.ids.get(term);
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

interface LiveSegment {
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
  /** Only these documents, when given (gene: filters, facets). */
  allowed?: (key: string) => boolean;
}

export interface SearchResult {
  /** Every hit, best first (ties by newest year). */
  hits: SearchHit[];
  /** The index terms the query matched through, for highlighting. */
  terms: string[];
}

interface Expansion {
  id: number;
  weight: number;
}

export class SearchIndex {
  readonly vocabulary = new Vocabulary();
  private segments: LiveSegment[] = [];
  private readonly where = new Map<string, { segment: LiveSegment; doc: number }>();

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

  /** A builder over this index's vocabulary, for a segment to attach when it is done. */
  builder(): SegmentBuilder {
    return new SegmentBuilder(this.vocabulary);
  }

  /** Adds documents as one new segment; a key already indexed is replaced. */
  add(documents: SearchDocument[]): void {
    if (documents.length === 0) return;
    this.remove(documents.map((d) => d.key));
    this.attach(buildSegment(documents, this.vocabulary));
  }

  /** Takes in a segment built elsewhere (a worker, or the index file) over this vocabulary. */
  attach(data: SegmentData): void {
    const n = data.keys.length;
    const lengthSums = new Float64Array(FIELD_COUNT);
    for (let doc = 0; doc < n; doc++) for (let f = 0; f < FIELD_COUNT; f++) lengthSums[f]! += data.fieldLengths[doc * FIELD_COUNT + f]!;
    const segment: LiveSegment = { data, alive: new Uint8Array(n).fill(1), aliveCount: n, lengthSums };
    for (let doc = 0; doc < n; doc++) {
      const key = data.keys[doc]!;
      this.kill(key);
      this.where.set(key, { segment, doc });
    }
    this.segments.push(segment);
  }

  remove(keys: Iterable<string>): void {
    for (const key of keys) this.kill(key);
    this.segments = this.segments.filter((s) => s.aliveCount > 0);
  }

  private kill(key: string): void {
    const at = this.where.get(key);
    if (!at) return;
    at.segment.alive[at.doc] = 0;
    at.segment.aliveCount--;
    for (let f = 0; f < FIELD_COUNT; f++) at.segment.lengthSums[f]! -= at.segment.data.fieldLengths[at.doc * FIELD_COUNT + f]!;
    this.where.delete(key);
  }

  /** The segments as they are, for the index file. */
  segmentData(): Array<{ data: SegmentData; alive: Uint8Array }> {
    return this.segments.map((s) => ({ data: s.data, alive: s.alive }));
  }

  /** Marks documents dead in the last attached segment (the index file's record of removals). */
  markDead(segmentIndex: number, alive: Uint8Array): void {
    const segment = this.segments[segmentIndex];
    if (!segment) return;
    for (let doc = 0; doc < alive.length; doc++) if (!alive[doc] && segment.alive[doc]) this.kill(segment.data.keys[doc]!);
    this.segments = this.segments.filter((s) => s.aliveCount > 0);
  }

  private documentFrequency(id: number): number {
    let df = 0;
    for (const s of this.segments) if (id < s.data.docCounts.length) df += s.data.docCounts[id]!;
    return df;
  }

  private expansions(clause: QueryClause, synonyms?: (term: string) => string[]): Expansion[] {
    const term = clause.terms[0]!;
    const best = new Map<number, number>();
    const offer = (id: number | undefined, weight: number) => {
      if (id !== undefined && weight > (best.get(id) ?? 0)) best.set(id, weight);
    };
    offer(this.vocabulary.find(term), WEIGHT.exact);
    if (clause.field !== 'ids') for (const s of synonyms?.(term) ?? []) offer(this.vocabulary.find(s), WEIGHT.synonym);
    if (!clause.exact && clause.field !== 'ids') {
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
      for (const e of c.expansions) matchedTerms.add(this.vocabulary.terms[e.id]!);
      if (c.phrase && c.phrase.every((id) => id !== undefined)) for (const t of c.clause.terms) matchedTerms.add(t);
    }
    const years = query.years;
    const hits: SearchHit[] = [];
    for (const segment of this.segments) {
      const data = segment.data;
      const n = data.keys.length;
      const lengths = data.fieldLengths;
      const score = new Float64Array(n);
      const matched = new Uint8Array(n);
      const best = new Float64Array(n);
      const touched: number[] = [];
      const bm25 = (doc: number, field: number, count: number) => {
        const len = field === FIELD_INDEX.ids ? avg[field]! : lengths[doc * FIELD_COUNT + field]!;
        return (BOOSTS[field]! * (count * (K1 + 1))) / (count + K1 * (1 - B + (B * len) / avg[field]!));
      };
      clauses.forEach((c, ci) => {
        touched.length = 0;
        const note = (doc: number, value: number) => {
          if (best[doc] === 0) touched.push(doc);
          if (value > best[doc]!) best[doc] = value;
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
        }
      });
      const need = clauses.length;
      for (let doc = 0; doc < n; doc++) {
        if (matched[doc] !== need || !segment.alive[doc]) continue;
        const year = data.years[doc]!;
        if (years && (year < years.from || year > years.to)) continue;
        const key = data.keys[doc]!;
        if (options.allowed && !options.allowed(key)) continue;
        hits.push({ key, score: score[doc]!, year });
      }
    }
    hits.sort((a, b) => b.score - a.score || b.year - a.year || (a.key < b.key ? -1 : 1));
    return { hits, terms: [...matchedTerms] };
  }

  /** Whether a document has free full text (a facet), by key. */
  isFree(key: string): boolean {
    const at = this.where.get(key);
    return !!at && at.segment.data.free[at.doc] === 1;
  }

  yearOf(key: string): number | undefined {
    const at = this.where.get(key);
    return at ? at.segment.data.years[at.doc] || undefined : undefined;
  }
}
