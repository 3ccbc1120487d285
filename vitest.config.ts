import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * The CSL styles and locale (resources/csl/) as text modules, as esbuild bundles an import
 * `with { type: 'text' }` for the app and the CLI: vite has no loader for them of its own.
 */
function cslText(): Plugin {
  return {
    name: 'geneshelf-csl-text',
    enforce: 'pre',
    load(id) {
      const file = id.split('?')[0]!;
      if (!/[\\/]resources[\\/]csl[\\/][^\\/]+\.(csl|xml)$/.test(file)) return null;
      return `export default ${JSON.stringify(readFileSync(file, 'utf8'))};`;
    },
  };
}

export default defineConfig({
  // The renderer's state classes (*.svelte.ts) use runes, which the Svelte plugin compiles; their specs sit beside them.
  plugins: [svelte({ configFile: false }), cslText()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/packaging/**/*.test.ts', 'renderer/src/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 180_000,
  },
});
