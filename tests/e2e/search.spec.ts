import { test, expect } from './harness';
import { PAX5_PAGE } from '../helpers';

// Publications of the bundled IKZF1 page, by their stable ids.
const AYON = 'key-5c679862123bebbe'; // Ayón-Pérez MF et al., IKZF1 Gene Deletion in Pediatric Patients ... in Mexico (2019)

test.describe('search', () => {
  test('type in the box, see grouped results with highlights, and open a publication at its place in the gene page', async ({ app }) => {
    const { page } = app;
    await expect(page.getByRole('heading', { name: /IKZF1/, level: 1 })).toBeVisible();
    await app.service.importFile(PAX5_PAGE);

    // Ctrl+K goes to the box from anywhere; typing searches as the clinician types.
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('search-box')).toBeFocused();
    // An alias finds the gene, and stands for its symbol in the papers; a prefix and an unaccented name find Ayón-Pérez.
    await page.keyboard.type('IKAROS');
    await expect(page.getByTestId('gene-result')).toHaveCount(1);
    await expect(page.getByTestId('gene-result')).toContainText('IKZF1');
    await expect(page.getByTestId('gene-result').locator('mark')).toContainText(['IKAROS']);
    await expect(page.getByTestId('publication-result').first()).toBeVisible();
    expect(Number(await page.getByTestId('search-total').textContent())).toBeGreaterThan(5);

    await page.getByTestId('search-box').fill('Ayon-Perez pediatr');
    const hit = page.locator(`[data-testid="publication-result"][data-id="${AYON}"]`);
    await expect(hit).toBeVisible();
    await expect(page.getByTestId('publication-result')).toHaveCount(1);
    await expect(hit.locator('mark').first()).toBeVisible();
    await expect(hit).toContainText('IKZF1');
    await expect(hit).toContainText('2019');
    await app.screenshot('search-results');

    // The keyboard moves into the results; Enter opens the gene page scrolled to the paper, focused.
    await page.getByTestId('search-box').press('ArrowDown');
    await expect(hit).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /IKZF1/, level: 1 })).toBeVisible();
    const card = page.locator(`[data-testid="publication"][data-id="${AYON}"]`);
    await expect(card).toBeFocused();
    await expect(card).toBeInViewport();
    await app.screenshot('search-landed-on-publication');
  });

  test('facets narrow the results; notes and lists are found; the help explains the syntax', async ({ app }) => {
    const { page } = app;
    await app.service.importFile(PAX5_PAGE);
    const list = await app.service.createList('MDT Thursday');
    await app.service.setMembership(AYON, list.id, true);
    await app.service.setNote(list.id, AYON, 'Discuss the Mexican cohort with Dr Ruiz');
    // Made behind the window's back: the window reads the library again, as after a restart.
    await page.reload();
    await expect(page.getByTestId('bookmark-count')).toHaveText('1');

    await page.getByTestId('search-box').fill('leukemia');
    await expect(page.getByTestId('facet-gene').first()).toBeVisible();
    // Counts are read once the library is wholly indexed (the results say when they are not yet).
    await expect(page.getByTestId('search-indexing')).toHaveCount(0);
    const all = Number(await page.getByTestId('search-total').textContent());
    const genes = await page.getByTestId('facet-gene').allTextContents();
    expect(genes.join(' ')).toContain('PAX5');
    await page.getByTestId('facet-gene').filter({ hasText: 'PAX5' }).click();
    await expect(page.getByRole('button', { name: 'Remove the gene filter PAX5' })).toBeVisible();
    // The facet is chosen at once; its answer follows.
    await expect(page.getByTestId('search-total')).not.toHaveText(String(all));
    const pax5 = Number(await page.getByTestId('search-total').textContent());
    expect(pax5).toBeGreaterThan(0);
    expect(pax5).toBeLessThan(all);
    for (const badges of await page.getByTestId('publication-result').locator('.result-badges').allTextContents()) expect(badges).toContain('PAX5');
    await page.getByRole('button', { name: 'Remove the gene filter PAX5' }).click();
    await expect(page.getByTestId('search-total')).toHaveText(String(all));

    await page.getByTestId('facet-year-from').fill('2019');
    await page.getByTestId('facet-year-to').fill('2019');
    await page.getByTestId('facet-year-to').press('Tab');
    await expect(page.getByTestId('search-total')).not.toHaveText(String(all));
    for (const meta of await page.getByTestId('publication-result').locator('.result-meta').allTextContents()) expect(meta).toMatch(/ · 2019$/);
    await page.getByTestId('facet-year-from').fill('');
    await page.getByTestId('facet-year-to').fill('');
    await page.getByTestId('facet-year-to').press('Tab');
    await page.getByTestId('facet-in-list').check();
    await expect(page.getByTestId('publication-result')).toHaveCount(1);
    await expect(page.getByTestId('publication-result')).toContainText('★ In a list');
    await app.screenshot('search-facets');

    // The user's own words: a note and a list name.
    await page.getByTestId('facet-in-list').uncheck();
    await page.getByTestId('search-box').fill('mexican cohort');
    await expect(page.getByTestId('note-result')).toContainText('Discuss the Mexican cohort with Dr Ruiz');
    await expect(page.getByTestId('note-result').locator('mark')).toHaveText(['Mexican', 'cohort']);
    // A note opens its list at its item.
    await page.getByTestId('note-result').click();
    await expect(page.getByRole('heading', { name: 'MDT Thursday', level: 1 })).toBeVisible();
    const item = page.locator(`[data-testid="list-item"][data-id="${AYON}"]`);
    await expect(item).toBeInViewport();
    await expect(item.locator(':focus')).toHaveCount(1);
    await page.getByTestId('search-box').fill('mdt thurs');
    await expect(page.getByTestId('list-result')).toContainText('MDT Thursday');
    await page.getByTestId('list-result').click();
    await expect(page.getByRole('heading', { name: 'MDT Thursday', level: 1 })).toBeVisible();

    // The help popover, and a query GeneShelf cannot read said plainly.
    await page.getByTestId('search-help-toggle').click();
    await expect(page.getByTestId('search-help')).toContainText('author:Stanulla');
    await app.screenshot('search-help');
    await page.getByTestId('search-box').fill('leukemia year:19x');
    await expect(page.getByTestId('search-problem')).toHaveText('year:19x is not a year or a range like 2015..2019');
    await page.getByTestId('search-box').fill('zebrafishes ');
    await expect(page.getByTestId('no-publications')).toContainText('No publication matches “zebrafishes”');
  });

  test('the gene page sorts and filters its publications', async ({ app }) => {
    const { page } = app;
    await expect(page.getByRole('heading', { name: /IKZF1/, level: 1 })).toBeVisible();
    const years = async () => (await page.getByTestId('citation').allTextContents()).map((c) => Number(/\b(19|20)\d\d\b/.exec(c)?.[0]));
    const count = page.getByTestId('publication');
    const all = await count.count();

    await page.getByTestId('publication-sort').selectOption('oldest');
    await expect.poll(async () => { const y = await years(); return y.every((v, i) => i === 0 || v >= y[i - 1]!); }).toBe(true);
    await page.getByTestId('publication-sort').selectOption('newest');
    await expect.poll(async () => { const y = await years(); return y.length === all && y.every((v, i) => i === 0 || v <= y[i - 1]!); }).toBe(true);

    await page.getByTestId('publication-year-from').fill('2018');
    await page.getByTestId('publication-year-to').fill('2018');
    await page.getByTestId('publication-year-to').press('Tab');
    await expect.poll(async () => { const n = await count.count(); return n > 0 && n < all && (await years()).every((y) => y === 2018); }).toBe(true);
    await expect(page.getByTestId('publication-count')).toContainText(`of ${all} publications`);

    // The text filter within the gene is search's: forgiving of accents, and combined with the year.
    await page.getByTestId('publication-year-from').fill('');
    await page.getByTestId('publication-year-to').fill('');
    await page.getByTestId('publication-year-to').press('Tab');
    await page.getByTestId('publication-text').fill('Ayon-Perez');
    await expect(count).toHaveCount(1);
    await expect(count.first()).toHaveAttribute('data-id', AYON);
    await app.screenshot('gene-page-filtered');
    await page.getByTestId('publication-clear').click();
    await expect(count).toHaveCount(all);
  });
});
