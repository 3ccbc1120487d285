import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './harness';

// Issue 12: Copy citation on a card and a list item, a list copied or exported as a bibliography,
// through the real handlers: citation-js formats in main, and main's clipboard gets text and HTML.

const ROBERTS = 'key-3f2a537458208951';
const WANG = 'key-437ec263b1f6a021';

test('Copy citation puts the publication on the clipboard in the chosen style, and remembers the style', async ({ app }) => {
  const { page, desktop } = app;
  const card = page.locator(`[data-testid="publication"][data-id="${ROBERTS}"]`);
  await card.getByTestId('cite-menu').click();
  await expect(card.getByTestId('copy-citation')).toHaveText(['Copy in Vancouver (NLM) (your style)', 'Copy in AMA', 'Copy in APA 7th']);
  await app.screenshot('copy-citation-menu');
  await card.getByTestId('copy-citation').first().click();
  await expect(page.getByTestId('message')).toContainText('Copied the citation in Vancouver (NLM)');
  // Vancouver: NLM's journal abbreviation, year;volume(issue):pages, the range shortened.
  expect(desktop.clipboard!.text).toBe('Roberts KG. Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol. 2018;31(4):351–6.');

  // AMA: the journal in italics in the HTML Word pastes, plain in the text.
  await card.getByTestId('cite-menu').click();
  await card.locator('[data-testid="copy-citation"][data-style="ama"]').click();
  await expect(page.getByTestId('message')).toContainText('Copied the citation in AMA');
  expect(desktop.clipboard!.text).toBe('Roberts KG. Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol. 2018;31(4):351-356.');
  expect(desktop.clipboard!.html).toContain('<i>Best Pract Res Clin Haematol</i>');
  expect(desktop.clipboard!.html).not.toMatch(/<(script|img|a)\b/);

  // The style used last is the reader's: first in every menu, and kept.
  const other = page.locator(`[data-testid="publication"][data-id="${WANG}"]`);
  await other.getByTestId('cite-menu').click();
  await expect(other.getByTestId('copy-citation').first()).toHaveText('Copy in AMA (your style)');
  await page.keyboard.press('Escape');
  expect(app.service.settings().citationStyle).toBe('ama');
});

test('a reading list copies as a numbered bibliography, its items cite one by one, and it exports as a bibliography', async ({ app }) => {
  const { page, desktop } = app;
  for (const id of [ROBERTS, WANG]) await page.locator(`[data-testid="publication"][data-id="${id}"]`).getByTestId('bookmark').click();
  await expect(page.getByTestId('bookmark-count')).toHaveText('2');
  await page.getByTestId('show-lists').click();
  await expect(page.getByTestId('list-item')).toHaveCount(2);

  await page.getByTestId('copy-bibliography').click();
  await page.locator('.rl-export [data-testid="copy-citation"][data-style="vancouver"]').click();
  await expect(page.getByTestId('message')).toContainText('Copied 2 citations in Vancouver (NLM), as a bibliography');
  expect(desktop.clipboard!.text.split('\n').filter(Boolean)).toEqual([
    '1. Roberts KG. Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol. 2018;31(4):351–6.',
    '2. Wang LX, Li Y, Chen GZ. Network-based co-expression analysis for exploring the potential diagnostic biomarkers of metastatic melanoma. PLoS One. 2018;13(1):e0190447.',
  ]);
  expect(desktop.clipboard!.html).toMatch(/^<div class="csl-bib-body">/);

  // One item of the list, in APA.
  const item = page.getByTestId('list-item').filter({ hasText: 'Network-based co-expression' });
  await item.getByTestId('cite-menu').click();
  await item.locator('[data-testid="copy-citation"][data-style="apa"]').click();
  await expect(page.getByTestId('message')).toContainText('Copied the citation in APA 7th');
  expect(desktop.clipboard!.text).toBe('Wang, L. X., Li, Y., & Chen, G. Z. (2018). Network-based co-expression analysis for exploring the potential diagnostic biomarkers of metastatic melanoma. PLoS One, 13(1), e0190447.');

  // The bibliography export is written in the reader's style (APA now), through the save dialog.
  const out = join(app.scratch, 'ward.txt');
  desktop.exportAnswers.push(out);
  await page.getByTestId('export-format').selectOption('bibliography');
  await page.getByTestId('export-list').click();
  await expect(page.getByTestId('message')).toContainText(out);
  expect(desktop.exportDefaults.at(-1)).toBe('Reading list.txt');
  const text = await readFile(out, 'utf8');
  expect(text).toContain('Roberts, K. G. (2018). Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol, 31(4), 351–356.');
  expect(text).toContain('Wang, L. X., Li, Y., & Chen, G. Z. (2018).');
  await app.screenshot('reading-list-copy-bibliography');
});
