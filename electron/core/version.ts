// The version the bundles were built as (scripts/build-node.mjs and vitest.config.ts define it
// from package.json), for what GeneShelf writes about itself: an import record's "by".
declare const __GENESHELF_VERSION__: string | undefined;

export const GENESHELF_VERSION: string = typeof __GENESHELF_VERSION__ === 'string' ? __GENESHELF_VERSION__ : 'dev';
