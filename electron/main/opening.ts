import { METHODS, type Implementations } from '../contract';

/**
 * Every contract call, answered once the library has opened. Main registers these and shows the
 * window at once, so a slow open (the one-time split of a large library from before the shards)
 * shows "Opening the library…" and its progress instead of no window at all. A failed open
 * rejects each call with its reason; main tells the user and quits.
 */
export function whenOpened(ready: Promise<Implementations>): Implementations {
  // Marked handled here: main reports a failed open itself, calls made meanwhile get the rejection.
  ready.catch(() => {});
  const calls: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of METHODS) {
    calls[method] = async (...args) => ((await ready)[method] as (...a: unknown[]) => unknown)(...args);
  }
  return calls as unknown as Implementations;
}
