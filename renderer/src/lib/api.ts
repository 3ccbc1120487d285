import type { GeneShelfApi, Reply } from '../../../electron/contract';

declare global {
  interface Window {
    geneshelf: GeneShelfApi;
  }
}

/**
 * The preload's API: the renderer's only way to reach files, the library or the browser. Only
 * state classes (state/*.svelte.ts) call it; components call the state. Read when first used, so
 * a spec can put a fake in place before it.
 */
export const api: GeneShelfApi = new Proxy({} as GeneShelfApi, {
  get: (_target, name) => (window.geneshelf as unknown as Record<string | symbol, unknown>)[name],
});

/** A reply's value, or undefined after showing its message through `fail`. */
export function valueOf<T>(reply: Reply<T>, fail: (message: string) => void): T | undefined {
  if (reply.ok) return reply.value;
  fail(reply.message);
  return undefined;
}
