import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './harness';
import { buildCli, geneshelf } from '../helpers';
import { LibraryService } from '../../electron/core/service';

// The app open on the library while a curator's CLI run imports into the same folder.
test.beforeAll(() => buildCli());

test('a CLI import in another process appears in the open app without a reload, and the app\'s next write keeps it', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await expect(page.locator('.gene-table tbody tr')).toHaveCount(1);

  const file = join(app.scratch, 'PAX5.genefile.json');
  await writeFile(file, JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol: 'PAX5', name: 'paired box 5', location: '9p13.2', publications: [{ title: 'PAX5 alterations in B-ALL', authors: ['Nakamura K'], journal: 'Blood', year: 2022 }] }] }));
  const cli = await geneshelf('import', file, '--library', app.dir);
  expect(cli.code, cli.stderr).toBe(0);

  // Within two seconds, with no click.
  await expect(page.locator('.gene-table tbody tr')).toHaveCount(2, { timeout: 2_500 });
  await expect(page.getByRole('button', { name: 'PAX5', exact: true })).toBeVisible();
  await app.screenshot('library-after-cli-import');

  // A bookmark made in the app afterwards leaves the CLI's gene in place.
  await page.getByRole('button', { name: 'IKZF1', exact: true }).click();
  const card = page.getByTestId('publication').first();
  await card.getByRole('button', { name: /Bookmark/ }).click();
  await expect(page.getByTestId('show-lists')).toContainText('1');
  const disk = await LibraryService.open(app.dir);
  expect(disk.listGenes().map((g) => g.symbol)).toEqual(['IKZF1', 'PAX5']);
  expect(disk.listsState().lists[0]!.count).toBe(1);
});
