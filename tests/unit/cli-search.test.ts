import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../electron/core/service';
// `geneshelf search` as a curator runs it: the real bin, a child process, exit codes.
import { PAX5_PAGE, SAMPLE, buildCli, geneshelf, tempDir } from '../helpers';

let dir: { path: string; cleanup: () => Promise<void> };
let library: string;
beforeAll(async () => {
  await buildCli();
});
beforeEach(async () => {
  dir = await tempDir();
  library = join(dir.path, 'library');
  const service = await LibraryService.open(library, { samplePath: SAMPLE });
  await service.importFile(PAX5_PAGE);
});
afterEach(() => dir.cleanup());

const lines = (stdout: string) => stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));

describe('geneshelf search', () => {
  it('prints ranked publications one per line: id, score, year, genes, title', async () => {
    const { code, stdout, stderr } = await geneshelf('search', 'IKZF1', 'deletion', '--library', library, '--limit', '3');
    expect(code).toBe(0);
    const rows = lines(stdout);
    expect(rows).toHaveLength(3);
    for (const [id, score, year, genes, title] of rows) {
      expect(id).toMatch(/^(pmid:\d+|doi:|key-)/);
      expect(Number(score)).toBeGreaterThan(0);
      expect(Number(year)).toBeGreaterThan(1990);
      expect(genes).toContain('IKZF1');
      expect(title).not.toBe('');
    }
    const scores = rows.map((r) => Number(r[1]));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(stderr).toMatch(/\d+ publications match; the first 3 are shown/);
  });

  it('reads each query form: a gene alias, a field, a year range, a gene filter, a phrase', async () => {
    const alias = await geneshelf('search', 'IKAROS', '--library', library);
    expect(alias.stderr).toContain('genes: IKZF1 (IKAROS family zinc finger 1)');
    expect(lines(alias.stdout).length).toBeGreaterThan(3);

    const years = lines((await geneshelf('search', 'leukemia year:2018', '--library', library, '--limit', '200')).stdout);
    expect(years.length).toBeGreaterThan(0);
    expect(years.every((r) => r[2] === '2018')).toBe(true);

    const pax5 = lines((await geneshelf('search', 'gene:PAX5', '--library', library, '--limit', '200')).stdout);
    expect(pax5.length).toBeGreaterThan(0);
    expect(pax5.every((r) => r[3]!.split(',').includes('PAX5'))).toBe(true);

    // A phrase: only papers with the words together, in order (checked against the library's own text).
    const phrase = JSON.parse((await geneshelf('search', '"lymphoblastic leukemia"', '--library', library, '--limit', '200', '--json')).stdout);
    const loose = JSON.parse((await geneshelf('search', 'leukemia lymphoblastic', '--library', library, '--limit', '200', '--json')).stdout);
    expect(phrase.publications.total).toBeGreaterThan(0);
    expect(phrase.publications.total).toBeLessThan(loose.publications.total);
    const service = await LibraryService.open(library);
    for (const hit of phrase.publications.items) {
      const p = (await service.store.getPublication(hit.id))!;
      expect(`${p.title} ${p.abstract}`.replace(/\s+/g, ' ')).toMatch(/lymphoblastic leuka?emia/i);
    }
  });

  it('--json gives the whole answer: genes, publications, notes, facets', async () => {
    const { code, stdout } = await geneshelf('search', 'IKZF1', '--library', library, '--json');
    expect(code).toBe(0);
    const results = JSON.parse(stdout);
    expect(results.genes[0].symbol).toBe('IKZF1');
    expect(results.publications.total).toBeGreaterThan(0);
    expect(results.publications.items[0]).toHaveProperty('snippet');
    expect(results.facets.genes[0]).toMatchObject({ symbol: 'IKZF1' });
    expect(results.ready).toBe(true);
  });

  it('an empty library, a query that matches nothing, and a missing query', async () => {
    const empty = await geneshelf('search', 'leukemia', '--library', join(dir.path, 'empty'));
    expect(empty).toMatchObject({ code: 0, stdout: '' });
    expect(empty.stderr).toContain('no publication matches');
    const none = await geneshelf('search', 'zebrafishes', '--library', library);
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(none.stderr).toContain('no publication matches');
    const missing = await geneshelf('search', '--library', library);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('search takes a QUERY');
    expect((await geneshelf('search', 'x', '--library', library, '--limit', 'lots')).code).toBe(2);
  });
});
