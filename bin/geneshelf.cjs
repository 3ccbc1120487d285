#!/usr/bin/env node
// Launcher for the `geneshelf` CLI. npm's prepare step (run by `npm install`) bundles the
// TypeScript CLI into out/cli/geneshelf.cjs; this file only finds it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'out', 'cli', 'geneshelf.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('geneshelf: the CLI is not built yet; run "npm install" (or "npm run build") in the GeneShelf folder first.\n');
  process.exit(1);
}
require(bundle);
