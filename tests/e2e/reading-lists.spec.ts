import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { test, expect, paintedPixels, type AppUnderTest } from './harness';
import { LibraryService } from '../../electron/core/service';
import { readRis } from '../../electron/core/formats/ris';
import { PAX5_PAGE } from '../helpers';

// Publications of the bundled IKZF1 page, by their stable ids.
const MYELOMA = 'key-1e810e348482933e'; // Barwick BG, Nat Commun 2019
const AYON = 'key-5c679862123bebbe'; // Ayón-Pérez MF, Cytogenet Genome Res 2019
const LI = 'key-3aeabd01eb6791bb'; // Li JF, Proc Natl Acad Sci U S A 2018

let exportsMade = 0;
/** Exports the open list in `format` through the save dialog, answered by the test; the file's bytes. */
async function exportThroughDialog(app: AppUnderTest, format: string, extension: string, saying: string): Promise<Buffer> {
  const out = join(app.scratch, `reading-list-${Date.now()}-${++exportsMade}.${extension}`);
  app.desktop.exportAnswers.push(out);
  await app.page.getByTestId('export-format').selectOption(format);
  await app.page.getByTestId('export-list').click();
  // The message names the file written, so an earlier export's message cannot pass for this one.
  await expect(app.page.getByTestId('message')).toContainText(out);
  await expect(app.page.getByTestId('message')).toContainText(saying);
  expect(app.desktop.exportDefaults.at(-1)).toBe(`Reading list.${extension}`);
  return readFile(out);
}

