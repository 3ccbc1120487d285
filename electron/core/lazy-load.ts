import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * A module loaded at its first use rather than at start-up (citation-js and citeproc are a
 * megabyte of code that only citing and BibTeX use). In the bundles (CommonJS, made by esbuild)
 * `require` is the bundle's own, so each call site's literal `require('x')` is bundled; where core
 * runs unbundled as ES modules (the e2e tests), there is no `require`, and Node's is made from the
 * project's root instead. Call sites pass their own `require` call so esbuild still sees it:
 * `lazyModule(() => require('x'), 'x')`.
 */
export function lazyModule<T>(bundled: () => unknown, name: string): T {
  if (typeof require === 'function') return bundled() as T;
  return createRequire(join(process.cwd(), 'package.json'))(name) as T;
}
