import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 180_000,
  },
});
