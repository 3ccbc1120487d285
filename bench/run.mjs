// Runs a benchmark written in TypeScript: esbuild bundles it (as the app's own code is bundled),
// then Node runs it. Usage: node bench/run.mjs bench/reading-lists.ts
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bench/run.mjs bench/NAME.ts');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'geneshelf-bench-'));
const outfile = join(dir, 'bench.cjs');
try {
  await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning' });
  const { run } = await import(pathToFileURL(outfile).href);
  await run();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
