import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../electron/core/errors';
import { FORMATS, parseImportBytes } from '../../electron/core/import';
import { fixturesOf } from '../helpers';

/**
 * One test for every format's golden fixtures: each file in a format folder's fixtures/ (beside
 * its reader) goes through the whole import path (decode, detect, read) and what comes out is
 * compared whole with the .expected.json beside it: the format it was detected as, every record
 * with its line, every warning. A refused file's expectation is { "refused": message }.
 * A new format needs no new test: its folder's fixtures are found here.
 * UPDATE_GOLDENS=1 writes the expectations afresh; read every changed one before committing it.
 */


async function outcome(file: string): Promise<unknown> {
  try {
    const { file: _file, ...parsed } = await parseImportBytes(file, await readFile(file));
    return parsed;
  } catch (error) {
    if (error instanceof ImportError) return { refused: error.message };
    throw error;
  }
}

describe('golden fixtures', () => {
  for (const format of FORMATS) {
    const dir = fixturesOf(format.id);
    const inputs = existsSync(dir) ? readdirSync(dir).filter((n) => !n.endsWith('.expected.json')).sort() : [];
    it(`${format.name} has golden fixtures`, () => {
      expect(inputs.length, `${dir} holds no fixtures`).toBeGreaterThan(0);
    });
    for (const name of inputs) {
      it(`${format.id}/${name}`, async () => {
        const file = join(dir, name);
        const expectedFile = join(dir, `${basename(name).replace(/\.[^.]+$/, '')}.expected.json`);
        const actual = await outcome(file);
        if (process.env.UPDATE_GOLDENS) await writeFile(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
        const expected = JSON.parse(await readFile(expectedFile, 'utf8'));
        expect(actual).toEqual(expected);
        // A fixture that is read at all is read as the format whose folder holds it.
        if (!('refused' in (expected as object))) expect((actual as { format: string }).format).toBe(format.id);
      });
    }
  }
});
