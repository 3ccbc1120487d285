// citation-js ships no types; GeneShelf uses this much of it (the tests use Cite to read exports
// back; electron/core/citations formats citations with the CSL plugin's engine).
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    data: unknown[];
    format(format: string, options?: Record<string, unknown>): string;
  }
  /** A name -> value store, as the plugins keep their templates and locales. */
  interface Register<T> {
    add(name: string, value: T): void;
    has(name: string): boolean;
    get(name: string): T | undefined;
  }
  /** What citeproc-js's makeBibliography answers: the layout's settings, and one string per entry. */
  export type CiteprocBibliography = [
    { entry_ids: string[][]; hangingindent?: number | boolean; 'second-field-align'?: 'flush' | 'margin' | false; bibstart: string; bibend: string },
    string[],
  ];
  export interface CiteprocEngine {
    updateItems(ids: string[]): void;
    makeBibliography(): CiteprocBibliography | false;
  }
  export interface CslPluginConfig {
    templates: Register<string>;
    locales: Register<string>;
    /** The plugin's engine for `data` in a registered style, locale and citeproc output format. */
    engine(data: unknown[], style: string, locale: string, format: 'text' | 'html'): CiteprocEngine;
  }
  export const plugins: {
    input: { chain(data: unknown, options: { forceType: string; generateGraph?: boolean }): unknown[] };
    config: { get(name: '@csl'): CslPluginConfig };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
