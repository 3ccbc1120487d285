/**
 * The crash harness: real processes writing to one library, killed with SIGKILL at random moments,
 * ROUNDS times; a third of the rounds run two writers at once (on two publications, through the
 * folder lock), killed at different moments, and every fourth round adds a writer importing genes
 * (a shard, identity.log and the catalogue per write). After each round the library must open
 * whole, with each writer's last acknowledged note or gene on disk (or the one it was making when
 * killed), every publication a gene cites readable, and identity.log in step with the catalogue.
 * Prints the kills, acknowledged writes, lost writes, failed opens and temp files left after an open.
 *
 *   npm run crash               (node bench/run.mjs bench/crash/index.ts [--rounds N] [--seed N])
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { LibraryService } from '../../electron/core/service';
import { crashGene } from './gene';

const ROOT = process.cwd();
const argValue = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** A small seeded generator, so a run can be repeated. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

async function bundleWriter(dir: string): Promise<string> {
  const { build } = createRequire(join(ROOT, 'package.json'))('esbuild') as typeof import('esbuild');
  const outfile = join(dir, 'writer.cjs');
  await build({ entryPoints: [join(ROOT, 'bench', 'crash', 'writer.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning', absWorkingDir: ROOT });
  return outfile;
}

/** Runs a writer until it has acknowledged a write, then kills it after `afterMs`; resolves its last acknowledged i. */
function runAndKill(script: string, library: string, publication: string, tag: string, afterMs: number): Promise<{ acked: number; count: number; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, library, publication, tag], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killTimer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (!killTimer && out.includes('\n')) killTimer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code, signal) => {
      clearTimeout(giveUp);
      if (killTimer) clearTimeout(killTimer);
      const lines = out.split('\n').filter(Boolean);
      const acked = Number(lines.at(-1) ?? 0);
      resolve(signal === 'SIGKILL' ? { acked, count: lines.length } : { acked, count: lines.length, error: `writer exited ${code}: ${err.trim()}` });
    });
  });
}

/**
 * Whether the library holds the gene write acknowledged last: the gene it names with its three
 * papers of that write, every publication every gene cites readable, and the identity index
 * matching what is placed.
 */
async function geneWriteKept(service: LibraryService, acked: number): Promise<boolean> {
  for (const gene of service.listGenes()) {
    const view = await service.getGeneView(gene.symbol);
    if (!view || view.gene.publications.length !== gene.publicationCount) return false;
  }
  // In step both ways: no identity of a paper the library does not hold, and none missing for
  // one it holds (an index behind the catalogue would let an import store a paper twice).
  const identities = await service.store.identities();
  if (!identities.every((x) => service.store.holds(x.id))) return false;
  const known = new Set(identities.map((x) => x.id));
  for (const gene of service.listGenes()) for (const id of service.store.publicationIdsOf(gene.symbol)) if (!known.has(id)) return false;
  // The write in flight at the kill (acked + 1) goes to another gene: this one holds write `acked`.
  const expected = crashGene(acked).publications.map((p) => p.title).sort();
  const held = ((await service.getGeneView(crashGene(acked).symbol))?.gene.publications ?? []).map((p) => p.title).sort();
  return JSON.stringify(held) === JSON.stringify(expected);
}

export async function run(): Promise<void> {
  const rounds = argValue('rounds', 200);
  const seed = argValue('seed', Date.now() % 100_000);
  const random = rng(seed);
  const dir = await mkdtemp(join(tmpdir(), 'geneshelf-crash-'));
  const totals = { rounds: 0, kills: 0, acknowledged: 0, lost: 0, failedOpens: 0, leftoverTemp: 0, writerErrors: 0 };
  const started = Date.now();
  try {
    const script = await bundleWriter(dir);
    const library = join(dir, 'library');
    const service = await LibraryService.open(library, { samplePath: join(ROOT, 'resources', 'samples', 'IKZF1.genefile.json') });
    const [a, b] = (await service.getPublications('IKZF1', null, 0, 2))!.items.map((p) => p.id) as [string, string];
    await service.setMembership(a, 'reading-list', true);
    await service.setMembership(b, 'reading-list', true);
    const done = new Map<string, number>([[a, 0], [b, 0], ['gene', 0]]);

    for (let round = 1; round <= rounds; round++) {
      const two = round % 3 === 0;
      const writers = [...(two ? [a, b] : [round % 2 ? a : b]), ...(round % 4 === 0 ? ['gene'] : [])];
      // A gene writer counts on from round * 100,000, so each round's writes differ from every other's.
      const tagOf = (pub: string) => (pub === a ? 'a' : pub === b ? 'b' : String(round * 100_000));
      const results = await Promise.all(writers.map((pub) => runAndKill(script, library, pub, tagOf(pub), Math.floor(random() * 120))));
      totals.rounds++;
      totals.kills += results.filter((r) => !r.error).length;
      totals.writerErrors += results.filter((r) => r.error).length;
      results.forEach((r, i) => {
        if (r.error) console.log(`round ${round}: ${r.error}`);
        totals.acknowledged += r.count;
        done.set(writers[i]!, r.acked);
      });
      let reopened;
      try {
        reopened = await LibraryService.open(library);
        if (reopened.notices().length) throw new Error(reopened.notices().map((n) => n.message).join('; '));
      } catch (error) {
        totals.failedOpens++;
        console.log(`round ${round}: the library did not open whole: ${(error as Error).message}`);
        break;
      }
      for (const pub of writers) {
        if (pub === 'gene') {
          if (!(await geneWriteKept(reopened, done.get('gene')!))) {
            totals.lost++;
            console.log(`round ${round}: the genes do not hold acknowledged write ${done.get('gene')}`);
          }
          continue;
        }
        const note = (await reopened.getList('reading-list'))!.entries.find((e) => e.publication.id === pub)!.note;
        const onDisk = Number(note.slice(1)) || 0;
        const acked = done.get(pub)!;
        if (onDisk !== acked && onDisk !== acked + 1) {
          totals.lost++;
          console.log(`round ${round}: ${pub} holds ${note || '(no note)'}, but ${acked} was acknowledged`);
        }
      }
      totals.leftoverTemp += [...(await readdir(library)), ...(await readdir(join(library, 'publications')))].filter((f) => f.endsWith('.tmp')).length;
      if (round % 25 === 0) console.log(`${round} rounds...`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`crash harness, seed ${seed}: ${totals.rounds} rounds (a third with two writers at once) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`kills ${totals.kills}, acknowledged writes ${totals.acknowledged}, lost writes ${totals.lost}, failed opens ${totals.failedOpens}, temp files left after an open ${totals.leftoverTemp}, writers that failed ${totals.writerErrors}`);
}
