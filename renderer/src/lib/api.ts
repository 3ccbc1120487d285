import type { GeneShelfApi } from '../../../electron/contract';

declare global {
  interface Window {
    geneshelf: GeneShelfApi;
  }
}

/** The preload's API: the renderer's only way to reach files, the library or the browser. */
export const api: GeneShelfApi = window.geneshelf;
