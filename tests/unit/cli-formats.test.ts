import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../electron/core/import';
import { buildCli, fixturesOf, geneshelf, tempDir } from '../helpers';

/**
 * Every registered format's golden fixtures through the CLI as a curator runs it: validate names
 * the format (or gives the refusal), and a reference export imports into a gene with --gene,
 * with the counts the preview promised. A new format is covered as soon as it is registered.
 */


const cases = FORMATS.flatMap((format) => {
  const dir = fixturesOf(format.id);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.endsWith('.expected.json'))
    .map((name) => ({ format, path: join(dir, name), name, expected: JSON.parse(readFileSync(join(dir, `${name.replace(/\.[^.]+$/, '')}.expected.json`), 'utf8')) }));
});

let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  await buildCli();
  dir = await tempDir();
});
afterAll(() => dir.cleanup());

describe('every format through the CLI', () => {
  it.each(cases.map((c) => [`${c.format.id}/${c.name}`, c] as const))('%s', async (label, { format, path, expected }) => {
    const validated = await geneshelf('validate', path, '--json');
    const report = JSON.parse(validated.stdout);
    if ('refused' in expected) {
      expect(validated.code).toBe(1);
      expect(report.problems[0]).toBe(expected.refused);
      return;
    }
    expect(validated.code).toBe(0);
    expect(report).toMatchObject({ importable: true, format: format.id });
    if (format.kind === 'genes') return;

    const library = join(dir.path, label.replace(/[^A-Za-z0-9-]/g, '_'));
    const dry = await geneshelf('import', path, '--gene', 'TESTGENE', '--library', library, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const preview = JSON.parse(dry.stdout);
    expect(preview.formatName).toBe(format.name);
    expect(preview.records).toEqual(expected.publications);
    expect(preview.counts.skipped).toBe(expected.recordsSeen - expected.publications.length);

    const real = await geneshelf('import', path, '--gene', 'TESTGENE', '--library', library);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain(`${format.name} for TESTGENE: new ${preview.counts.new}`);
    const genes = JSON.parse((await geneshelf('genes', '--library', library, '--json')).stdout);
    expect(genes.find((g: { symbol: string }) => g.symbol === 'TESTGENE').publicationCount).toBe(preview.counts.new);
  });
});
