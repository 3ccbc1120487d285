/**
 * A mutation fuzzer for the import path. Seeds are every golden fixture of every registered
 * import format (plus the IKZF1 seed page and the bundled sample gene file); each case is a seed
 * with 1-3 stacked mutations, run in a worker thread through parseImportBytes and, when it
 * parses, previewImport against a real library (and now and then commitImport into a throwaway
 * one). A hang is a case the worker does not finish within --timeout-ms; the worker is then
 * terminated and replaced. Every crash, hang and case over 1 s is kept in bench/fuzz/found/.
 *
 * Run from the repository's root:
 *   node bench/run.mjs bench/fuzz/index.ts [--seed N] [--cases N] [--format ID[,ID]] [--timeout-ms N] [--only-case K]
 */
import { createHash, randomInt } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FORMATS } from '../../electron/core/import/registry';
import { makeCase, type FuzzCase, type Seed } from './mutations';
import type { CaseRequest, CaseResult } from './worker';

const SLOW_MS = 1000;
const COMMIT_EVERY = 25;

interface Options {
  seed: number;
  cases: number;
  formats: string[] | null;
  timeoutMs: number;
  onlyCase: number | null;
  /** Also print the commonest refusal reasons per format (to see what the cases reach). */
  refusals: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { seed: randomInt(1, 2 ** 31 - 1), cases: 10_000, formats: null, timeoutMs: 10_000, onlyCase: null, refusals: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) [arg, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    const take = (): string => {
      const v = value ?? argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = take();
      if (!/^\d+$/.test(v)) throw new Error(`${arg} takes a whole number, not ${JSON.stringify(v)}`);
      return Number(v);
    };
    switch (arg) {
      case '--seed':
        options.seed = int();
        break;
      case '--cases':
        options.cases = int();
        break;
      case '--format':
        options.formats = take().split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '--timeout-ms':
        options.timeoutMs = int();
        break;
      case '--only-case':
        options.onlyCase = int();
        break;
      case '--refusals':
        options.refusals = true;
        break;
      default:
        throw new Error(`unknown option ${arg} (options: --seed N --cases N --format ID[,ID] --timeout-ms N --only-case K --refusals)`);
    }
  }
  return options;
}

/** Every fixture of every registered format (never the *.expected.json results), by format id. */
function loadSeeds(root: string): Map<string, Seed[]> {
  const seeds = new Map<string, Seed[]>();
  const add = (format: string, path: string) => {
    const list = seeds.get(format) ?? [];
    list.push({ format, name: relative(root, path), bytes: new Uint8Array(readFileSync(path)) });
    seeds.set(format, list);
  };
  for (const { id } of FORMATS) {
    const dirs = ['formats', 'genes'].map((home) => join(root, 'electron', 'core', home, id, 'fixtures')).filter((d) => existsSync(d));
    if (dirs.length === 0) console.warn(`warning: format ${id} has no fixtures folder`);
    for (const dir of dirs) {
      for (const name of readdirSync(dir).sort()) {
        if (name.endsWith('.expected.json')) continue;
        add(id, join(dir, name));
      }
    }
  }
  const extra: Array<[string, string]> = [
    ['cgw-page', join(root, '..', 'shared', 'seeds', 'IKZF1.cgw.txt')],
    ['genefile', join(root, 'resources', 'samples', 'IKZF1.genefile.json')],
  ];
  for (const [format, path] of extra) {
    if (existsSync(path)) add(format, path);
    else console.warn(`warning: seed ${path} is missing`);
  }
  return seeds;
}

type Outcome = { kind: 'result'; result: CaseResult; wall: number } | { kind: 'hang'; wall: number } | { kind: 'died'; error: string; wall: number };

/** One worker at a time; replaced when a case hangs or kills it. */
class CaseRunner {
  private worker: Worker | null = null;
  private onMessage: ((m: CaseResult) => void) | null = null;
  private onDeath: ((error: string) => void) | null = null;
  private nextId = 1;
  started = 0;

  constructor(
    private readonly script: string,
    private readonly sample: string,
  ) {}

  /** Each worker's temp folder is made and removed here: a terminated worker cannot clean up. */
  private root: string | null = null;

