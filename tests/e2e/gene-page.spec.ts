import { readFile } from 'node:fs/promises';
import { test, expect } from './harness';
import { SAMPLE } from '../helpers';

test.describe('reading the IKZF1 gene page', () => {
  test('the app opens on IKZF1 from the bundled sample, with every section', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('symbol')).toHaveText('IKZF1');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('IKAROS family zinc finger 1');
    const summary = page.locator('#summary');
    for (const alias of ['IK1', 'LYF1', 'LyF-1', 'CVID13', 'IKAROS', 'PPP1R92', 'PRO0758', 'ZNFN1A1', 'Hs.54452']) {
      await expect(summary.getByText(alias, { exact: true })).toBeVisible();
    }
    await expect(summary).toContainText('7p12.2');
    await expect(summary).toContainText('DNA-binding protein Ikaros');
    await expect(summary).toContainText('NCBI, accessed 31 August 2019');
    await expect(summary.locator('.db-links a')).toHaveText(['OMIM', 'HGNC', 'Ensembl', 'GeneCards', 'NCBI Gene']);
    await expect(page.getByTestId('ontology-count')).toHaveText('26');
    await expect(page.getByTestId('overview-none')).toHaveText('None recorded.');
    await expect(page.getByTestId('publication')).toHaveCount(30);
    const provenance = page.getByTestId('provenance');
    await expect(provenance).toContainText('http://www.cancer-genetics.org/IKZF1.htm');
    await expect(provenance).toContainText('31 August 2019');
    await expect(provenance).toContainText('CC BY-SA 4.0');
    await expect(provenance).toContainText('Cotterill SJ. IKZF1, Cancer Genetics Web');
    await app.screenshot('gene-page-ikzf1');
    expect(app.cspViolations).toEqual([]);
  });

  test('the per-year chart is drawn from the publications held, and says so', async ({ app }) => {
    const { page } = app;
    const canvas = page.getByTestId('per-year-chart');
    await expect(canvas).toBeVisible();
    await canvas.scrollIntoViewIfNeeded();
    // Count painted pixels: a chart that failed to draw leaves the canvas transparent.
    const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
    await expect(page.getByTestId('chart-caption')).toContainText('no per-year counts');
    await expect(page.getByTestId('chart-caption')).toContainText('30 publications');
    await expect(page.getByTestId('per-year-table').locator('tbody tr')).toHaveText(['201822', '20198']);
    await page.locator('#indicators').screenshot({ path: 'test-results/screenshots/chart-ikzf1.png' });
  });

  test('41 terms, sized by and sorted by how many publications carry them; those that find none are inert; choosing one filters, visibly and removably', async ({ app }) => {
    const { page } = app;
    const cloud = page.getByTestId('term-cloud');
    // The terms that find nothing here are put away until asked for.
    await expect(cloud.locator('.term.inert')).toHaveCount(0);
    await page.getByTestId('show-inert-terms').click();
    await expect(cloud.locator('li')).toHaveCount(41);
    // Only the terms that find a publication are buttons; the others are shown, greyed, and do nothing.
    const literature = (await app.service.getGene('IKZF1'))!.literature;
    const live = literature.filter((t) => t.count > 0).sort((a, b) => b.count - a.count || a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
    expect(live.length).toBeGreaterThan(0);
    expect(live.length).toBeLessThan(41);
    const terms = cloud.getByRole('button');
    await expect(terms).toHaveCount(live.length);
    await expect(cloud.locator('.term.inert')).toHaveCount(41 - live.length);
    await expect(terms).toHaveText(live.map((t) => `${t.term} ${t.count}`));
    // The most used is the largest.
    await expect(terms.first()).toHaveClass(/\bw4\b/);
    await expect(page.getByTestId('term-summary')).toContainText(`${live.length} find publications here`);
    // A-Z on request.
    await page.getByTestId('term-order').selectOption('az');
    const az = [...literature].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' })).map((t) => `${t.term} ${t.count}`);
    await expect(cloud.locator('li')).toHaveText(az);
    await page.getByTestId('term-order').selectOption('count');

    const sample = JSON.parse(await readFile(SAMPLE, 'utf8')) as { genes: Array<{ publications: Array<{ id: string; title: string; abstract: string }> }> };
    const expected = sample.genes[0]!.publications.filter((p) => /\bmutations?\b/i.test(`${p.title}\n${p.abstract}`)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(30);

    await terms.filter({ hasText: /^Mutation\b/ }).click();
    await expect(page.getByTestId('active-filter')).toContainText('Mutation');
    await expect(page.getByTestId('publication')).toHaveCount(expected.length);
    const shown = await page.getByTestId('publication').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(shown.sort()).toEqual([...expected].sort());
    await expect(page.getByTestId('publication-count')).toHaveText(`${expected.length} of 30 publications`);
    await app.screenshot('gene-page-filtered');

    await page.getByRole('button', { name: /Remove the filter Mutation/ }).click();
    await expect(page.getByTestId('active-filter')).toHaveCount(0);
    await expect(page.getByTestId('publication')).toHaveCount(30);
  });

  test('an abstract is collapsed until asked for, then expands with its labelled sections', async ({ app }) => {
    const { page } = app;
    const card = page.getByTestId('publication').filter({ hasText: 'Association of ARID5B and IKZF1 Variants' });
    await expect(card).toContainText('Bhat A, Shah R, Bhat GR, et al.');
    await expect(card).toContainText('Genet Test Mol Biomarkers. 2019; 23(3):176-179');
    await expect(card.getByTestId('abstract')).toHaveCount(0);
    const toggle = card.getByRole('button', { name: 'Show abstract' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(card.getByTestId('abstract')).toContainText('Leukemia is a heterogeneous disorder');
    await expect(card.getByTestId('abstract').locator('strong')).toHaveText(['BACKGROUND:', 'AIM:', 'METHODS:', 'RESULTS:', 'DISCUSSION:']);
    await expect(card.getByRole('button', { name: 'Hide abstract' })).toHaveAttribute('aria-expanded', 'true');
    await card.scrollIntoViewIfNeeded();
    await app.screenshot('abstract-expanded');

    const free = page.getByTestId('publication').filter({ has: page.locator('.badge.free') });
    await expect(free).toHaveCount(13);
  });

  test('links open in the system browser through main, and the page never navigates', async ({ app }) => {
    const { page } = app;
    const before = page.url();
    await page.locator('#summary .db-links a', { hasText: 'NCBI Gene' }).click();
    await page.getByTestId('publication').first().getByRole('link', { name: 'Find in PubMed' }).click();
    await expect.poll(() => app.desktop.opened.length).toBe(2);
    expect(app.desktop.opened[0]).toMatch(/^https:\/\/www\.ncbi\.nlm\.nih\.gov\/gene\/\?term=IKZF1/);
    expect(app.desktop.opened[1]).toMatch(/^https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/\?term=/);
    expect(page.url()).toBe(before);
    // A page link that is not https is refused by main, whatever the renderer asks.
    const refused = await page.evaluate(() => (window as unknown as { geneshelf: { openExternal(u: string): Promise<unknown> } }).geneshelf.openExternal('file:///etc/passwd'));
    expect(refused).toEqual({ ok: true, value: false });
    expect(app.desktop.opened).toHaveLength(2);
  });
});
