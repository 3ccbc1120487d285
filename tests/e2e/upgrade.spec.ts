import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect } from './harness';
import { SAMPLE } from '../helpers';

// A library from before the shards: schema 1, every gene and publication in one library.json.
const test = base.extend({
  libraryDir: async ({ libraryDir }, use) => {
    const sample = JSON.parse(await readFile(SAMPLE, 'utf8'));
    const ikzf1 = sample.genes[0];
    const publications = Object.fromEntries(ikzf1.publications.map((p: { id: string }) => [p.id, p]));
    const { publications: list, ...rest } = ikzf1;
    const ids = list.map((p: { id: string }) => p.id);
    const genes = {
      IKZF1: { ...rest, publicationIds: ids, importedAt: '2026-01-01T00:00:00.000Z', importedFrom: 'IKZF1.genefile.json' },
      PAX5: { ...rest, symbol: 'PAX5', name: 'paired box 5', publicationIds: ids.slice(0, 4), importedAt: '2026-01-02T00:00:00.000Z', importedFrom: 'PAX5.genefile.json' },
    };
    await writeFile(join(libraryDir, 'library.json'), JSON.stringify({ schemaVersion: 1, genes, publications }));
    await use(libraryDir);
  },
});

test.describe('a library from before the shards', () => {
  test.use({ holdOpening: true });

  test('the window says why the first open takes a while, then the library opens split, and the user is told', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('opening')).toHaveText('Opening the library…');
    // What main forwards while the split writes its files.
    app.desktop.reportOpening(120, 1000);
    await expect(page.getByTestId('opening')).toHaveText('Upgrading your library so that it opens quickly (this happens once): 120 of 1,000 files written…');
    await app.screenshot('library-upgrading');

    await app.open();
    expect(app.desktop.opening).toEqual([
      [120, 1000],
      [1, 1],
    ]);
    await expect(page.getByTestId('notice')).toContainText('was split into a catalogue and 1 publication file (30 publications)');
    await expect(page.locator('.gene-table tbody tr')).toHaveCount(2);
    await page.getByRole('button', { name: 'PAX5', exact: true }).click();
    await expect(page.getByTestId('publication')).toHaveCount(4);
    expect(await readdir(join(app.dir, 'publications'))).toContain('p000000.json');
    expect(JSON.parse(await readFile(join(app.dir, 'library.json'), 'utf8')).schemaVersion).toBe(3);
  });
});
