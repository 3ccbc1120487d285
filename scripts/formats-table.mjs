// Writes the README's table of import formats from the format registry
// (electron/core/import/registry.ts), between the markers that hold it. `npm run formats-table`;
// tests/unit/readme.test.ts fails while the README's copy differs from the registry.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const out = 'out/scripts/registry.cjs';
await build({
  entryPoints: ['electron/core/import/registry.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
  alias: { 'fetch-ponyfill': './scripts/stubs/fetch-ponyfill.cjs', 'sync-fetch': './scripts/stubs/sync-fetch.cjs' },
});
const { formatTableMarkdown } = createRequire(import.meta.url)(`../${out}`);
const START = '<!-- formats: generated from electron/core/import/registry.ts by npm run formats-table -->';
const END = '<!-- /formats -->';
const readme = readFileSync('README.md', 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) throw new Error('README.md has no formats markers');
writeFileSync('README.md', `${readme.slice(0, from + START.length)}\n${formatTableMarkdown()}\n${readme.slice(to)}`);
