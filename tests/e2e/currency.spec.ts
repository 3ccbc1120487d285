import { test, expect } from './harness';

// Whole years from the IKZF1 page's revision (31 August 2019) to today, as the age line says them.
function yearsSinceRevision(now = new Date()): number {
  const months = (now.getUTCFullYear() - 2019) * 12 + (now.getUTCMonth() + 1 - 8) - (now.getUTCDate() < 31 ? 1 : 0);
  return Math.floor(months / 12);
}

test('the gene page and the library say how old the content is, and mark it past the reader\'s threshold', async ({ app }) => {
  const { page } = app;
  const years = yearsSinceRevision();
  await expect(page.getByTestId('gene-age')).toHaveText(`Page revised 31 August 2019 · ${years} years agoOlder than 2 years`);
  await expect(page.getByTestId('stale-mark')).toHaveText('Older than 2 years');
  await expect(page.getByTestId('stale-note')).toContainText('newer findings may exist');
  await app.screenshot('gene-page-age');

  // A bookmarked paper of a stale gene carries the mark in the reading list too.
  await page.getByTestId('publication').first().getByTestId('bookmark').click();
  await page.getByTestId('show-lists').click();
  await expect(page.getByTestId('item-stale')).toHaveText('IKZF1 content older than 2 years');
  await app.screenshot('reading-list-stale');

  await page.getByRole('button', { name: 'Library', exact: true }).first().click();
  const row = page.getByTestId('gene-content-age');
  await expect(row).toContainText(`31 August 2019 · ${years} years ago`);
  await expect(row).toContainText('Older than 2 years');
  await app.screenshot('library-content-age');

  // A threshold past the page's age takes the mark away, on the page and in the library.
  await page.getByRole('button', { name: 'IKZF1', exact: true }).click();
  await page.getByTestId('stale-threshold').selectOption('10');
  await expect(page.getByTestId('stale-mark')).toHaveCount(0);
  await expect(page.getByTestId('gene-age')).toHaveText(`Page revised 31 August 2019 · ${years} years ago`);
  await expect(page.getByTestId('stale-note')).toHaveCount(0);
  await app.screenshot('gene-page-age-not-marked');
  await page.getByRole('button', { name: 'Library', exact: true }).first().click();
  await expect(page.getByTestId('gene-content-age')).not.toContainText('Older than');
  await page.getByTestId('show-lists').click();
  await expect(page.getByTestId('list-item')).toHaveCount(1);
  await expect(page.getByTestId('item-stale')).toHaveCount(0);
  // The choice is kept.
  expect(app.service.settings().staleAfterYears).toBe(10);
});

test('an abstract cut off in the source page says so, with the way to the whole one', async ({ app }) => {
  const { page } = app;
  const cut = page.getByTestId('publication').filter({ hasText: 'of 1,223 cases' });
  await cut.getByRole('button', { name: 'Show abstract' }).click();
  await expect(cut.getByTestId('abstract')).toContainText('(G1 to G8 associated with');
  await expect(cut.getByTestId('cut-off')).toHaveText('Cut off in the source page: read the full abstract on PubMed.');
  await expect(cut.getByTestId('cut-off').getByRole('link')).toHaveAttribute('href', /^https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\//);
  await cut.scrollIntoViewIfNeeded();
  await app.screenshot('abstract-cut-off');
  const whole = page.locator('[data-testid="publication"][data-id="key-5c679862123bebbe"]');
  await whole.getByRole('button', { name: 'Show abstract' }).click();
  await expect(whole.getByTestId('abstract')).toBeVisible();
  await expect(whole.getByTestId('cut-off')).toHaveCount(0);
});
