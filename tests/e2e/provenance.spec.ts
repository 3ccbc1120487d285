import { dropFile, test, expect } from './harness';
import { formatFixture } from '../helpers';

// Issue 12: where the content came from, on what terms, and what the saved copy lacks, shown
// where a reader sees them.

const NBIB = formatFixture('medline', 'ikzf1-pubmed.nbib');
const today = () => new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

test('the gene page says where its content came from, the source’s disclaimer, and what the saved page lacks', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('source-line')).toHaveText(`From Cotterill SJ. IKZF1, Cancer Genetics Web · Licence CC BY-SA 4.0 · Imported from IKZF1.genefile.json on ${today()}`);
  await expect(page.getByTestId('disclaimer')).toHaveText("The source's disclaimer: This site is for educational purposes only; it can not be used in diagnosis or treatment.");
  await app.screenshot('gene-page-source');

  // "Specific Cancers (1)" with no row saved.
  await expect(page.getByTestId('cancers-missing')).toHaveText('The source page lists 1; this copy does not include it.');
  await expect(page.locator('#cancers')).not.toContainText('None recorded');

  // Three titles the page cut short, and only those.
  await expect(page.getByTestId('title-cut-off')).toHaveCount(3);
  const cut = page.getByTestId('publication').filter({ has: page.getByRole('heading', { name: 'IKZF1', exact: true }) });
  await expect(cut.getByTestId('title-cut-off')).toHaveText('Title cut off in the source page: see the whole title on PubMed.');
  await expect(cut.getByTestId('title-cut-off').getByRole('link')).toHaveAttribute('href', /^https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\//);

  // The provenance panel lists the disclaimer, the rights note and the import.
  const panel = page.getByTestId('provenance');
  await expect(panel).toContainText('This site is for educational purposes only');
  await expect(panel).toContainText('Content of abstracts copyright of respective publishers');
  await expect(page.getByTestId('imports').locator('li')).toHaveText([`IKZF1.genefile.json (GeneShelf gene file), ${today()} · GeneShelf 0.1.0`]);
});

test('publications a reference export brought say which import it was, and the gene’s chain lists it', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('added-from')).toHaveCount(0);
  await dropFile(page, NBIB, 'ikzf1-pubmed.nbib');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('publication-count')).toHaveText('32 publications');
  // The two new papers; Barwick 2019 was the page's own and was only completed by the export.
  await expect(page.getByTestId('added-from')).toHaveCount(2);
  await expect(page.getByTestId('added-from').first()).toHaveText(`Added from ikzf1-pubmed.nbib, a PubMed MEDLINE (.nbib) file, on ${today()}`);
  await expect(page.locator('[data-testid="publication"][data-id="key-1e810e348482933e"]').getByTestId('added-from')).toHaveCount(0);
  await expect(page.getByTestId('imports').locator('li')).toHaveText([
    `IKZF1.genefile.json (GeneShelf gene file), ${today()} · GeneShelf 0.1.0`,
    `ikzf1-pubmed.nbib (PubMed MEDLINE (.nbib)), ${today()}: 3 publications added or updated · GeneShelf 0.1.0`,
  ]);
  // The gene's own source is still the page's.
  await expect(page.getByTestId('source-line')).toContainText('Imported from IKZF1.genefile.json');
  await page.getByTestId('added-from').first().scrollIntoViewIfNeeded();
  await app.screenshot('publication-added-from');
});
