import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The renderer's state classes (*.svelte.ts) use runes, which the Svelte plugin compiles; their specs sit beside them.
  plugins: [svelte({ configFile: false })],
  // As the bundles are built (scripts/build-node.mjs), so what core writes of its version is the same under test.
  define: { __GENESHELF_VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/packaging/**/*.test.ts', 'renderer/src/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 180_000,
  },
});
