import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropFile, test, expect } from './harness';
import { formatFixture, medlineExport } from '../helpers';
import type { GeneShelfApi } from '../../electron/contract';

const NBIB = formatFixture('medline', 'ikzf1-pubmed.nbib');

test.describe('importing reference exports', () => {
  test('a .nbib dropped on the IKZF1 page: preview with counts, confirm, new publications and a grown term cloud; again, all duplicates', async ({ app }) => {
    const { page, service } = app;
    await expect(page.getByTestId('publication-count')).toHaveText('30 publications');
    const termsBefore = (await service.getGeneView('IKZF1'))!.literature.length;
    const libraryBefore = await readFile(join(app.dir, 'library.json'));

    await dropFile(page, NBIB, 'ikzf1-pubmed.nbib');
    const dialog = page.getByTestId('import-preview');
    await expect(dialog).toContainText('Import ikzf1-pubmed.nbib?');
    await expect(dialog).toContainText('PubMed MEDLINE (.nbib)');
    await expect(page.getByTestId('import-gene')).toHaveValue('IKZF1');
    await expect(page.getByTestId('count-new')).toHaveText('2');
    await expect(page.getByTestId('count-updated')).toHaveText('1');
    await expect(page.getByTestId('count-duplicate')).toHaveText('0');
    await expect(page.getByTestId('count-skipped')).toHaveText('1');
    await expect(page.getByTestId('import-warnings')).toContainText('Line 40: a second title (TI) in one record was left out');
    await expect(page.getByTestId('import-warnings')).toContainText('Line 55: the record for PMID 30890001 has no title (TI) and was skipped');
    await app.screenshot('import-preview-nbib');
    expect(await readFile(join(app.dir, 'library.json'))).toEqual(libraryBefore);

    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('message')).toContainText('Imported ikzf1-pubmed.nbib into IKZF1: 2 new, 1 updated, 0 already there, 1 skipped');
    await expect(page.getByTestId('publication-count')).toHaveText('32 publications');
    const grown = (await service.getGeneView('IKZF1'))!.literature;
    expect(grown.length).toBeGreaterThan(termsBefore);
    await page.getByTestId('show-inert-terms').click();
    await expect(page.getByTestId('term-cloud').locator('li')).toHaveCount(grown.length);
    await expect(page.getByTestId('term-summary')).toContainText(`${grown.length - termsBefore} from its publications' MeSH headings`);
    // A MeSH heading from the records filters to the papers indexed with it.
    const myeloma = page.getByTestId('term-cloud').getByRole('button', { name: /^Multiple Myeloma \d+$/ });
    const indexed = Number((await myeloma.textContent())!.match(/(\d+)$/)![1]);
    await myeloma.click();
    await expect(page.getByTestId('publication')).toHaveCount(indexed);
    await expect(page.getByTestId('publication').filter({ hasText: 'Multiple myeloma immunoglobulin lambda translocations' })).toHaveCount(1);
    await page.getByRole('button', { name: /Remove the filter/ }).click();

    // The merged paper shows what PubMed added: its PMID, the PMC full text, and its MeSH headings with majors in bold.
    const card = page.locator('[data-testid="publication"][data-id="key-1e810e348482933e"]');
    await expect(card.getByRole('link', { name: 'PubMed 31015500' })).toBeVisible();
    await expect(card.getByRole('link', { name: 'PMC full text' })).toBeVisible();
    await card.getByRole('button', { name: 'Show abstract' }).click();
    await expect(card.getByTestId('mesh')).toHaveText('MeSH: Humans; Multiple Myeloma/genetics/mortality; Ikaros Transcription Factor/metabolism');
    await expect(card.getByTestId('mesh').locator('.major')).toHaveText(['Multiple Myeloma/genetics/mortality', 'Ikaros Transcription Factor/metabolism']);
    await card.scrollIntoViewIfNeeded();
    await app.screenshot('gene-page-after-nbib');

    // The same file again: everything is already there, and nothing is written.
    const libraryAfter = await readFile(join(app.dir, 'library.json'));
    await dropFile(page, NBIB, 'ikzf1-pubmed.nbib');
    await expect(page.getByTestId('count-duplicate')).toHaveText('3');
    await expect(page.getByTestId('count-new')).toHaveText('0');
    await expect(page.getByTestId('count-updated')).toHaveText('0');
    await expect(page.getByTestId('import-confirm')).toHaveText('Done (nothing new)');
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('message')).toContainText('0 new, 0 updated, 3 already there');
    expect(await readFile(join(app.dir, 'library.json'))).toEqual(libraryAfter);
  });

  test('from the library: choose a new gene by symbol; merge a near match when asked; cancel writes nothing', async ({ app }) => {
    const { page, service } = app;
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    const ris = join(app.scratch, `near-${Date.now()}.ris`);
    await writeFile(ris, ['TY  - JOUR', 'TI  - Multiple myeloma immunoglobulin lambda translocation portends poor prognosis', 'AU  - Barwick, Benjamin G', 'PY  - 2019', 'ER  - ', '', 'TY  - JOUR', 'TI  - CDKN2A loss in T-ALL', 'AU  - Someone, A', 'PY  - 2020', 'ER  - '].join('\n'));

    // Cancel first: the library stays as it was.
    app.desktop.importAnswers.push(ris);
    await page.getByRole('button', { name: 'Import…' }).click();
    await expect(page.getByTestId('import-preview')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('import-preview')).toHaveCount(0);
    expect(service.listGenes().map((g) => g.symbol)).toEqual(['IKZF1']);

    app.desktop.importAnswers.push(ris);
    await page.getByRole('button', { name: 'Import…' }).click();
    await expect(page.getByTestId('import-confirm')).toBeDisabled();
    await expect(page.getByTestId('import-preview')).toContainText('Choose the gene these publications belong to.');
    await page.getByTestId('import-gene').selectOption('IKZF1');
    await expect(page.getByTestId('near-matches')).toContainText('Merge line 1, “Multiple myeloma immunoglobulin lambda translocation portends poor prognosis”');
    await expect(page.getByTestId('count-new')).toHaveText('2');
    await page.getByTestId('near-matches').getByRole('checkbox').check();
    await expect(page.getByTestId('count-new')).toHaveText('1');
    await expect(page.getByTestId('count-duplicate')).toHaveText('1');
    await app.screenshot('import-preview-near-match');

    // Then send them to a gene the library does not have yet instead.
    await page.getByTestId('import-new-gene').fill('cdkn2a');
    await page.getByRole('button', { name: 'Use' }).click();
    await expect(page.getByTestId('import-gene')).toHaveValue('CDKN2A');
    await expect(page.getByTestId('import-preview')).toContainText('Counted for CDKN2A (a new gene)');
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('message')).toContainText('into CDKN2A');
    expect(service.listGenes().map((g) => [g.symbol, g.publicationCount])).toEqual([
      ['CDKN2A', 2],
      ['IKZF1', 30],
    ]);
  });

  test('a 10,000-record .nbib: main reports progress, the window stays responsive, Cancel writes nothing, and it imports', async ({ app }) => {
    const { page } = app;
    const big = join(app.scratch, `pubmed-10000-${Date.now()}.nbib`);
    await writeFile(big, medlineExport(10_000));
    const libraryBefore = await readFile(join(app.dir, 'library.json'));

    // Cancel as soon as the progress dialog shows: the read stops between slices, nothing is written.
    app.desktop.importAnswers.push(big);
    await page.getByRole('button', { name: 'Import…' }).click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await page.getByTestId('cancel-reading').dispatchEvent('click');
    await expect(progress).toHaveCount(0);
    await expect(page.getByTestId('import-preview')).toHaveCount(0);
    const reported = app.desktop.progress;
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.at(-1)![1]).toBe(10_000);
    expect(reported.at(-1)![0]).toBeLessThan(10_000);
    expect(await readFile(join(app.dir, 'library.json'))).toEqual(libraryBefore);

    // Read to the end: main answers another request while it reads (the app is not frozen), the
    // bar moves, and the preview counts all 10,000 for IKZF1.
    await page.evaluate(() => {
      const log: Array<[string, number]> = [];
      (window as unknown as { __log: typeof log }).__log = log;
      let last = 0;
      let asked = false;
      const geneshelf = (window as unknown as { geneshelf: GeneShelfApi }).geneshelf;
      geneshelf.onImportProgress(({ done }) => {
        last = done;
        log.push(['progress', done]);
        if (!asked) {
          asked = true;
          void geneshelf.listGenes().then(() => log.push(['answered while reading', last]));
        }
      });
    });
    app.desktop.importAnswers.push(big);
    app.desktop.progress = [];
    await page.getByRole('button', { name: 'Import…' }).click();
    await progress.waitFor();
    await app.screenshot('import-progress');
    await expect(page.getByTestId('count-new')).toHaveText('10000', { timeout: 20_000 });
    const log = await page.evaluate(() => (window as unknown as { __log: Array<[string, number]> }).__log);
    const answered = log.find(([what]) => what === 'answered while reading')!;
    expect(answered[1]).toBeLessThan(10_000);
    expect(log.filter(([what]) => what === 'progress').length).toBeGreaterThan(5);

    // Imported, the gene page opens at once with the first hundred cards and a way to see more.
    const started = Date.now();
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('message')).toContainText('10000 new, 0 updated, 0 already there');
    await expect(page.getByTestId('publication-count')).toHaveText('10030 publications');
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(page.getByTestId('publication')).toHaveCount(100);
    await page.getByTestId('show-more').click();
    await expect(page.getByTestId('publication')).toHaveCount(200);
    expect(app.service.listGenes()[0]!.publicationCount).toBe(10_030);
  });
});
