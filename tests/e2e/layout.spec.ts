import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';

// Issue 13: comfortable on a 13-inch laptop. The screens at 1366x768, 1024x700 and 760x520, in
// light and dark; the sidebar; scroll and focus on every view change; dialogs that keep focus.

const SIZES = [
  { name: '1366', width: 1366, height: 768 },
  { name: '1024', width: 1024, height: 700 },
  { name: '760', width: 760, height: 520 },
] as const;

/** Nothing scrolls sideways: the page is no wider than its window. */
async function noSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
}

/** axe-core's WCAG 2.1 A and AA rules on the screen as it is: no violation. */
async function noAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.print-sheet').analyze();
  const found = results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(found, `axe on ${what}`).toEqual([]);
}

for (const size of SIZES) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`every screen at ${size.width}x${size.height}, ${scheme}: one-line top bar, nothing cut off or sideways`, async ({ app }) => {
      const { page } = app;
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: size.width, height: size.height });
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      const bar = await page.locator('.topbar').boundingBox();
      expect(bar!.height, 'the top bar keeps to one line').toBeLessThan(60);
      await noSidewaysScroll(page);
      await noAxeViolations(page, `the gene page at ${size.width}x${size.height}, ${scheme}`);
      await app.screenshot(`layout-${size.name}-${scheme}-gene`);
      // Four papers from three journals (one twice) and two years: the list draws both its charts.
      for (const n of [0, 1, 5, 8]) await page.getByTestId('publication').nth(n).getByTestId('bookmark').click();
      await expect(page.getByTestId('bookmark-count')).toHaveText('4');
      await app.emitMenu('show-lists');
      await expect(page.getByTestId('list-item')).toHaveCount(4);
      await expect(page.getByTestId('list-journal-chart')).toBeVisible();
      await noSidewaysScroll(page);
      // The charts fit inside the window.
      for (const chart of ['list-year-chart', 'list-journal-chart']) {
        const box = await page.getByTestId(chart).boundingBox();
        expect(box!.x + box!.width, `${chart} is cut off`).toBeLessThanOrEqual(size.width);
      }
      await noAxeViolations(page, `the reading list at ${size.width}x${size.height}, ${scheme}`);
      await app.screenshot(`layout-${size.name}-${scheme}-lists`);
      await page.getByTestId('search-box').fill('leukemia');
      await expect(page.getByTestId('publication-result').first()).toBeVisible();
      await noSidewaysScroll(page);
      await app.screenshot(`layout-${size.name}-${scheme}-search`);
      await page.locator('.brand').click();
      await noSidewaysScroll(page);
      await app.screenshot(`layout-${size.name}-${scheme}-library`);
    });
  }
}


