/**
 * Reference formats: the interface every importable format implements, the field readers they
 * share, and one folder per format (reader, writer where GeneShelf exports it, golden fixtures).
 * The list of formats, in detection order, is import/registry.ts.
 */
export * from './format';
export * from './records';
