import type { GeneShelfApi } from '../../../electron/contract';

/**
 * A stand-in for the preload's API in the state classes' specs: each method answers what the
 * spec says (or fails the spec when it was not expected), and every call is recorded.
 */
export function fakeApi(answers: Partial<Record<keyof GeneShelfApi, (...args: never[]) => unknown>>): { calls: Array<[string, unknown[]]> } {
  const calls: Array<[string, unknown[]]> = [];
  const api = new Proxy({} as Record<string, unknown>, {
    get: (_t, name: string) => (...args: unknown[]) => {
      calls.push([name, args]);
      const answer = (answers as Record<string, ((...a: unknown[]) => unknown) | undefined>)[name];
      if (!answer) throw new Error(`unexpected call: ${name}`);
      return Promise.resolve(answer(...args));
    },
  });
  (globalThis as unknown as { window: { geneshelf: unknown } }).window = { geneshelf: api };
  return { calls };
}
