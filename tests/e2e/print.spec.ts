import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, SCREENSHOTS } from './harness';

// Issue 12: print and Save as PDF, for the gene page and a reading list. The PDF is Chromium's own
// (what Electron's printToPDF makes), read back with poppler's pdftotext and turned into PNG pages
// with pdftoppm, saved under test-results/ to be looked at.

// On the PATH, wherever the system keeps them (/usr/bin on Debian, Homebrew's folder on a Mac).
const POPPLER = ['pdftotext', 'pdftoppm'].every((tool) => spawnSync(tool, ['-v']).error === undefined);
test.skip(!POPPLER, 'poppler (pdftotext, pdftoppm) is not installed: see "Chromium and poppler for npm test" in README.md');

/** The PDF's text with its line breaks and runs of spaces made single spaces, for matching phrases that wrap. */
function pdfText(file: string): { text: string; pages: number } {
  const raw = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { text: raw.replace(/\s+/g, ' '), pages: raw.split('\f').filter((p) => p.trim()).length };
}

/** The PDF's pages as PNGs under test-results/screenshots/<name>-N.png. */
function pdfPages(file: string, name: string): string[] {
  const prefix = join(SCREENSHOTS, `${name}-page`);
  // An earlier run's pages go first: a shorter PDF must not leave its predecessor's last pages beside it.
  for (const f of readdirSync(SCREENSHOTS)) if (/^(.*)-page-\d+\.png$/.exec(f)?.[1] === name) rmSync(join(SCREENSHOTS, f));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, prefix]);
  const made = readdirSync(SCREENSHOTS).filter((f) => f.startsWith(`${name}-page-`) && f.endsWith('.png'));
  // pdftoppm pads the page number to the page count's width; name them plainly.
  return made.map((f) => {
    const to = join(SCREENSHOTS, `${name}-page-${Number(/-(\d+)\.png$/.exec(f)![1])}.png`);
    if (join(SCREENSHOTS, f) !== to) renameSync(join(SCREENSHOTS, f), to);
    return to;
  });
}

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

