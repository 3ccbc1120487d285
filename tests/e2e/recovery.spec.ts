import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect } from './harness';
import { LibraryService } from '../../electron/core/service';
import { SAMPLE } from '../helpers';

const GARBAGE = '{"schemaVersion":1,"genes":{"IKZF1":{"symbol":"IKZ';

// Before the app opens: a library that was good once (so a backup exists), then damaged.
const test = base.extend({
  libraryDir: async ({ libraryDir }, use) => {
    await LibraryService.open(libraryDir, { samplePath: SAMPLE });
    await LibraryService.open(libraryDir);
    await writeFile(join(libraryDir, 'library.json'), GARBAGE);
    await use(libraryDir);
  },
});

test('a damaged library is moved aside, the user is told, and the last good copy can be restored', async ({ app }) => {
  const { page } = app;
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('The library file (library.json) could not be read');
  await expect(notice).toContainText(/moved aside to library\.json\.corrupt-/);
  // Plain words: what is wrong and what to do, without the parser's own text.
  await expect(notice).toContainText('its text stops before its data ends, as if the file was cut short while it was written');
  await expect(notice.getByTestId('notice-advice')).toContainText('What to do: choose Restore the last good copy');
  await expect(notice).not.toContainText(/Unexpected|JSON input|position \d/);
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
  await expect(page.getByText('The library is empty.')).toBeVisible();
  await app.screenshot('library-damaged-notice');

  const aside = (await readdir(app.dir)).find((f) => f.startsWith('library.json.corrupt-'))!;
  expect(await readFile(join(app.dir, aside), 'utf8')).toBe(GARBAGE);

  await notice.getByRole('button', { name: 'Restore the last good copy' }).click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await expect(page.getByTestId('message')).toContainText('The last good copy of the library was restored.');
  await expect(page.locator('.gene-table tbody tr')).toHaveCount(1);
  await page.getByRole('button', { name: 'IKZF1', exact: true }).click();
  await expect(page.getByTestId('publication')).toHaveCount(30);
});

test('starting afresh instead withdraws the offer for good, and the damaged file stays aside', async ({ app }) => {
  const { page } = app;
  const notice = page.getByTestId('notice');
  await expect(notice.getByRole('button', { name: 'Restore the last good copy' })).toBeVisible();
  await notice.getByRole('button', { name: 'Start afresh instead' }).click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await expect(page.getByTestId('message')).toContainText('GeneShelf goes on without the damaged file, which stays where it was moved');
  // The next launch asks nothing, and nothing was deleted.
  expect((await LibraryService.open(app.dir)).notices()).toEqual([]);
  const files = await readdir(app.dir);
  expect(files.some((f) => f.startsWith('library.json.corrupt-'))).toBe(true);
  expect(files).toContain('library.json.bak');
});
