/**
 * Issue 10's scale figures on the sharded store (a catalogue and publication shards): libraries of 10,000 and 100,000
 * realistic publications over 1,000 genes (about 2.9 KB each as stored: abstract, full author
 * names, MeSH), and 1,000,000 with --sizes 1000000. Up to 150,000 the library is written as one
 * library.json from before the shards and its first open (the split) is timed. For each: cold start to the library view and
 * the first gene page, and its RSS (a fresh process); `geneshelf bookmark` and `geneshelf
 * publications` as whole processes; an import of 1,000 records (time, peak RSS); a bookmark toggle
 * p95 in process. Prints figures; it is not a test.
 *
 *   node bench/run.mjs bench/scale/index.ts [--sizes 10000,100000]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibraryService } from '../../electron/core/service';
import { medlineExport } from '../../tests/fixtures/medline-export';
import { identityOf } from '../../electron/core/identity';
import { identityFile, wholeLog } from '../../electron/core/library/identity-index';
import type { Publication } from '../../electron/core/model';

const ROOT = process.cwd();
const GENES = 1000;
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = sizesArg > 0 ? process.argv[sizesArg + 1]!.split(',').map(Number) : [10_000, 100_000];

const SURNAMES = ['Ayón-Pérez', 'Lilljebjörn', 'Roberts', 'Mullighan', 'Nakamura', 'Okonkwo', 'Lindqvist', 'Moreau', 'Osei', 'Haddad', 'Brandt', 'Sato'];
const ABSTRACT = 'BACKGROUND: IKZF1 deletions define a high-risk subgroup of B-cell precursor acute lymphoblastic leukaemia. METHODS: A cohort was studied. '.repeat(11);

function publication(n: number): Record<string, unknown> {
  const pmid = String(20_000_000 + n);
  const authors = Array.from({ length: 12 }, (_, i) => SURNAMES[(n + i) % SURNAMES.length]!);
  return {
    id: `pmid:${pmid}`,
    pmid,
    doi: `10.1000/scale.${pmid}`,
    authors: authors.map((a) => `${a} MF`),
    authorsFull: authors.map((a) => `${a}, Maria Fernanda`),
    etAl: false,
    title: `Synthetic study ${n} of copy number alterations and outcome in B-cell precursor acute lymphoblastic leukaemia`,
    journal: ['Blood', 'Leukemia', 'Nat Commun', 'J Clin Oncol'][n % 4],
    journalTitle: 'Blood',
    year: 1995 + (n % 30),
    volume: String(n % 120),
    issue: String(n % 12),
    pages: `${n % 900}-${(n % 900) + 9}`,
    freeFullText: n % 3 === 0,
    abstract: ABSTRACT,
    publicationTypes: ['Journal Article'],
    mesh: ['Humans', 'Ikaros Transcription Factor', 'Precursor Cell Lymphoblastic Leukemia-Lymphoma', 'Gene Deletion', 'Prognosis', 'Child'].map((d, i) => ({ descriptor: d, major: i === 1, qualifiers: i === 1 ? [{ name: 'genetics', major: true }] : [] })),
  };
}

function geneRecord(g: number, ids: string[], shard?: string): Record<string, unknown> {
  return { symbol: `GENE${g}`, name: `benchmark gene ${g}`, aliases: [], location: '7p12.2', summary: '', protein: '', databases: [], ontology: { count: 0, terms: [] }, cancerOverview: '', specificCancers: [], literatureTerms: [], provenance: {}, publicationIds: ids, importedAt: new Date().toISOString(), importedFrom: 'bench', ...(shard ? { shard } : {}) };
}

const idsOfGene = (g: number, count: number) => {
  const perGene = Math.ceil(count / GENES);
  return Array.from({ length: perGene }, (_, i) => g * perGene + i)
    .filter((n) => n < count)
    .map((n) => `pmid:${20_000_000 + n}`);
};

async function streamTo(file: string, body: (write: (s: string) => Promise<void>) => Promise<void>): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await body(write);
  out.end();
  await once(out, 'finish');
  return (await stat(file)).size;
}

/**
 * A library from before the shards (schema 1: everything in library.json), as a user who upgrades
 * has it; the first open splits it. Written as a stream. Returns its size.
 */
export async function writeLibrary(dir: string, count: number): Promise<number> {
  await mkdir(dir, { recursive: true });
  return streamTo(join(dir, 'library.json'), async (write) => {
    await write('{"schemaVersion":1,"genes":{');
    for (let g = 0; g < GENES; g++) await write(`${g ? ',' : ''}${JSON.stringify(`GENE${g}`)}:${JSON.stringify(geneRecord(g, idsOfGene(g, count)))}`);
    await write('},"publications":{');
    for (let n = 0; n < count; n++) await write(`${n ? ',' : ''}"pmid:${20_000_000 + n}":${JSON.stringify(publication(n))}`);
    await write('}}');
  });
}

/**
 * A sharded library as GeneShelf writes it (a single file of a million publications could never
 * have been written: past 512 MB the write fails). One shard per gene. Returns the catalogue's
 * size and the total.
 */