  private async start(): Promise<void> {
    this.started++;
    this.root = mkdtempSync(join(tmpdir(), 'geneshelf-fuzz-'));
    const worker = new Worker(this.script, {
      workerData: { sample: this.sample, root: this.root },
      execArgv: ['--enable-source-maps'],
      // A case that eats memory must not take the shared machine with it.
      resourceLimits: { maxOldGenerationSizeMb: 3072 },
    });
    this.worker = worker;
    // Listeners are removed one by one: Worker.removeAllListeners() would also drop Node's own
    // hooks that keep the message port started, and no message would arrive again.
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        worker.off('message', onReady);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      const onReady = (m: unknown) => done(m === 'ready' ? undefined : new Error(`worker said ${String(m)}`));
      const onError = (e: Error) => done(e);
      const onExit = (code: number) => done(new Error(`worker exited with ${code} before it was ready`));
      worker.on('message', onReady);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    worker.on('message', (m: CaseResult) => this.onMessage?.(m));
    worker.on('error', (e) => this.onDeath?.(`worker died: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = null;
        this.onDeath?.(`worker exited with code ${code}`);
      }
    });
  }

  async run(request: Omit<CaseRequest, 'id'>, timeoutMs: number): Promise<Outcome> {
    if (!this.worker) await this.start();
    const worker = this.worker!;
    const id = this.nextId++;
    const begin = performance.now();
    const outcome = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'hang', wall: performance.now() - begin }), timeoutMs);
      this.onMessage = (m) => {
        if (m.id !== id) return;
        clearTimeout(timer);
        resolve({ kind: 'result', result: m, wall: performance.now() - begin });
      };
      this.onDeath = (error) => {
        clearTimeout(timer);
        resolve({ kind: 'died', error, wall: performance.now() - begin });
      };
      // A copy, transferred: the seed's own bytes stay with the main thread.
      const bytes = Uint8Array.from(request.bytes);
      worker.postMessage({ ...request, id, bytes }, [bytes.buffer]);
    });
    this.onMessage = null;
    this.onDeath = null;
    if (outcome.kind !== 'result') await this.kill();
    return outcome;
  }

  async kill(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    worker.on('error', () => {});
    await Promise.race([worker.terminate(), new Promise((r) => setTimeout(r, 5000).unref())]);
    this.removeRoot();
  }

  private removeRoot(): void {
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    this.root = null;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise((r) => worker.once('exit', r));
    worker.postMessage('exit');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    await worker.terminate();
    this.removeRoot();
  }
}

interface Stats {
  cases: number;
  ok: number;
  refused: number;
  crashes: number;
  hangs: number;
  slow: number;
  slowest: number;
  slowestCase: number;
  peakRss: number;
}

const newStats = (): Stats => ({ cases: 0, ok: 0, refused: 0, crashes: 0, hangs: 0, slow: 0, slowest: 0, slowestCase: -1, peakRss: 0 });

/** The first stack frame in the app's own code (electron/...), as file:line, and the top frame. */
function stackTop(stack: string, root: string): string {
  const frames = stack.split('\n').filter((l) => /^\s+at /.test(l));
  const own = frames.find((l) => l.includes('/electron/'));
  const place = (line: string) => {
    const m = /\(?((?:\/|[A-Za-z]:)[^()\s]+?):(\d+):\d+\)?\s*$/.exec(line);
    return m ? `${relative(root, m[1]!)}:${m[2]}` : line.trim();
  };
  const fn = (line: string) => /at (?:async )?([^\s(]+) \(/.exec(line)?.[1] ?? '';
  if (own) return `${place(own)}${fn(own) ? ` (${fn(own)})` : ''}`;
  return frames[0] ? place(frames[0]) : 'no stack';
}

/** The message without the file name in front and with numbers folded, so like crashes group. */
function normalise(message: string, fileName: string): string {
  let m = message;
  const name = basename(fileName);
  if (m.startsWith(name)) m = m.slice(name.length).replace(/^(, line \d+|, at \S+)?: /, '');
  return m.replace(/\d+/g, 'N').replace(/\s+/g, ' ').slice(0, 140);
}

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(0)} MB`;

export async function run(): Promise<void> {
  const options = parseArgs(process.argv.slice(3));
  const root = process.cwd();
  if (!existsSync(join(root, 'electron', 'core', 'import', 'registry.ts'))) throw new Error('run the fuzzer from the repository root');
  const found = join(root, 'bench', 'fuzz', 'found');
  mkdirSync(found, { recursive: true });

  const seeds = loadSeeds(root);
  const allSeeds = [...seeds.values()].flat();
  const formats = FORMATS.map((f) => f.id).filter((id) => !options.formats || options.formats.includes(id));
  for (const id of options.formats ?? []) if (!FORMATS.some((f) => f.id === id)) throw new Error(`no format ${id}; formats: ${FORMATS.map((f) => f.id).join(', ')}`);

  console.log(`fuzz seed ${options.seed}; ${options.onlyCase !== null ? `case ${options.onlyCase} only` : `${options.cases} cases per format`}; timeout ${options.timeoutMs} ms; formats ${formats.join(', ')}`);
  console.log(`seeds: ${[...seeds].map(([f, s]) => `${f} ${s.length}`).join(', ')}`);
  console.log(`reproduce: node bench/run.mjs bench/fuzz/index.ts --seed ${options.seed} --cases ${options.cases}${options.formats ? ` --format ${options.formats.join(',')}` : ''} --timeout-ms ${options.timeoutMs}`);

  // The worker is its own bundle, with a source map, so a crash's stack names electron/... lines.
  const buildDir = mkdtempSync(join(tmpdir(), 'geneshelf-fuzz-build-'));
  const script = join(buildDir, 'worker.cjs');
  const esbuild = createRequire(join(root, 'package.json'))('esbuild') as typeof import('esbuild');
  await esbuild.build({ entryPoints: [join(root, 'bench', 'fuzz', 'worker.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', outfile: script, logLevel: 'warning' });

  const runner = new CaseRunner(script, join(root, 'resources', 'samples', 'IKZF1.genefile.json'));
  let current: Stats | null = null;
  let processPeak = 0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (current && rss > current.peakRss) current.peakRss = rss;
    if (rss > processPeak) processPeak = rss;
  }, 100);

  const all = new Map<string, Stats>();
  const classes = new Map<string, { count: number; files: string[]; example: string }>();
  const started = performance.now();

  const keep = (c: FuzzCase, problem: string, detail: string, klass: string, outcomeText: string) => {
    const sha = createHash('sha1').update(c.bytes).digest('hex').slice(0, 12);
    const dir = join(found, c.format);
    mkdirSync(dir, { recursive: true });
    const bin = join(dir, `${sha}.bin`);
    if (!existsSync(bin)) writeFileSync(bin, c.bytes);
    const note = [
      `format: ${c.format} (seed file ${c.seed.name}, ${c.bytes.length} bytes after mutation)`,
      `fuzz seed: ${options.seed}, case ${c.index}; rebuild: node bench/run.mjs bench/fuzz/index.ts --seed ${options.seed} --format ${c.format} --only-case ${c.index}`,
      `mutations: ${c.chain.join(' -> ')}`,
      `result: ${problem}`,
      outcomeText,
      detail,
      '',
    ]
      .filter((l) => l !== '')
      .join('\n');
    const txt = join(dir, `${sha}.txt`);
    if (existsSync(txt)) appendFileSync(txt, `\n--- seen again ---\n${note}\n`);
    else writeFileSync(txt, `${note}\n`);
    const entry = classes.get(klass) ?? { count: 0, files: [], example: '' };
    entry.count++;
    if (entry.files.length < 4) entry.files.push(`${c.format}/${sha}.bin`);
    if (!entry.example) entry.example = c.chain.join(' -> ');
    classes.set(klass, entry);
  };

  try {
    for (const format of formats) {
      const formatSeeds = seeds.get(format);
      if (!formatSeeds?.length) {
        console.log(`${format}: no seeds, skipped`);
        continue;
      }
      const stats = newStats();
      const refusalReasons = new Map<string, number>();
      all.set(format, stats);
      current = stats;
      stats.peakRss = process.memoryUsage().rss;
      const formatStart = performance.now();
      const indices = options.onlyCase !== null ? [options.onlyCase] : Array.from({ length: options.cases }, (_, i) => i);
      for (const index of indices) {
        const c = makeCase(options.seed, format, index, formatSeeds, allSeeds);
        const fileName = basename(c.seed.name);
        const outcome = await runner.run({ fileName, bytes: c.bytes, commit: index % COMMIT_EVERY === 0 }, options.timeoutMs);
        stats.cases++;
        if (outcome.wall > stats.slowest) {
          stats.slowest = outcome.wall;
          stats.slowestCase = index;
        }
        const slow = outcome.wall > SLOW_MS;
        if (slow) stats.slow++;
        if (outcome.kind === 'hang') {
          stats.hangs++;
          stats.crashes++;
          keep(c, `hang: no answer within ${options.timeoutMs} ms (worker terminated)`, '', `hang (> ${options.timeoutMs} ms)`, `wall ${outcome.wall.toFixed(0)} ms (timed out)`);
        } else if (outcome.kind === 'died') {
          stats.crashes++;
          keep(c, `crash: ${outcome.error}`, '', `worker died: ${outcome.error.replace(/\d+/g, 'N')}`, `wall ${outcome.wall.toFixed(0)} ms`);
        } else {
          const r = outcome.result;
          const times = `wall ${outcome.wall.toFixed(0)} ms (parse ${r.ms.parse.toFixed(0)} ms${r.ms.preview !== undefined ? `, preview ${r.ms.preview.toFixed(0)} ms` : ''}${r.ms.commit !== undefined ? `, commit ${r.ms.commit.toFixed(0)} ms` : ''})`;
          const what = `${r.detected ? `detected as ${r.detected}, read ${r.read}; ` : ''}${r.outcome === 'refused' ? `refused at ${r.stage}: ${r.error!.message.slice(0, 300)}` : r.outcome === 'ok' ? 'read' : ''}`;
          if (r.outcome === 'ok') stats.ok++;
          else if (r.outcome === 'refused') {
            stats.refused++;
            const reason = `${r.stage}: ${normalise(r.error!.message, fileName).slice(0, 90)}`;
            refusalReasons.set(reason, (refusalReasons.get(reason) ?? 0) + 1);
          }
          if (r.outcome === 'crash') {
            stats.crashes++;
            const e = r.error!;
            const top = stackTop(e.stack, root);
            keep(c, `crash at ${r.stage}: ${e.name}: ${e.message.slice(0, 1000)}`, `${r.detected ? `detected as ${r.detected}\n` : ''}stack top: ${top}\nstack:\n${e.stack.split('\n').slice(1, 16).join('\n')}`, `crash at ${r.stage}: ${e.name}: ${normalise(e.message, fileName)} @ ${top}`, times);
          } else if (slow) {
            const stage = (['parse', 'preview', 'commit'] as const).reduce((a, b) => ((r.ms[b] ?? 0) > (r.ms[a] ?? 0) ? b : a));
            keep(c, `over 1 s: ${outcome.wall.toFixed(0)} ms`, what, `over 1 s, mostly in ${stage} (${r.detected ?? 'not parsed'})`, times);
          }
        }
      }
      current = null;
      console.log(
        `${format.padEnd(12)} cases ${stats.cases}, crashes ${stats.crashes} (hangs ${stats.hangs}), over 1 s ${stats.slow}, slowest ${stats.slowest.toFixed(0)} ms (case ${stats.slowestCase}), peak rss ${mb(stats.peakRss)}; read ${stats.ok}, refused ${stats.refused}; ${((performance.now() - formatStart) / 1000).toFixed(0)} s`,
      );
      if (options.refusals) {
        for (const [reason, n] of [...refusalReasons].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${String(n).padStart(5)} refused at ${reason}`);
      }
    }
  } finally {
    clearInterval(sampler);
    await runner.close();
    rmSync(buildDir, { recursive: true, force: true });
  }

  const total = [...all.values()].reduce((t, s) => ({
    ...t,
    cases: t.cases + s.cases,
    ok: t.ok + s.ok,
    refused: t.refused + s.refused,
    crashes: t.crashes + s.crashes,
    hangs: t.hangs + s.hangs,
    slow: t.slow + s.slow,
    slowest: Math.max(t.slowest, s.slowest),
  }), newStats());
  console.log(
    `${'total'.padEnd(12)} cases ${total.cases}, crashes ${total.crashes} (hangs ${total.hangs}), over 1 s ${total.slow}, slowest ${total.slowest.toFixed(0)} ms, peak rss ${mb(processPeak)}; read ${total.ok}, refused ${total.refused}; workers started ${runner.started}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  if (classes.size) {
    console.log('\nkinds of failure (kept in bench/fuzz/found/):');
    for (const [klass, { count, files, example }] of [...classes].sort((a, b) => b[1].count - a[1].count)) {
      console.log(`  ${count} x ${klass}\n      e.g. ${files.join(' ')}\n      first: ${example.slice(0, 200)}`);
    }
  }
  console.log(`fuzz seed was ${options.seed}`);
}