test.describe('reading lists', () => {
  test('bookmark from the IKZF1 page, make a second list, note, mark read, reorder, and export CSV', async ({ app }) => {
    const { page } = app;
    const card = (id: string) => page.locator(`[data-testid="publication"][data-id="${id}"]`);
    const item = (id: string) => page.locator(`[data-testid="list-item"][data-id="${id}"]`);

    // The star on a card; B on a focused card.
    await card(AYON).getByTestId('bookmark').click();
    await expect(page.getByTestId('message')).toContainText('Bookmarked in Reading list.');
    await expect(card(AYON).getByTestId('bookmark')).toHaveAttribute('aria-pressed', 'true');
    await card(MYELOMA).focus();
    await page.keyboard.press('b');
    await card(LI).focus();
    await page.keyboard.press('B');
    await expect(page.getByTestId('bookmark-count')).toHaveText('3');
    await expect(card(LI).getByTestId('bookmark')).toHaveAttribute('aria-pressed', 'true');

    // A second list, made from the card's Lists menu.
    await card(AYON).getByTestId('list-menu').click();
    await card(AYON).getByLabel('Name of a new list').fill('Ward round');
    await card(AYON).getByRole('button', { name: 'Add' }).click();
    await expect(card(AYON).getByLabel('Ward round')).toBeChecked();
    await expect(card(AYON).getByTestId('list-menu')).toHaveText('Lists (2) ▾');
    await card(AYON).getByTestId('list-menu').click();
    await expect(card(AYON).getByLabel('Ward round')).toBeVisible();
    await app.screenshot('gene-page-bookmarks');
    await page.keyboard.press('Escape');
    await expect(card(AYON).getByLabel('Ward round')).toBeHidden();

    await page.getByTestId('show-lists').click();
    await expect(page.getByRole('heading', { name: 'Reading list', level: 1 })).toBeVisible();
    await expect(page.getByTestId('list-item')).toHaveCount(3);
    expect(await page.getByTestId('list-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual([AYON, MYELOMA, LI]);
    await expect(page.getByTestId('list-counts')).toHaveText(/3 items · 3 unread · 1 gene/);
    expect(await paintedPixels(page.getByTestId('list-year-chart'))).toBeGreaterThan(500);
    // Three journals of one item each: a journal chart would say nothing, so there is none.
    await expect(page.getByTestId('list-journal-chart')).toHaveCount(0);

    // A note over two lines, saved when the box loses focus; a read mark.
    await item(AYON).getByTestId('add-note').click();
    await expect(item(AYON).getByTestId('note')).toBeFocused();
    await item(AYON).getByTestId('note').fill('Discuss at MDT\nCheck IKZF1plus status');
    await item(AYON).getByTestId('note').blur();
    await expect(item(AYON).getByTestId('note-status')).toHaveText('Saved');
    await item(MYELOMA).getByTestId('read').check();
    await expect(page.getByTestId('list-counts')).toHaveText(/3 items · 2 unread/);

    // Reorder by keyboard: the handle with arrow keys (focus stays on the moved item)...
    await item(LI).getByTestId('drag-handle').focus();
    await page.keyboard.press('ArrowUp');
    await expect(item(LI).locator('.position')).toHaveText('2');
    await page.keyboard.press('ArrowUp');
    await expect(item(LI).locator('.position')).toHaveText('1');
    // ...and by drag: the myeloma paper dropped on the first place.
    await item(MYELOMA).getByTestId('drag-handle').dragTo(item(LI));
    await expect(item(MYELOMA).locator('.position')).toHaveText('1');
    expect(await page.getByTestId('list-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual([MYELOMA, LI, AYON]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.screenshot('reading-list');

    // The second list holds its own item, with no note yet.
    await page.getByTestId('list-tab').filter({ hasText: 'Ward round' }).click();
    await expect(page.getByTestId('list-item')).toHaveCount(1);
    await expect(item(AYON).getByTestId('note')).toHaveCount(0);
    await expect(item(AYON).getByTestId('add-note')).toBeVisible();
    await page.getByTestId('list-tab').filter({ hasText: 'Reading list' }).click();

    // Export through the save dialog; the test answers it and reads the bytes.
    const bytes = await exportThroughDialog(app, 'csv', 'csv', 'Exported 3 items as CSV spreadsheet');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\ufeffPMID,Title,Authors,Citation,First Author,Journal,Publication Year,DOI,Genes,Keywords,Volume,Issue,Pages,Free full text,Abstract,Note,Read,Date added,List,URL,Gene source,Gene revised',
    );
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[col('First Author')])).toEqual(['Barwick BG', 'Li JF', 'Ayón-Pérez MF']);
    expect(rows.map((r) => r[col('Read')])).toEqual(['Yes', 'No', 'No']);
    expect(rows[2]![col('Note')]).toBe('Discuss at MDT\nCheck IKZF1plus status');
    expect(rows[2]![col('Authors')]).toMatch(/^Ayón-Pérez MF, /);
    expect(rows.map((r) => r[col('Genes')])).toEqual(['IKZF1', 'IKZF1', 'IKZF1']);
    // Each item's gene says where its content came from and how old it is.
    expect(rows.map((r) => r[col('Gene source')])).toEqual(Array(3).fill('Cotterill SJ. IKZF1, Cancer Genetics Web (http://www.cancer-genetics.org/IKZF1.htm)'));
    expect(rows.map((r) => r[col('Gene revised')])).toEqual(['2019-08-31', '2019-08-31', '2019-08-31']);
    expect(rows.map((r) => r[col('List')])).toEqual(['Reading list', 'Reading list', 'Reading list']);
    expect(rows[0]![col('Journal')]).toBe('Nat Commun');
    expect(rows[0]![col('Citation')]).toBe('Nat Commun. 2019; 10(1):1911');

    // All of it is on disk: a fresh service over the same folder reads the same lists.
    const reopened = await LibraryService.open(app.dir);
    expect((await reopened.getList('reading-list'))!.entries.map((e) => [e.publication.id, e.read, e.note])).toEqual([
      [MYELOMA, true, ''],
      [LI, false, ''],
      [AYON, false, 'Discuss at MDT\nCheck IKZF1plus status'],
    ]);
  });

  test('rename, delete with undo, move and copy, sort, unread only and All bookmarks', async ({ app }) => {
    const { page, service } = app;
    const ward = await service.createList('Ward round');
    // Bookmarked in an order no sort gives, so each sort below is seen to act.
    for (const id of [LI, MYELOMA, AYON]) await service.toggleBookmark(id);
    await service.setRead('reading-list', AYON, true);
    await page.reload();
    await page.getByTestId('show-lists').click();
    const ids = () => page.getByTestId('list-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

    await expect.poll(ids).toEqual([LI, MYELOMA, AYON]);
    await page.getByTestId('sort').selectOption('year');
    await expect.poll(ids).toEqual([MYELOMA, AYON, LI]); // 2019, 2019 (ties keep the user's order), 2018
    await page.getByTestId('sort').selectOption('journal');
    await expect.poll(ids).toEqual([AYON, MYELOMA, LI]); // Cytogenet..., Nat Commun, Proc Natl...
    await page.getByTestId('sort').selectOption('title');
    await expect.poll(ids).toEqual([AYON, MYELOMA, LI]); // IKZF1..., Multiple..., Transcriptional...
    await expect(page.getByTestId('drag-handle')).toHaveCount(0);
    await page.getByTestId('sort').selectOption('order');
    await page.getByTestId('unread-only').check();
    await expect.poll(ids).toEqual([LI, MYELOMA]);
    await page.getByTestId('unread-only').uncheck();

    // Move one item, copy another.
    await page.locator(`[data-testid="list-item"][data-id="${LI}"]`).getByTestId('transfer').selectOption(`move:${ward.id}`);
    await expect.poll(ids).toEqual([MYELOMA, AYON]);
    await page.locator(`[data-testid="list-item"][data-id="${AYON}"]`).getByTestId('transfer').selectOption(`copy:${ward.id}`);
    await page.getByTestId('list-tab').filter({ hasText: 'Ward round' }).click();
    await expect.poll(ids).toEqual([LI, AYON]);
    await expect(page.locator(`[data-testid="list-item"][data-id="${AYON}"]`).getByTestId('read')).toBeChecked();

    // Rename; a clashing name is refused with a message.
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByTestId('rename-input').fill('reading list');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('message')).toContainText('A list called “Reading list” already exists.');
    await page.getByTestId('rename-input').fill('MDT Tuesday');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'MDT Tuesday', level: 1 })).toBeVisible();

    // All bookmarks: each publication once, saying which lists hold it.
    await page.getByTestId('list-tab-all').click();
    await expect(page.getByTestId('list-item')).toHaveCount(3);
    await expect(page.locator(`[data-testid="list-item"][data-id="${AYON}"]`)).toContainText('in Reading list, MDT Tuesday');
    await app.screenshot('reading-list-all-bookmarks');

    // Delete, then Undo from the message bar.
    await page.getByTestId('list-tab').filter({ hasText: 'MDT Tuesday' }).click();
    await page.getByTestId('delete-list').click();
    await expect(page.getByTestId('message')).toContainText('Deleted “MDT Tuesday” (2 items).');
    await expect(page.getByTestId('list-tab')).toHaveText([/Reading list/]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('list-tab')).toHaveText([/Reading list/, /MDT Tuesday\s*2/]);
  });

  test('formula protection in CSV is on by default and can be turned off, and the choice is kept', async ({ app }) => {
    const { page, service } = app;
    await service.toggleBookmark(AYON);
    await service.setNote('reading-list', AYON, '=SUM(A1:A2)');
    await page.reload();
    await page.getByTestId('show-lists').click();
    const noteCell = (bytes: Buffer) => {
      const [header, row] = parse(bytes.toString('utf8'), { bom: true }) as string[][];
      return row![header!.indexOf('Note')];
    };
    await expect(page.getByTestId('neutralise')).toBeChecked();
    expect(noteCell(await exportThroughDialog(app, 'csv', 'csv', 'Exported 1 item'))).toBe("'=SUM(A1:A2)");
    await page.getByTestId('neutralise').uncheck();
    expect(noteCell(await exportThroughDialog(app, 'csv', 'csv', 'Exported 1 item'))).toBe('=SUM(A1:A2)');
    await page.reload();
    await page.getByTestId('show-lists').click();
    await expect(page.getByTestId('neutralise')).not.toBeChecked();
    expect((await LibraryService.open(app.dir)).settings().neutraliseCsvFormulas).toBe(false);
  });

  test('un-starring can be undone, note and all', async ({ app }) => {
    const { page, service } = app;
    await service.toggleBookmark(AYON);
    await service.setNote('reading-list', AYON, 'keep this');
    await page.reload();
    const star = page.locator(`[data-testid="publication"][data-id="${AYON}"]`).getByTestId('bookmark');
    await expect(star).toHaveAttribute('aria-pressed', 'true');
    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('message')).toContainText('Removed from Reading list.');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(star).toHaveAttribute('aria-pressed', 'true');
    expect((await service.getList('reading-list'))!.entries[0]!.note).toBe('keep this');
  });

  test('a removed gene\'s publication stays listed, marked, and exports as RIS', async ({ app }) => {
    const { page, service } = app;
    await service.importFile(PAX5_PAGE);
    const pax5 = (await service.getGeneView('PAX5'))!.gene.publications[0]!;
    await service.toggleBookmark(pax5.id);
    await service.toggleBookmark(AYON);
    await page.reload();

    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page.getByRole('button', { name: 'Remove PAX5 from the library' }).click();
    await page.getByTestId('confirm-remove').click();
    await expect(page.getByTestId('message')).toContainText('Removed PAX5 from the library.');
    await expect(page.locator('.gene-table tbody tr')).toHaveCount(1);

    await page.getByTestId('show-lists').click();
    const gone = page.locator(`[data-testid="list-item"][data-id="${pax5.id}"]`);
    await expect(gone.getByTestId('not-in-library')).toBeVisible();
    await expect(gone).toContainText('PAX5');
    await expect(page.getByTestId('list-counts')).toContainText('1 no longer in the library');
    await app.screenshot('reading-list-removed-gene');

    const records = readRis((await exportThroughDialog(app, 'ris', 'ris', 'Exported 2 items as RIS citations')).toString('utf8'));
    expect(records.map((r) => r.fields.get('TI')![0])).toEqual([pax5.title, (await service.getList('reading-list'))!.entries[1]!.publication.title]);
    // Written from the list's snapshot of the removed gene's publication, whole.
    expect(records[0]!.fields.get('T2')).toEqual([pax5.journal]);
    expect(records[0]!.fields.get('PY')).toEqual([String(pax5.year)]);
  });
});