test('the gene page prints as a document: every publication, no toolbar, the source and page numbers on each page', async ({ app }) => {
  const { page, desktop, service } = app;
  const gene = (await service.getGeneView('IKZF1'))!.gene;
  await page.getByTestId('print').click();
  const dialog = page.getByTestId('print-dialog');
  await expect(dialog).toContainText('Print the IKZF1 gene page');
  await expect(dialog).toContainText('30 publications');
  await expect(dialog.getByTestId('print-print')).toBeFocused();
  await app.screenshot('print-dialog');

  // The print preview: in print media only the sheet shows, abstracts expanded, link targets as text.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.getByTestId('print-dialog')).toBeHidden();
  const sheet = page.getByTestId('print-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet.locator('.ps-pubs > li')).toHaveCount(30);
  await expect(sheet).not.toContainText('Show abstract');
  await expect(sheet).toContainText('This site is for educational purposes only');
  await page.screenshot({ path: join(SCREENSHOTS, 'print-preview-gene.png'), fullPage: true });
  // Back to no emulation: page.pdf() then lays out in print media, as printToPDF does.
  await page.emulateMedia({ media: null });

  // Save as PDF: the save dialog (answered here), then the PDF of the sheet.
  const file = join(app.scratch, 'IKZF1.pdf');
  desktop.exportAnswers.push(file);
  await dialog.getByTestId('print-save-pdf').click();
  await expect(page.getByTestId('message')).toContainText('Saved as PDF');
  await expect(page.getByTestId('print-dialog')).toHaveCount(0);
  expect(desktop.exportDefaults.at(-1)).toBe('IKZF1 gene page.pdf');

  const { text, pages } = pdfText(file);
  for (const p of gene.publications) expect(text).toContain(words(p.title));
  // A known abstract, the cut-off marks, and the page's facts, as text.
  expect(text).toContain('Genome-wide screen identifies cullin-RING ligase machinery required for lenalidomide-dependent CRL4 [title cut off in the source page]');
  expect(text).toContain('Abstract cut off in the source page');
  expect(text).toContain('Publications per year');
  // The publications come before the chart and the terms, which print only those that find publications, with their counts.
  expect(text.indexOf(words(gene.publications[0]!.title))).toBeLessThan(text.indexOf('Publications per year'));
  expect(text).toMatch(/Literature terms .*Mutation \(\d+\)/);
  expect(text).not.toContain('Chromosome 7');
  expect(text).toContain('The source page lists 1; this copy does not include it.');
  expect(text).toContain('http://www.cancer-genetics.org/IKZF1.htm');
  expect(text).toContain("The source's disclaimer: This site is for educational purposes only");
  // The footer of each page: the gene's source, age and licence, and the page number.
  expect(text).toContain('IKZF1 · Cotterill SJ. IKZF1, Cancer Genetics Web · page revised 31 August 2019');
  expect(text).toContain('licence CC BY-SA 4.0');
  expect(text).toContain(`Page 1 of ${pages}`);
  expect(text).toContain(`Page ${pages} of ${pages}`);
  // Nothing of the screen's controls.
  for (const control of ['Show abstract', 'Reading lists', 'Import…', 'Export gene', 'Bookmark', 'Print…', 'Content is marked when older than']) expect(text).not.toContain(control);
  expect(pdfPages(file, 'pdf-gene-page').length).toBe(pages);

  // Titles only: the same publications on fewer pages, with no abstract.
  await page.keyboard.press('Control+p');
  await page.getByTestId('print-abstracts-off').check();
  const brief = join(app.scratch, 'IKZF1-brief.pdf');
  desktop.exportAnswers.push(brief);
  await page.getByTestId('print-save-pdf').click();
  await expect(page.getByTestId('print-dialog')).toHaveCount(0);
  const short = pdfText(brief);
  for (const p of gene.publications) expect(short.text).toContain(words(p.title));
  expect(short.text).not.toContain('Abstract cut off in the source page');
  expect(short.pages).toBeLessThan(pages);
  pdfPages(brief, 'pdf-gene-page-titles-only');

  // Print goes to the system dialog (main's webContents.print); Escape closes the dialog unprinted.
  await page.keyboard.press('Control+p');
  await page.getByTestId('print-print').click();
  await expect(page.getByTestId('print-dialog')).toHaveCount(0);
  expect(desktop.printed).toBe(1);
  await page.keyboard.press('Control+p');
  // Open first: an Escape pressed before the dialog is drawn has nothing to close.
  await expect(page.getByTestId('print-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('print-dialog')).toHaveCount(0);
  expect(desktop.printed).toBe(1);
});

test('a reading list prints as a numbered bibliography with its name, the date, each note and read mark', async ({ app }) => {
  const { page, desktop, service } = app;
  const gene = (await service.getGeneView('IKZF1'))!.gene;
  const list = await service.createList('MDT 3 December');
  const [first, second] = gene.publications;
  await service.setMembership(first!.id, list.id, true);
  await service.setMembership(second!.id, list.id, true);
  await service.setNote(list.id, first!.id, 'Ask about IKZF1plus at the MDT');
  await service.setRead(list.id, second!.id, true);
  // Made through the service, in this process: the window reads them afresh.
  await page.reload();
  await page.getByTestId('show-lists').click();
  await page.getByTestId('list-tab').filter({ hasText: 'MDT 3 December' }).click();
  await expect(page.getByTestId('list-item')).toHaveCount(2);

  await page.getByTestId('print').click();
  await expect(page.getByTestId('print-dialog')).toContainText('Print the reading list “MDT 3 December”');
  const file = join(app.scratch, 'mdt.pdf');
  desktop.exportAnswers.push(file);
  await page.getByTestId('print-save-pdf').click();
  await expect(page.getByTestId('message')).toContainText('Saved as PDF');
  expect(desktop.exportDefaults.at(-1)).toBe('MDT 3 December.pdf');

  const { text } = pdfText(file);
  const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  expect(text).toContain(`MDT 3 December Reading list · printed ${today} · 2 items, 1 unread`);
  expect(text).toMatch(new RegExp(`1\\. ${words(first!.authors[0]!)}`));
  expect(text).toMatch(new RegExp(`2\\. ${words(second!.authors[0]!)}`));
  expect(text).toContain(words(first!.title));
  expect(text).toContain(words(second!.title));
  expect(text).toContain('Note: Ask about IKZF1plus at the MDT');
  expect(text).toContain('Unread · IKZF1');
  expect(text).toContain('✓ Read · IKZF1');
  expect(text).toContain('Reading list: MDT 3 December · GeneShelf');
  expect(text).toContain('Page 1 of 1');
  expect(text).not.toContain('Export');
  pdfPages(file, 'pdf-reading-list');
});