for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG 2.1 AA violation on any screen, ${scheme}`, async ({ app }) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await noAxeViolations(page, 'the gene page');
    await page.getByTestId('publication').first().getByRole('button', { name: 'Show abstract' }).click();
    await page.getByTestId('publication').first().getByTestId('bookmark').click();
    await noAxeViolations(page, 'the gene page with an abstract open');
    await page.getByTestId('show-lists').click();
    await expect(page.getByTestId('list-item')).toHaveCount(1);
    await noAxeViolations(page, 'the reading list');
    await page.locator('.brand').click();
    await noAxeViolations(page, 'the library');
    await page.getByTestId('search-box').fill('leukemia');
    await expect(page.getByTestId('publication-result').first()).toBeVisible();
    await noAxeViolations(page, 'the search results');
    await page.getByTestId('sidebar').getByRole('button', { name: /^IKZF1/ }).click();
    await page.getByTestId('print').click();
    await noAxeViolations(page, 'the print dialog');
  });
}

test('the theme follows the system, and the reader can set light or dark for good', async ({ app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.getByTestId('theme').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).not.toBe(dark);
  await expect.poll(() => app.service.settings().theme).toBe('light');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The chart is drawn again in the dark theme's colours.
  await page.locator('#indicators').scrollIntoViewIfNeeded();
  await app.screenshot('theme-dark-chosen');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the sidebar lists genes and lists with counts, opens them from anywhere, and folds away for good', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  const sidebar = page.getByTestId('sidebar');
  await expect(sidebar.getByTestId('sidebar-genes').getByRole('button')).toHaveText(['IKZF1 30']);
  await page.getByTestId('publication').first().getByTestId('bookmark').click();
  await expect(sidebar.getByTestId('sidebar-lists').getByRole('button')).toHaveText(['All bookmarks 1', 'Reading list 1']);
  await sidebar.getByRole('button', { name: /^Reading list/ }).click();
  await expect(page.getByRole('heading', { name: 'Reading list', level: 1 })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: /^Reading list/ })).toHaveAttribute('aria-current', 'page');
  await sidebar.getByRole('button', { name: /^IKZF1/ }).click();
  await expect(page.getByTestId('symbol')).toHaveText('IKZF1');
  await page.getByTestId('sidebar-toggle').click();
  await expect(sidebar).toHaveCount(0);
  await expect.poll(() => app.service.settings().sidebarCollapsed).toBe(true);
  await page.reload();
  await expect(page.getByTestId('symbol')).toHaveText('IKZF1');
  await expect(page.getByTestId('sidebar')).toHaveCount(0);
  await page.getByTestId('sidebar-toggle').click();
  await expect(page.getByTestId('sidebar')).toBeVisible();

  // A narrow window: a drawer over the screen that closes once a choice is made.
  await page.setViewportSize({ width: 760, height: 520 });
  await expect(page.getByTestId('sidebar')).toHaveCount(0);
  await page.getByTestId('sidebar-toggle').click();
  await expect(page.getByTestId('sidebar')).toBeVisible();
  await app.screenshot('sidebar-drawer-760');
  // Escape closes it, and a click beside it does too.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sidebar')).toHaveCount(0);
  await page.getByTestId('sidebar-toggle').click();
  await page.locator('.drawer-backdrop').click({ position: { x: 700, y: 300 } });
  await expect(page.getByTestId('sidebar')).toHaveCount(0);
  await page.getByTestId('sidebar-toggle').click();
  await page.getByTestId('sidebar').getByRole('button', { name: /^All bookmarks/ }).click();
  await expect(page.getByRole('heading', { name: 'All bookmarks', level: 1 })).toBeVisible();
  await expect(page.getByTestId('sidebar')).toHaveCount(0);
});

test('every view opens at its top, Back returns to where the reader was, and a section jump is never under the bars', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByTestId('publication').first().getByTestId('bookmark').click();
  await page.getByTestId('publication').nth(20).scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(1000);
  // By the menu (Ctrl+Shift+L): a click would first scroll the page to bring the button into view.
  await app.emitMenu('show-lists');
  await expect(page.getByRole('heading', { name: 'Reading list', level: 1 })).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.getByTestId('back').click();
  await expect(page.getByTestId('symbol')).toHaveText('IKZF1');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolled);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();

  // A chip's jump puts its section's heading below the sticky bars, in full.
  await page.getByRole('button', { name: 'IKZF1', exact: true }).click();
  const bars = async () => {
    const top = await page.locator('.topbar').boundingBox();
    const chips = await page.locator('.section-nav').boundingBox();
    return Math.max(top!.y + top!.height, chips!.y + chips!.height);
  };
  for (const [chip, heading] of [['Provenance', 'Provenance'], ['Cancers', 'Specific cancers'], ['Per year', 'Publications per year']] as const) {
    await page.locator('.section-nav').getByRole('button', { name: chip }).click();
    const box = await page.getByRole('heading', { name: heading, level: 2 }).boundingBox();
    expect(box!.y, `${heading} is under the sticky bars`).toBeGreaterThanOrEqual(await bars());
  }
});

test('the import dialog keeps focus inside until closed, Escape closes it, and focus goes back', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('print').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('print-dialog');
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `focus left the dialog after ${i + 1} presses`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('print')).toBeFocused();

  // The import preview, the same way.
  const { formatFixture } = await import('../helpers');
  app.desktop.importAnswers.push(formatFixture('medline', 'ikzf1-pubmed.nbib'));
  await page.getByRole('button', { name: 'Import…' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    expect(await preview.evaluate((d) => d.contains(document.activeElement)), `focus left the import dialog after ${i + 1} Tabs`).toBe(true);
  }
  // The window's shortcuts wait while a dialog is open: Ctrl+P and Alt+Left do nothing behind it.
  await page.keyboard.press('Control+p');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByTestId('print-dialog')).toHaveCount(0);
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('symbol')).toHaveText('IKZF1');
  await page.keyboard.press('Escape');
  await expect(preview).toHaveCount(0);
});

test('by keyboard alone from the start to a CSV export, every focused control is visible and not under the sticky bars', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  const check = async (step: string) => {
    const ok = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'nothing has focus';
      const r = el.getBoundingClientRect();
      const bars = [...document.querySelectorAll<HTMLElement>('.topbar, .section-nav')].filter((b) => !b.contains(el)).map((b) => b.getBoundingClientRect().bottom);
      const under = Math.max(0, ...bars);
      if (r.bottom <= 0 || r.top >= window.innerHeight) return `off screen (${Math.round(r.top)})`;
      if (r.top < under - 1) return `under the sticky bars (${Math.round(r.top)} < ${Math.round(under)})`;
      return 'ok';
    });
    expect(ok, `${step}: the focused control`).toBe('ok');
  };
  // The skip link first, then straight to the publications.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-link')).toBeFocused();
  await expect(page.getByTestId('skip-link')).toHaveText('Skip to the publications');
  await page.keyboard.press('Enter');
  await check('after the skip link');
  let steps = 0;
  // Tab to the first card's bookmark, checking each stop.
  while (!(await page.getByTestId('publication').first().getByTestId('bookmark').evaluate((b) => b === document.activeElement))) {
    await page.keyboard.press('Tab');
    await check(`Tab ${++steps}`);
    expect(steps, 'the first bookmark is within 25 Tab presses of the skip link').toBeLessThan(25);
  }
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bookmark-count')).toHaveText('1');
  // Backwards a few, each stop visible.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Shift+Tab');
    await check(`Shift+Tab ${i + 1}`);
  }
  // The lists (Ctrl+Shift+L), then the export, by Tab.
  await page.keyboard.press('Control+Shift+L');
  await app.emitMenu('show-lists');
  await expect(page.getByRole('heading', { name: 'Reading list', level: 1 })).toBeVisible();
  const out = (await import('node:path')).join(app.scratch, 'keyboard.csv');
  app.desktop.exportAnswers.push(out);
  for (let i = 0; i < 60 && !(await page.getByTestId('export-list').evaluate((b) => b === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
    await check(`lists, Tab ${i + 1}`);
  }
  await expect(page.getByTestId('export-list')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message')).toContainText(out);
});

test('at 200% zoom (1366x768 shown at twice the size) every screen fits its width and the import dialog\'s buttons can be reached', async ({ app }) => {
  // 200% zoom halves the window's width and height in CSS pixels: the layout sees 683x384.
  const { page } = app;
  await page.setViewportSize({ width: 683, height: 384 });
  await noSidewaysScroll(page);
  await app.screenshot('zoom-200-gene');
  const { formatFixture } = await import('../helpers');
  app.desktop.importAnswers.push(formatFixture('medline', 'ikzf1-pubmed.nbib'));
  await page.getByRole('button', { name: 'Import…' }).click();
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-confirm')).toBeInViewport();
  await expect(page.getByTestId('import-cancel')).toBeInViewport();
  await app.screenshot('zoom-200-import-dialog');
  await page.keyboard.press('Escape');
  await page.getByTestId('show-lists').click();
  await noSidewaysScroll(page);
  await app.screenshot('zoom-200-lists');
});

/** The WCAG contrast ratio of two colours as the browser computes them ("rgb(r, g, b)"). */
function contrast(a: string, b: string): number {
  const lum = (rgb: string) => {
    const [r, g, bl] = rgb.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((c) => Number(c) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
  return (x! + 0.05) / (y! + 0.05);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the focus ring stands out at 3:1 or more against everything it sits on, ${scheme}`, async ({ app }) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    const vars = await page.evaluate(() => {
      // Each variable as the colour the browser draws: a probe element's computed colour.
      const probe = document.body.appendChild(document.createElement('span'));
      const out = Object.fromEntries(['--focus', '--focus-on-bar', '--bg', '--card', '--bar', '--accent-soft', '--hover'].map((v) => {
        probe.style.color = `var(${v})`;
        return [v, getComputedStyle(probe).color];
      }));
      probe.remove();
      return out;
    });
    for (const ground of ['--bg', '--card', '--accent-soft', '--hover']) expect(contrast(vars['--focus']!, vars[ground]!), `--focus on ${ground}`).toBeGreaterThanOrEqual(3);
    expect(contrast(vars['--focus-on-bar']!, vars['--bar']!), '--focus-on-bar on the top bar').toBeGreaterThanOrEqual(3);
    // And it is what a focused control shows.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
  });
}

