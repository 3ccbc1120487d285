import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { confirmImport, dropFile, test, expect } from './harness';
import { formatFixture } from '../helpers';

// What real exports carry, seen as a clinician sees it: PubMed XML's plain abstracts and authors'
// keywords on the card, keywords in the term cloud and its filter, and a provenance address that
// is a link only when it is https.

test('a PubMed XML export: plain abstracts in paragraphs, keywords on the card, in the term cloud and its filter', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('publication-count')).toHaveText('30 publications');
  await dropFile(page, formatFixture('pubmed-xml', 'efetch-plain.xml'), 'efetch-plain.xml');
  const dialog = page.getByTestId('import-preview');
  await expect(dialog).toContainText('PubMed XML');
  await expect(page.getByTestId('count-new')).toHaveText('3');
  await expect(page.getByTestId('count-skipped')).toHaveText('1');
  await expect(page.getByTestId('import-warnings')).toContainText('Line 50: this article holds the character reference &#x110000;, which names no character, and was skipped');
  await confirmImport(page);
  await expect(page.getByTestId('publication-count')).toHaveText('33 publications');

  // The keyword is a term of its own, marked as the authors', and filters to the paper that gives it.
  const term = page.getByTestId('term-cloud').getByRole('button', { name: /^IKZF1plus \d+$/ });
  await expect(term).toHaveClass(/keyword/);
  await expect(page.getByTestId('term-summary')).toContainText("from their authors' keywords");
  await term.click();
  await expect(page.getByTestId('publication')).toHaveCount(1);
  const card = page.locator('[data-testid="publication"][data-id="pmid:39000001"]');
  await expect(card).toContainText('IKZF1 plus deletions in adolescents');
  await expect(card.getByTestId('citation')).toContainText('14(2):112-119');
  await card.getByRole('button', { name: 'Show abstract' }).click();
  await expect(card.getByTestId('abstract').locator('p').first()).toHaveText('IKZF1 deletions co-occurring with CDKN2A, PAX5 or PAR1 deletions define a poor-risk group.');
  await expect(card.getByTestId('abstract').locator('p').nth(1)).toHaveText('In a second paragraph, we report minimal residual disease in 212 adolescents.');
  await expect(card.getByTestId('keywords')).toHaveText('Keywords: IKZF1plus; minimal residual disease; PAX5 deletion');
  await expect(card.getByRole('link', { name: 'DOI' })).toHaveAttribute('href', 'https://doi.org/10.5555/bcj.2025.112');
  await app.screenshot('gene-page-keywords');
});

test('a gene file whose page address is javascript: shows it as text, never as a link', async ({ app }) => {
  const { page } = app;
  const file = join(app.scratch, 'hostile.genefile.json');
  await writeFile(
    file,
    JSON.stringify({
      format: 'geneshelf.genefile',
      version: 1,
      genes: [{ symbol: 'PAX5', name: 'paired box 5', provenance: { pageUrl: 'javascript:alert(1)', license: 'CC BY 4.0' }, publications: [] }],
    }),
  );
  await dropFile(page, file, 'hostile.genefile.json');
  await confirmImport(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('PAX5');
  const address = page.getByTestId('page-url');
  await expect(address).toHaveText('javascript:alert(1)');
  await expect(address.locator('a')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
});
