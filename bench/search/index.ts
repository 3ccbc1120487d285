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
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { LibraryService } from '../../electron/core/service';
import { indexBytes } from '../../electron/core/search/index-store';
import { writeCorpusLibrary } from './library';
import { SearchIndex, documentOf, parseQuery } from '../../electron/core/search';
import type { Publication } from '../../electron/core/model';
import { STYLES, makeCorpus, makeQueries, type KnownQuery } from './corpus';

const RECORDS = Number(process.env.GENESHELF_BENCH_RECORDS ?? 100_000);
const GENES = Number(process.env.GENESHELF_BENCH_GENES ?? 1_000);
const PER_STYLE = Number(process.env.GENESHELF_BENCH_QUERIES ?? 60);
const PEERS = process.env.GENESHELF_BENCH_PEERS === '1';
/** The cold-start figures need the library on disk (a few hundred MB at 100,000): GENESHELF_BENCH_LIBRARY=0 skips them. */
const LIBRARY = process.env.GENESHELF_BENCH_LIBRARY !== '0';
/** GENESHELF_BENCH_MEMORY=0 skips the in-memory index (the figures of the index alone). */
const IN_MEMORY = process.env.GENESHELF_BENCH_MEMORY !== '0';
/** A folder to keep the library in (it is removed otherwise); one already there is used as it is. */
const KEEP = process.env.GENESHELF_BENCH_KEEP;

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
  // The index alone: what results show is kept in docs files by the app, not in memory.
  const indexed = (ps: Publication[]) => ps.map((p) => ({ ...documentOf(p), stored: undefined }));
  for (let i = 0; i < publications.length; i += 2000) index.add(indexed(publications.slice(i, i + 2000)));
  const buildMs = performance.now() - start;
  const held = heapMb() - before;
  const blob = index.postingBytes;
  console.log(`GeneShelf index: built in ${f1(buildMs / 1000)} s over ${index.segmentCount} segments; memory held ${held.toFixed(0)} MB (of which postings ${(blob / 1e6).toFixed(0)} MB); ${index.vocabulary.size.toLocaleString('en')} terms`);
  evaluate({ name: 'GeneShelf', search: (text) => index.search(parseQuery(text)).top(0, 10).map((h) => h.key) }, queries);
  start = performance.now();
  index.add(indexed(extra));
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

/** bench/search/child.ts bundled as the app's code is (a process of its own for the app's figures). */
async function buildChild(dir: string): Promise<string> {
  const outfile = join(dir, 'child.cjs');
  // esbuild's API cannot itself be bundled (bench/run.mjs bundles this file): load it from node_modules.
  const { build } = createRequire(join(process.cwd(), 'package.json'))('esbuild') as typeof import('esbuild');
  await build({ entryPoints: [join(process.cwd(), 'bench', 'search', 'child.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning' });
  return outfile;
}

function child(script: string, args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

/**
 * The app's core on the corpus written as a library, each in a process of its own: the first
 * build from the shards (with the longest the event loop was held), a cold start that reads the
 * index from disk and answers a first search, the latency of search calls through the service,
 * the CLI as a whole process, and an import of 1,000 more records into one gene.
 */
async function coldStart(corpus: ReturnType<typeof makeCorpus>, publications: Publication[], extra: Publication[], queries: KnownQuery[]): Promise<void> {
  const dir = KEEP ?? mkdtempSync(join(tmpdir(), 'geneshelf-search-bench-'));
  const scratch = mkdtempSync(join(tmpdir(), 'geneshelf-search-child-'));
  const worker = join(process.cwd(), 'out', 'main', 'search-worker.cjs');
  try {
    const script = await buildChild(scratch);
    let start = performance.now();
    if (!KEEP || !existsSync(join(dir, 'library.json'))) {
      const inLibrary = new Set(publications.map((p) => p.id));
      await writeCorpusLibrary(dir, { publications, genes: corpus.genes.map((g) => ({ ...g, ids: g.ids.filter((id) => inLibrary.has(id)) })) });
      console.log(`library on disk: written in ${f1((performance.now() - start) / 1000)} s`);
    }
    if (!existsSync(join(dir, 'search', 'manifest.json'))) {
      const first = child(script, ['first-build', dir, worker]) as { buildMs: number; saveMs: number; maxDelayMs: number; p99DelayMs: number };
      const files = readdirSync(join(dir, 'search'));
      console.log(`first start, no index on disk: every shard indexed in the index's worker in ${f1(first.buildMs / 1000)} s; main's event loop held at most ${f1(first.maxDelayMs)} ms (p99 ${f1(first.p99DelayMs)} ms); index on disk ${((await indexBytes(dir)) / 1e6).toFixed(0)} MB in ${files.length} files (postings and the documents results show)`);
    }
    const queriesFile = join(scratch, 'queries.json');
    writeFileSync(queriesFile, JSON.stringify(queries.map((q) => q.text)));
    const colds = [0, 1, 2].map(() => child(script, ['cold-start', dir, worker, queriesFile]) as { readyMs: number; ready: boolean; heapMb: number; arrayBuffersMb: number; rssMb: number; times: number[] });
    const cold = colds.sort((a, b) => a.readyMs - b.readyMs)[1]!;
    console.log(`cold start with the index on disk (a process of its own): library open and first search answered in ${f1(cold.readyMs)} ms (median of 3; ready: ${cold.ready}); main's own heap grew ${cold.heapMb.toFixed(0)} MB + typed arrays ${cold.arrayBuffersMb.toFixed(0)} MB (the index is in the worker; the process's RSS, worker included, ${cold.rssMb.toFixed(0)} MB)`);
    console.log(`  search calls through the service (index, facets, the page of 20 from the segment files): p50 ${f1(pct(cold.times, 0.5))} ms, p95 ${f1(pct(cold.times, 0.95))} ms`);

    const q = queries[0]!;
    const cli = [0, 1, 2].map(() => {
      const t = performance.now();
      execFileSync(process.execPath, [join(process.cwd(), 'bin', 'geneshelf.cjs'), 'search', q.text, '--library', dir], { stdio: 'pipe' });
      return performance.now() - t;
    });
    console.log(`  geneshelf search, whole process: median ${f1(pct(cli, 0.5))} ms`);

    if (KEEP) return;
    const app = await LibraryService.open(dir, { waitForSearchIndex: true });
    await app.search({ query: 'x' });
    const gene = corpus.genes[0]!;
    start = performance.now();
    await app.store.addPublications(gene.symbol, extra, 'bench');
    const writeMs = performance.now() - start;
    start = performance.now();
    const after = await app.search({ query: `gene:${gene.symbol}` });
    console.log(`adding ${extra.length.toLocaleString('en')} records to ${gene.symbol}: written in ${f1(writeMs)} ms; the index caught up and answered in ${f1(performance.now() - start)} ms (${after.publications.total} publications in the gene)`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  }
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
  if (IN_MEMORY) geneShelf(publications, extra, queries);
  if (LIBRARY) await coldStart(corpus, publications, extra, queries);
  if (PEERS) miniSearch(publications, extra, queries);
}
