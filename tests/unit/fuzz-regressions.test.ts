import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../electron/core/errors';
import { parseImportBytes } from '../../electron/core/import';
import { ROOT } from '../helpers';

/**
 * Every input the import fuzzer (bench/fuzz/index.ts) kept because it crashed, hung or took over
 * 1 s: each must now be read, or refused with a clean ImportError, within 2 s. The .txt beside a
 * .bin says how it was made. A refusal whose reason starts "could not be read as" is read-file.ts
 * wrapping an unexpected exception, so it counts as the crash it is.
 */
const FOUND = join(ROOT, 'bench', 'fuzz', 'found');
const LIMIT_MS = 2000;
const CATCH_ALL = 'could not be read as';

function foundCases(): string[] {
  if (!existsSync(FOUND)) return [];
  return readdirSync(FOUND, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.bin'))
    .map((f) => f.split(sep).join('/'))
    .sort();
}

describe('inputs the import fuzzer found are read or cleanly refused, within 2 s', () => {
  it('the found folder is there', () => {
    expect(existsSync(FOUND)).toBe(true);
    expect(statSync(FOUND).isDirectory()).toBe(true);
  });

  for (const name of foundCases()) {
    it(
      name,
      async () => {
        const bytes = new Uint8Array(readFileSync(join(FOUND, name)));
        const started = performance.now();
        let error: unknown;
        try {
          await parseImportBytes(basename(name), bytes);
        } catch (e) {
          error = e;
        }
        // A reader that blocks the thread keeps the timeout from firing, so the time is checked too.
        const took = performance.now() - started;
        if (error !== undefined) {
          expect(error, String(error)).toBeInstanceOf(ImportError);
          const reason = (error as ImportError).reason;
          expect(reason.startsWith(CATCH_ALL), `an unexpected exception, wrapped: ${reason}`).toBe(false);
        }
        expect(took, `took ${took.toFixed(0)} ms`).toBeLessThan(LIMIT_MS);
      },
      LIMIT_MS,
    );
  }
});
