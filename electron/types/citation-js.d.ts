// citation-js ships no types; GeneShelf uses this much of it (the tests use Cite to read exports back).
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    data: unknown[];
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: {
    input: { chain(data: unknown, options: { forceType: string; generateGraph?: boolean }): unknown[] };
  };
}
declare module '@citation-js/plugin-bibtex';
