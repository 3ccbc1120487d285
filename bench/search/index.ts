/**
 * Search on a synthetic library (issue 11): 100,000 publications over 1,000 genes with a Zipf
 * vocabulary (bench/search/corpus.ts), 60 known-target queries in each of four styles. Prints,
 * for GeneShelf's index and (GENESHELF_BENCH_PEERS=1) MiniSearch on the same corpus: build time,
 * heap held, recall (target in the top 10) per style, latency p50/p95 over the query set after a
 * warm-up, and the time to add 1,000 more records.
 *
 *   node bench/run.mjs bench/search/index.ts
 *   GENESHELF_BENCH_RECORDS=20000 GENESHELF_BENCH_PEERS=1 node --expose-gc bench/run.mjs bench/search/index.ts
 *
 * Prints figures; it is not a test.
 */
import MiniSearch from 'minisearch';
import { SearchIndex, documentOf, parseQuery } from '../../electron/core/search';
import type { Publication } from '../../electron/core/model';
import { STYLES, makeCorpus, makeQueries, type KnownQuery } from './corpus';

const RECORDS = Number(process.env.GENESHELF_BENCH_RECORDS ?? 100_000);
const GENES = Number(process.env.GENESHELF_BENCH_GENES ?? 1_000);
const PER_STYLE = Number(process.env.GENESHELF_BENCH_QUERIES ?? 60);
const PEERS = process.env.GENESHELF_BENCH_PEERS === '1';

const gc = () => (globalThis as { gc?: () => void }).gc?.();
/** JS heap plus the typed arrays outside it (the postings): what the index holds. */
const heapMb = () => {
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const f1 = (x: number) => x.toFixed(1);

interface Engine {
  name: string;
  search(text: string): string[];
}

function evaluate(engine: Engine, queries: KnownQuery[]): void {
  // Warm-up: the whole set once, as a session of typing would.
  for (const q of queries) engine.search(q.text);
  const times: number[] = [];
  const found = new Map<string, number>();
  const misses: string[] = [];
  for (const q of queries) {
    const start = performance.now();
    const keys = engine.search(q.text);
    times.push(performance.now() - start);
    if (keys.slice(0, 10).includes(q.target)) found.set(q.style, (found.get(q.style) ?? 0) + 1);
    else if (misses.length < 4) misses.push(`${q.style}: "${q.text.trim()}"`);
  }
  const perStyle = STYLES.map((s) => `${s} ${found.get(s) ?? 0}/${PER_STYLE}`).join(', ');
  console.log(`  ${engine.name}: top-10 recall ${perStyle}`);
  console.log(`  ${engine.name}: latency p50 ${f1(pct(times, 0.5))} ms, p95 ${f1(pct(times, 0.95))} ms, max ${f1(Math.max(...times))} ms over ${queries.length} queries`);
  for (const style of STYLES) {
    const mine = queries.map((q, i) => (q.style === style ? times[i]! : -1)).filter((t) => t >= 0);
    console.log(`    ${style}: p50 ${f1(pct(mine, 0.5))} ms, p95 ${f1(pct(mine, 0.95))} ms`);
  }
  if (misses.length) console.log(`    missed, for example: ${misses.join('; ')}`);
}

function geneShelf(publications: Publication[], extra: Publication[], queries: KnownQuery[]): void {
  const before = heapMb();
  let start = performance.now();
  const index = new SearchIndex();
  // In slices of one shard (2,000), as the library is read.
  for (let i = 0; i < publications.length; i += 2000) index.add(publications.slice(i, i + 2000).map(documentOf));
  const buildMs = performance.now() - start;
  const held = heapMb() - before;
  const blob = index.segmentData().reduce((n, s) => n + s.data.blob.byteLength, 0);
  console.log(`GeneShelf index: built in ${f1(buildMs / 1000)} s over ${index.segmentCount} segments; memory held ${held.toFixed(0)} MB (of which postings ${(blob / 1e6).toFixed(0)} MB); ${index.vocabulary.size.toLocaleString('en')} terms`);
  evaluate({ name: 'GeneShelf', search: (text) => index.search(parseQuery(text)).hits.map((h) => h.key) }, queries);
  start = performance.now();
  index.add(extra.map(documentOf));
  console.log(`  adding ${extra.length.toLocaleString('en')} records: ${f1(performance.now() - start)} ms`);
}

function miniSearch(publications: Publication[], extra: Publication[], queries: KnownQuery[]): void {
  const before = heapMb();
  let start = performance.now();
  const ms = new MiniSearch<Publication>({
    fields: ['title', 'abstract', 'authorsText', 'journal', 'meshText'],
    extractField: (p, field) =>
      field === 'authorsText' ? p.authors.join(' ') : field === 'meshText' ? (p.mesh ?? []).map((m) => m.descriptor).join(' ') : String((p as unknown as Record<string, unknown>)[field] ?? ''),
    searchOptions: { boost: { title: 3, meshText: 3, authorsText: 2 }, prefix: (_t, i, terms) => i === terms.length - 1, fuzzy: (t) => (t.length >= 8 ? 2 : t.length >= 4 ? 1 : 0), combineWith: 'AND' },
  });
  ms.addAll(publications);
  const buildMs = performance.now() - start;
  console.log(`MiniSearch 7: built in ${f1(buildMs / 1000)} s; memory held ${(heapMb() - before).toFixed(0)} MB`);
  evaluate({ name: 'MiniSearch', search: (text) => ms.search(text.trim()).map((h) => String(h.id)) }, queries);
  start = performance.now();
  ms.addAll(extra);
  console.log(`  adding ${extra.length.toLocaleString('en')} records: ${f1(performance.now() - start)} ms`);
}

export async function run(): Promise<void> {
  let start = performance.now();
  const corpus = makeCorpus(RECORDS + 1000, GENES);
  const publications = corpus.publications.slice(0, RECORDS);
  const extra = corpus.publications.slice(RECORDS);
  const queries = makeQueries({ ...corpus, publications }, PER_STYLE);
  const chars = publications.reduce((n, p) => n + p.title.length + p.abstract.length, 0);
  console.log(`corpus: ${RECORDS.toLocaleString('en')} publications over ${GENES.toLocaleString('en')} genes (${(chars / RECORDS).toFixed(0)} characters of title and abstract each), made in ${f1((performance.now() - start) / 1000)} s; ${queries.length} queries`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run node with --expose-gc for exact heap figures)');
  geneShelf(publications, extra, queries);
  if (PEERS) miniSearch(publications, extra, queries);
  start = performance.now();
}