export async function writeShardedLibrary(dir: string, count: number): Promise<{ catalogue: number; total: number }> {
  await mkdir(join(dir, 'publications'), { recursive: true });
  const shard = (g: number) => `p${String(g).padStart(6, '0')}`;
  let total = 0;
  for (let g = 0; g < GENES; g++) {
    const publications: Record<string, unknown> = {};
    for (const id of idsOfGene(g, count)) publications[id] = publication(Number(id.slice(5)) - 20_000_000);
    const text = JSON.stringify({ schemaVersion: 1, publications });
    await writeFile(join(dir, 'publications', `${shard(g)}.json`), text);
    total += Buffer.byteLength(text);
  }
  // The identity index every write keeps beside the catalogue: PMID, DOI and title key per publication.
  await streamTo(identityFile(dir), async (write) => {
    for (const piece of wholeLog(
      (function* () {
        for (let n = 0; n < count; n++) yield identityOf(publication(n) as unknown as Publication);
      })(),
      { generation: 0, stamp: '' },
    ))
      await write(piece);
  });
  const catalogue = await streamTo(join(dir, 'library.json'), async (write) => {
    await write('{"schemaVersion":3,"genes":{');
    for (let g = 0; g < GENES; g++) {
      const ids = idsOfGene(g, count);
      await write(`${g ? ',' : ''}${JSON.stringify(`GENE${g}`)}:${JSON.stringify({ ...geneRecord(g, ids, shard(g)), runs: [[shard(g), ids.length]] })}`);
    }
    await write('},"shards":{');
    for (let g = 0; g < GENES; g++) await write(`${g ? ',' : ''}"${shard(g)}":${idsOfGene(g, count).length}`);
    await write(`},"nextShard":${GENES},"generation":0}`);
  });
  return { catalogue, total: total + catalogue };
}

/** Whole-process wall time and peak RSS of a command, via /usr/bin/time. */
function timed(args: string[]): { ms: number; rssMb: number; ok: boolean; stderr: string } {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  const lines = r.stderr.trim().split('\n');
  return { ms, rssMb: Number(lines.at(-1)) / 1024, ok: r.status === 0, stderr: lines.slice(0, -1).join('\n') };
}

const f = (n: number) => `${n.toFixed(0)} ms`;

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'geneshelf-scale-'));
  const { build } = createRequire(join(ROOT, 'package.json'))('esbuild') as typeof import('esbuild');
  const opener = join(dir, 'open.cjs');
  await build({ entryPoints: [join(ROOT, 'bench', 'scale', 'open.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: opener, logLevel: 'warning', absWorkingDir: ROOT });
  const cli = join(ROOT, 'bin', 'geneshelf.cjs');
  const nbib = join(dir, 'import.nbib');
  await writeFile(nbib, medlineExport(1000, 39_000_000));
  try {
    for (const size of SIZES) {
      const library = join(dir, `lib-${size}`);
      // Up to the largest single file that could ever have been written, a library from before
      // the shards, split at its first open (timed); past it, a sharded library written directly.
      if (size <= 150_000) {
        const bytes = await writeLibrary(library, size);
        console.log(`\n${size.toLocaleString('en-GB')} publications over ${GENES} genes: a single library.json of ${(bytes / 1e6).toFixed(0)} MB (schema 1)`);
        const split = timed([cli, 'genes', '--library', library]);
        console.log(`  first open splits it (geneshelf genes, whole process): ${f(split.ms)}, peak RSS ${split.rssMb.toFixed(0)} MB${split.ok ? '' : ` FAILED: ${split.stderr}`}`);
      } else {
        const bytes = await writeShardedLibrary(library, size);
        console.log(`\n${size.toLocaleString('en-GB')} publications over ${GENES} genes: sharded, catalogue ${(bytes.catalogue / 1e6).toFixed(0)} MB, ${(bytes.total / 1e6).toFixed(0)} MB in all`);
      }
      // The first open makes user.json and the backups; the figures are the second, a cold start as a user meets it.
      execFileSync(process.execPath, [opener, library]);
      const cold = JSON.parse(execFileSync(process.execPath, [opener, library], { encoding: 'utf8', maxBuffer: 1 << 26 })) as Record<string, number | string>;
      if (cold.error) console.log(`  cold start: the library does not open: ${cold.error}`);
      else console.log(`  cold start: library view ${f(Number(cold.libraryViewMs))}, first gene page ${f(Number(cold.firstGenePageMs))} (${cold.publications} publications), RSS ${Number(cold.rssMb).toFixed(0)} MB`);
      const bookmark = timed([cli, 'bookmark', `pmid:${20_000_000 + 5}`, '--library', library]);
      console.log(`  geneshelf bookmark (whole process): ${f(bookmark.ms)}, peak RSS ${bookmark.rssMb.toFixed(0)} MB${bookmark.ok ? '' : ` FAILED: ${bookmark.stderr}`}`);
      const pubs = timed([cli, 'publications', 'GENE1', '--library', library]);
      console.log(`  geneshelf publications GENE1 (whole process): ${f(pubs.ms)}, peak RSS ${pubs.rssMb.toFixed(0)} MB${pubs.ok ? '' : ` FAILED: ${pubs.stderr}`}`);
      const imported = timed([cli, 'import', nbib, '--gene', 'GENE2', '--library', library]);
      console.log(`  import of 1,000 records (whole process): ${f(imported.ms)}, peak RSS ${imported.rssMb.toFixed(0)} MB${imported.ok ? '' : ` FAILED: ${imported.stderr}`}`);
      if (!cold.error) {
        const service = await LibraryService.open(library);
        const times: number[] = [];
        for (let i = 0; i < 60; i++) {
          const t = performance.now();
          await service.toggleBookmark(`pmid:${20_000_000 + (i % 20)}`);
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        console.log(`  bookmark toggle in process (60): p95 ${times[Math.ceil(0.95 * times.length) - 1]!.toFixed(1)} ms`);
      }
      await rm(library, { recursive: true, force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
