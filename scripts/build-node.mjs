// Bundles the Node-side code with esbuild: the Electron main process, the preload and the CLI.
// Everything is bundled (lowdb is ESM-only, main and the CLI are CommonJS), so the packaged app
// loads no module from node_modules at run time and the CLI needs no TypeScript loader.
// `--cli-only` is npm's prepare step: it makes `npx geneshelf` work right after `npm install`.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const cliOnly = process.argv.includes('--cli-only');

const common = {
  bundle: true,
  // citation-js's URL fetchers are replaced by stubs that refuse: the app cannot make a request.
  alias: { 'fetch-ponyfill': './scripts/stubs/fetch-ponyfill.cjs', 'sync-fetch': './scripts/stubs/sync-fetch.cjs' },
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __GENESHELF_VERSION__: JSON.stringify(pkg.version) },
};

const builds = [
  build({ ...common, entryPoints: ['electron/cli/index.ts'], outfile: 'out/cli/geneshelf.cjs' }),
];
if (!cliOnly) {
  builds.push(
    build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'out/main/index.cjs', external: ['electron'] }),
    // The search index's worker thread (the index lives and answers there), a file of its own beside main (new Worker takes a path).
    build({ ...common, entryPoints: ['electron/core/search/search-worker.ts'], outfile: 'out/main/search-worker.cjs' }),
    // A sandboxed preload may require only 'electron' (and a few polyfilled builtins): one file.
    build({ ...common, platform: 'browser', target: 'chrome130', entryPoints: ['electron/preload/index.ts'], outfile: 'out/preload/index.cjs', external: ['electron'] }),
  );
}
await Promise.all(builds);
