/**
 * Where `geneshelf import` spends its time: runs the CLI under `node --cpu-prof` on a realistic
 * 10,000-record MEDLINE, RIS and BibTeX file (MEDLINE cut to the records that fit the 50 MB cap),
 * and on a 1-record file for the cost of start-up and loading the bundle, then prints self and inclusive time per function at its source
 * file:line (mapped through out/cli/geneshelf.cjs.map). Profiles stay in /tmp/prof-FORMAT for
 * Chrome DevTools (Performance > Load profile).
 *
 *   node bench/run.mjs bench/speed/profile.ts [medline ris bibtex ...]
 *   node bench/run.mjs bench/speed/profile.ts some.cpuprofile      summarise one profile
 *   GENESHELF_BENCH_RECORDS=2000 ... ; GENESHELF_BENCH_TOP=25 ...
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_FORMATS, mb, writeBenchFile, writeUnderCap, type FormatId } from './files';
import { ROOT, importArgs, ms, staleBundle, timeNode } from './cli';
import { inclusiveTop, printSummary, summariseProfile } from './cpuprofile';

const RECORDS = Number(process.env.GENESHELF_BENCH_RECORDS ?? 10_000);
const TOP = Number(process.env.GENESHELF_BENCH_TOP ?? 15);
const INTERVAL_US = 250;

function summarise(title: string, file: string): void {
  printSummary(title, summariseProfile(file, ROOT, TOP));
  const ours = inclusiveTop(file, ROOT, (w) => w.startsWith('electron/') && !w.startsWith('electron/cli/'), 8);
  console.log(`  inclusive, electron/core: ${ours.map((o) => `${o.name} ${o.where} ${o.totalMs.toFixed(0)} ms`).join('; ')}`);
}

export async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const given = args.filter((a) => a.endsWith('.cpuprofile'));
  if (given.length) {
    for (const file of given) summarise(file, file);
    return;
  }
  const chosen = args.filter((a) => (ALL_FORMATS as string[]).includes(a)) as FormatId[];
  const formats: Array<FormatId | 'tiny'> = ['tiny', ...(chosen.length ? chosen : (['medline', 'ris', 'bibtex'] as FormatId[]))];
  const stale = staleBundle();
  if (stale) console.log(`note: ${stale}`);
  const dir = mkdtempSync(join(tmpdir(), 'geneshelf-profile-'));
  try {
    for (const id of formats) {
      let f = id === 'tiny' ? { ...writeBenchFile(dir, 'medline', 1), id: 'tiny', label: 'MEDLINE, 1 record (start-up)' } : writeBenchFile(dir, id, RECORDS);
      // The CLI refuses a file over its 50 MB cap: profile as many records as fit.
      const capped = writeUnderCap(dir, f);
      if (capped) {
        rmSync(f.file, { force: true });
        f = capped;
      }
      const out = `/tmp/prof-${id}`;
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      const library = join(dir, 'lib');
      const r = timeNode(importArgs(f, library, ['--cpu-prof', `--cpu-prof-dir=${out}`, `--cpu-prof-interval=${INTERVAL_US}`]));
      rmSync(f.file, { force: true });
      rmSync(library, { recursive: true, force: true });
      if (r.status !== 0) throw new Error(`${f.label}: geneshelf exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
      const profile = readdirSync(out).find((n) => n.endsWith('.cpuprofile'));
      if (!profile) throw new Error(`no profile in ${out}`);
      console.log(`\n== ${f.label}, ${f.records.toLocaleString('en-GB')} records, ${mb(f.bytes)}: ${ms(r.ms)} under the profiler; ${join(out, profile)}`);
      summarise(f.label, join(out, profile));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
