import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, confirmImport } from './harness';
import { beforeLastImport, PAX5_PAGE, tempDir } from '../helpers';
import { LibraryService } from '../../electron/core/service';

const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

test.describe('importing and exporting', () => {
  test('a second gene imports through the file picker, and the library lists both', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('symbol')).toHaveText('IKZF1');
    app.desktop.importAnswers.push(PAX5_PAGE);
    await page.getByRole('button', { name: 'Import…' }).click();

    // Nothing is written before the preview is confirmed.
    await expect(page.getByTestId('import-preview')).toContainText('PAX5');
    await expect(page.getByTestId('count-new')).toHaveText('6');
    await app.screenshot('import-preview-gene-page');
    expect(app.service.listGenes().map((g) => g.symbol)).toEqual(['IKZF1']);
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('message')).toContainText('Imported PAX5.cgw.txt: PAX5 added (6 publications)');
    await expect(page.getByTestId('symbol')).toHaveText('PAX5');
    await expect(page.getByTestId('chart-caption')).toContainText('as recorded on the source page (154 publications)');
    await expect(page.locator('#cancers tbody tr')).toHaveText([/Acute Lymphocytic Leukemia \(ALL\)\s*PAX5 alterations in B-ALL\s*112/, /Hodgkin Lymphoma\s*7/]);
    await expect(page.locator('#overview')).toContainText('Germline PAX5 variants predispose to familial ALL.');
    await app.screenshot('gene-page-pax5-imported');

    await page.getByRole('button', { name: 'Library', exact: true }).click();
    const rows = page.locator('.gene-table tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('IKZF1');
    await expect(rows.nth(0)).toContainText('IKAROS family zinc finger 1');
    await expect(rows.nth(0)).toContainText('7p12.2');
    await expect(rows.nth(0).locator('td.num')).toHaveText('30');
    await expect(rows.nth(1).locator('td.num')).toHaveText('6');
    await app.screenshot('library-two-genes');

    // It is on disk, not only in memory: a fresh service over the same folder sees both genes.
    const reopened = await LibraryService.open(app.dir);
    expect(reopened.listGenes().map((g) => g.symbol)).toEqual(['IKZF1', 'PAX5']);

    // Choosing a gene in the library opens its page.
    await page.getByRole('button', { name: 'IKZF1', exact: true }).click();
    await expect(page.getByTestId('symbol')).toHaveText('IKZF1');
  });

  test('re-importing a gene updates it in place', async ({ app }) => {
    const { page } = app;
    const changed = join(app.scratch, `PAX5-changed-${Date.now()}.txt`);
    const text = await readFile(PAX5_PAGE, 'utf8');
    await writeFile(changed, text.replace('Location:9p13.2', 'Location:9p13.3'));
    app.desktop.importAnswers.push(PAX5_PAGE, changed);
    await page.getByRole('button', { name: 'Import…' }).click();
    await confirmImport(page);
    await expect(page.getByTestId('message')).toContainText('PAX5 added');
    await page.getByRole('button', { name: 'Import…' }).click();
    await expect(page.getByTestId('import-preview')).toContainText('updates the gene you have');
    await confirmImport(page);
    await expect(page.getByTestId('message')).toContainText('PAX5 updated');
    await expect(page.locator('#summary')).toContainText('9p13.3');
    expect(app.service.listGenes().map((g) => g.symbol)).toEqual(['IKZF1', 'PAX5']);
  });

  test('the menu and a dropped file import the same way as the button', async ({ app }) => {
    const { page } = app;
    app.desktop.importAnswers.push(PAX5_PAGE);
    await app.emitMenu('import');
    await confirmImport(page);
    await expect(page.getByTestId('message')).toContainText('PAX5 added');

    // Drop: the page gets a File; the preload turns it into its path on disk.
    await page.evaluate((path) => ((window as unknown as { __geneshelfDropPaths: Record<string, string> }).__geneshelfDropPaths['PAX5.cgw.txt'] = path), PAX5_PAGE);
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['ignored: main reads the file itself'], 'PAX5.cgw.txt', { type: 'text/plain' }));
      return dt;
    });
    await page.dispatchEvent('main', 'dragenter', { dataTransfer });
    await expect(page.locator('.drop-overlay')).toBeVisible();
    await app.screenshot('drop-overlay');
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await confirmImport(page);
    await expect(page.getByTestId('message')).toContainText('PAX5 updated');
    await expect(page.locator('.drop-overlay')).toHaveCount(0);
  });

  test('a bad file is refused with its message, and the library is unchanged', async ({ app }) => {
    const { page } = app;
    const libraryFile = join(app.dir, 'library.json');
    const before = await readFile(libraryFile);
    const png = join(app.scratch, `not-a-page-${Date.now()}.txt`);
    await writeFile(png, PNG_BYTES);
    const wrongTypes = join(app.scratch, `wrong-types-${Date.now()}.json`);
    await writeFile(wrongTypes, JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol: 'TP53', publications: [{ title: 'x', year: 'last year' }] }] }));

    app.desktop.importAnswers.push(png);
    await page.getByRole('button', { name: 'Import…' }).click();
    const message = page.getByTestId('message');
    await expect(message).toContainText('Import refused: nothing was changed');
    await expect(message).toContainText(/not-a-page-\d+\.txt: this is a PNG image, not a text file/);
    await app.screenshot('import-refused');

    app.desktop.importAnswers.push(wrongTypes);
    await page.getByRole('button', { name: 'Import…' }).click();
    await expect(message).toContainText('$.genes[0].publications[0].year must be integer');

    expect(await readFile(libraryFile)).toEqual(before);
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await expect(page.locator('.gene-table tbody tr')).toHaveCount(1);
  });

  test('imported text with HTML or script shows as text and never runs', async ({ app }) => {
    const { page } = app;
    const hostile = join(app.scratch, `hostile-${Date.now()}.json`);
    const title = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> IKZF1 in ALL';
    await writeFile(
      hostile,
      JSON.stringify({
        format: 'geneshelf.genefile',
        version: 1,
        genes: [
          {
            symbol: 'EVIL1',
            name: '<b>bold</b> name',
            summary: '<iframe src="https://example.org"></iframe>',
            publications: [{ title, authors: ['<i>Mallory</i> M'], journal: 'J <u>Test</u>', year: 2020, abstract: '<svg onload="window.__pwned=3">' }],
          },
        ],
      }),
    );
    app.desktop.importAnswers.push(hostile);
    await page.getByRole('button', { name: 'Import…' }).click();
    await expect(page.getByTestId('import-preview')).toContainText('<b>bold</b> name');
    await confirmImport(page);
    await expect(page.getByTestId('symbol')).toHaveText('EVIL1');
    const card = page.getByTestId('publication').first();
    await expect(card.locator('.pub-title')).toHaveText(title);
    await expect(card.locator('.pub-authors')).toHaveText('<i>Mallory</i> M');
    await card.getByRole('button', { name: 'Show abstract' }).click();
    await expect(card.getByTestId('abstract').locator('p').first()).toHaveText('<svg onload="window.__pwned=3">');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('<b>bold</b> name');
    expect(await page.locator('main script, main img, main iframe, main svg, main b, main i, main u').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await app.screenshot('hostile-text-as-text');
  });

  test('Export gene writes a gene file through the save dialog that imports back identically', async ({ app }) => {
    const { page } = app;
    const out = join(app.scratch, `IKZF1-export-${Date.now()}.json`);
    app.desktop.exportAnswers.push(out);
    await page.getByRole('button', { name: 'Export gene…' }).click();
    await expect(page.getByTestId('message')).toContainText('Exported IKZF1 with 30 publications');
    expect(app.desktop.exportDefaults).toEqual(['IKZF1.genefile.json']);
    const written = JSON.parse(await readFile(out, 'utf8'));
    expect(written.format).toBe('geneshelf.genefile');
    expect(written.version).toBe(1);
    expect(written.genes[0].symbol).toBe('IKZF1');
    expect(written.genes[0].publications).toHaveLength(30);
    expect(written.genes[0].literatureTerms).toHaveLength(41);
    expect(written.genes[0]).toEqual({ ...(await app.service.store.getGene('IKZF1')) });
    const other = await tempDir('geneshelf-reimport-');
    try {
      const fresh = await LibraryService.open(other.path);
      await fresh.importFile(out);
      // The same gene, its chain of imports one longer: the colleague's import of this file.
      const { gene, last } = beforeLastImport(await fresh.store.getGene('IKZF1'));
      expect(gene).toEqual(await app.service.store.getGene('IKZF1'));
      expect(last!.file).toMatch(/^IKZF1-export-.*\.json$/);
    } finally {
      await other.cleanup();
    }

    // The menu's Export runs the same path; cancelling the dialog writes nothing and says nothing.
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await app.emitMenu('export-gene');
    await expect.poll(() => app.desktop.exportDefaults.length).toBe(2);
    await expect(page.getByTestId('message')).toHaveCount(0);
  });

  test('a selection of genes exports as one panel file, which a colleague imports in one step', async ({ app }) => {
    const { page, service } = app;
    await service.importFile(PAX5_PAGE);
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await expect(page.getByTestId('export-selected')).toBeDisabled();
    await page.getByLabel('Select every gene').check();
    await expect(page.getByTestId('export-selected')).toHaveText('Export 2 genes as one panel…');
    await app.screenshot('library-panel-selection');
    const out = join(app.scratch, `panel-${Date.now()}.genefile.json`);
    app.desktop.exportAnswers.push(out);
    await page.getByTestId('export-selected').click();
    await expect(page.getByTestId('message')).toContainText('Exported 2 genes (IKZF1, PAX5) with 36 publications');
    expect(app.desktop.exportDefaults.at(-1)).toBe('IKZF1-PAX5.genefile.json');

    const other = await tempDir('geneshelf-panel-');
    try {
      const colleague = await LibraryService.open(other.path);
      const report = await colleague.importFile(out);
      expect(report.genes.map((g) => [g.symbol, g.status])).toEqual([
        ['IKZF1', 'added'],
        ['PAX5', 'added'],
      ]);
      for (const symbol of ['IKZF1', 'PAX5']) expect(beforeLastImport(await colleague.store.getGene(symbol)).gene).toEqual(await service.store.getGene(symbol));
    } finally {
      await other.cleanup();
    }
  });
});
