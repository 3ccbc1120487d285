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

/**
 * The CLI's large libraries that only some commands use, each bundled in a file of its own beside
 * out/cli/geneshelf.cjs and loaded when core first requires it (it requires them lazily): Node
 * parses every byte of a bundle it loads, and these were two of its 2.7 MB, 30 ms of every
 * command's start (citation-js with citeproc for `cite` and BibTeX, iconv-lite for Windows-1252
 * files, Ajv for gene files). The packages of one file share it: citation-js's plugins register
 * on the core they are bundled with.
 */
const CLI_VENDOR = {
  'vendor-citation-js.cjs': ['@citation-js/core', '@citation-js/plugin-bibtex', '@citation-js/plugin-csl'],
  'vendor-iconv-lite.cjs': ['iconv-lite'],
  'vendor-ajv.cjs': ['ajv'],
};
const vendorOf = new Map(Object.entries(CLI_VENDOR).flatMap(([file, packages]) => packages.map((p) => [p, file])));

/** A package of CLI_VENDOR, in the CLI bundle: the export of its vendor file, required when it is. */
const vendorSplit = {
  name: 'vendor-split',
  setup(b) {
    const filter = new RegExp(`^(${[...vendorOf.keys()].map((p) => p.replace(/[/.-]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'vendor' }));
    b.onResolve({ filter: /^\.\/vendor-[a-z-]+\.cjs$/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`./${vendorOf.get(args.path)}`)})[${JSON.stringify(args.path)}]();`,
      loader: 'js',
    }));
  },
};

/** A vendor file: each of its packages behind a function, so one is evaluated only when required. */
const vendorBuilds = Object.entries(CLI_VENDOR).map(([file, packages]) =>
  build({
    ...common,
    stdin: { contents: packages.map((p) => `exports[${JSON.stringify(p)}] = () => require(${JSON.stringify(p)});`).join('\n'), resolveDir: process.cwd(), sourcefile: file },
    outfile: `out/cli/${file}`,
  }),
);

const builds = [build({ ...common, entryPoints: ['electron/cli/index.ts'], outfile: 'out/cli/geneshelf.cjs', plugins: [vendorSplit] }), ...vendorBuilds];
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