test('reading first: at 1366x768 the first publication is on the first screen of the gene page', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  const first = page.getByTestId('publication').first();
  await expect(first).toBeVisible();
  const box = await first.boundingBox();
  expect(box!.y, 'the first publication starts within the first screen').toBeLessThan(768 - 60);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test("a reading list's charts appear only when they say something", async ({ app }) => {
  const { page } = app;
  // Two papers of one year in two journals: neither chart would tell the reader anything.
  for (const n of [0, 1]) await page.getByTestId('publication').nth(n).getByTestId('bookmark').click();
  await app.emitMenu('show-lists');
  await expect(page.getByTestId('list-item')).toHaveCount(2);
  await expect(page.getByTestId('list-year-chart')).toHaveCount(0);
  await expect(page.getByTestId('list-journal-chart')).toHaveCount(0);
  // A third journal, and a year of its own: the year chart; three journals of one paper each still say nothing.
  await page.getByTestId('sidebar').getByRole('button', { name: /^IKZF1/ }).click();
  await page.getByTestId('publication').nth(5).getByTestId('bookmark').click();
  await app.emitMenu('show-lists');
  await expect(page.getByTestId('list-item')).toHaveCount(3);
  await expect(page.getByTestId('list-year-chart')).toBeVisible();
  await expect(page.getByTestId('list-journal-chart')).toHaveCount(0);
  // A fourth from a journal already there: now the journal chart says something.
  await page.getByTestId('sidebar').getByRole('button', { name: /^IKZF1/ }).click();
  await page.getByTestId('publication').nth(8).getByTestId('bookmark').click();
  await app.emitMenu('show-lists');
  await expect(page.getByTestId('list-item')).toHaveCount(4);
  await expect(page.getByTestId('list-year-chart')).toBeVisible();
  await expect(page.getByTestId('list-journal-chart')).toBeVisible();
});
