import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropFile, test, expect } from './harness';
import { FORMATS } from '../../electron/core/import';
import { formatFixture } from '../helpers';

/**
 * Every reference format in the registry, through the app as a user brings it: its first golden
 * fixture that imports is dropped on the IKZF1 page, previewed, imported and shown; then chosen
 * again through File > Import, when every record it holds is already there. A new format is
 * covered here as soon as it is registered with a fixture.
 */

interface Golden {
  formatName: string;
  publications: Array<{ publication: { id: string; title: string } }>;
  recordsSeen: number;
}

function firstImportable(formatId: string): { name: string; path: string; golden: Golden } {
  const dir = formatFixture(formatId, '');
  const name = readdirSync(dir)
    .filter((n) => !n.endsWith('.expected.json'))
    .sort()
    .find((n) => !('refused' in JSON.parse(readFileSync(join(dir, `${n.replace(/\.[^.]+$/, '')}.expected.json`), 'utf8'))));
  if (!name) throw new Error(`${formatId} has no importable fixture`);
  return { name, path: join(dir, name), golden: JSON.parse(readFileSync(join(dir, `${name.replace(/\.[^.]+$/, '')}.expected.json`), 'utf8')) };
}

for (const format of FORMATS.filter((f) => f.kind === 'publications' && existsSync(formatFixture(f.id, '')))) {
  test(`${format.name}: dropped, previewed and imported into the open gene; chosen again, all already there`, async ({ app }) => {
    const { page, service } = app;
    const { name, path, golden } = firstImportable(format.id);
    const records = golden.publications;
    await expect(page.getByTestId('publication-count')).toHaveText('30 publications');

    await dropFile(page, path, name);
    const dialog = page.getByTestId('import-preview');
    await expect(dialog).toContainText(`Import ${name}?`);
    await expect(dialog).toContainText(format.name);
    await expect(page.getByTestId('import-gene')).toHaveValue('IKZF1');
    await expect(page.getByTestId('count-skipped')).toHaveText(String(golden.recordsSeen - records.length));
    const count = async (what: string) => Number(await page.getByTestId(`count-${what}`).textContent());
    const added = await count('new');
    expect(added).toBeGreaterThan(0);
    // Each record the file holds is counted once: new, an update of a paper IKZF1 has, or already there.
    expect(added + (await count('updated')) + (await count('duplicate'))).toBe(records.length);
    await app.screenshot(`import-preview-${format.id}`);
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('message')).toContainText(`Imported ${name} into IKZF1: ${added} new`);
    await expect(page.getByTestId('publication-count')).toHaveText(`${30 + added} publications`);
    expect((await service.getGeneView('IKZF1'))!.gene.publications).toHaveLength(30 + added);

    app.desktop.importAnswers.push(path);
    await app.emitMenu('import');
    await expect(dialog).toContainText(format.name);
    await expect(page.getByTestId('count-new')).toHaveText('0');
    await expect(page.getByTestId('count-duplicate')).toHaveText(String(records.length));
    await page.getByTestId('import-cancel').click();
    await expect(dialog).toHaveCount(0);
  });
}
