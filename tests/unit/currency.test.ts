import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currencyOf } from '../../electron/core/genes';
import { LibraryService } from '../../electron/core/service';
import { SAMPLE, tempDir } from '../helpers';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('how old a gene page is', () => {
  it('says the age plainly from the page revision, else the access date', () => {
    expect(currencyOf({ pageRevised: '2019-08-31', sourceAccessed: '2019-08-30' }, at('2026-12-01'))).toEqual({
      date: '2019-08-31', label: 'Page revised', age: '7 years ago', years: 7, stale: true, thresholdYears: 2,
    });
    expect(currencyOf({ sourceAccessed: '2026-04-02' }, at('2026-12-01'))).toMatchObject({ label: 'Summary accessed', age: '7 months ago', stale: false });
    expect(currencyOf({ pageRevised: '2026-11-20' }, at('2026-12-01'))).toMatchObject({ age: 'this month', stale: false });
    expect(currencyOf({ pageRevised: '2025-12-01' }, at('2026-12-01'))).toMatchObject({ age: '1 year ago', years: 1 });
    // A day short of a year is still months.
    expect(currencyOf({ pageRevised: '2025-12-02' }, at('2026-12-01'))).toMatchObject({ age: '11 months ago' });
  });

  it('marks content older than the threshold the reader chose', () => {
    expect(currencyOf({ pageRevised: '2024-12-01' }, at('2026-12-01'))!.stale).toBe(true);
    expect(currencyOf({ pageRevised: '2024-12-02' }, at('2026-12-01'))!.stale).toBe(false);
    expect(currencyOf({ pageRevised: '2019-08-31' }, at('2026-12-01'), 10)!.stale).toBe(false);
  });

  it('gives nothing for a source with no date it can read', () => {
    expect(currencyOf({}, at('2026-12-01'))).toBeNull();
    expect(currencyOf({ pageRevised: 'last summer' }, at('2026-12-01'))).toBeNull();
    expect(currencyOf({ pageRevised: 'last summer', sourceAccessed: '2020-01-01' }, at('2026-12-01'))).toMatchObject({ label: 'Summary accessed' });
  });
});

describe('the gene page and the library list carry it', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  it('by the clock and the threshold in the settings', async () => {
    const app = await LibraryService.open(dir.path, { samplePath: SAMPLE, clock: () => at('2026-12-01') });
    expect((await app.getGene('IKZF1'))!.currency).toMatchObject({ label: 'Page revised', date: '2019-08-31', age: '7 years ago', stale: true, thresholdYears: 2 });
    expect(app.listGenes()[0]!.currency).toMatchObject({ age: '7 years ago', stale: true });
    await app.updateSettings({ staleAfterYears: 10 });
    expect((await app.getGene('IKZF1'))!.currency).toMatchObject({ stale: false, thresholdYears: 10 });
    expect(app.listGenes()[0]!.currency!.stale).toBe(false);
  });
});

describe('abstracts cut off in the source page', () => {
  it('finds exactly the ten IKZF1 abstracts that stop mid-sentence, and none of the other twenty', async () => {
    const { readFile } = await import('node:fs/promises');
    const { isCutOff } = await import('../../electron/core/genes');
    const file = JSON.parse(await readFile(SAMPLE, 'utf8')) as { genes: Array<{ publications: Array<{ abstract: string }> }> };
    const abstracts = file.genes[0]!.publications.map((p) => p.abstract);
    const cut = abstracts.filter(isCutOff);
    expect(abstracts).toHaveLength(30);
    expect(cut).toHaveLength(10);
    expect(cut.map((a) => a.trim().slice(-28))).toContain('subgroups (G1 to G8 associated with'.slice(-28));
    for (const a of cut) expect(a.trim()).not.toMatch(/[.?!)]$/);
  });

  it('reads a whole abstract as whole, whatever it ends with', async () => {
    const { isCutOff } = await import('../../electron/core/genes');
    for (const whole of ['Survival improved.', 'Is MRD enough?', 'A trial (NCT01234567)', '© 2019 The Authors. All rights reserved.', '', 'They called it “the Ikaros effect.”']) expect(isCutOff(whole), whole).toBe(false);
    for (const cut of ['in 3 (16%) of 19 optimal responders (', 'the substrate receptor for the CRL4', 'grouped as IKZF1']) expect(isCutOff(cut), cut).toBe(true);
  });

  it('the gene page names them, a page at a time', async () => {
    const dir = await tempDir();
    try {
      const app = await LibraryService.open(dir.path, { samplePath: SAMPLE });
      const page = (await app.getGene('IKZF1'))!.publications;
      expect(page.cutOff).toHaveLength(10);
      expect(page.cutOff.every((id) => page.items.some((p) => p.id === id))).toBe(true);
    } finally {
      await dir.cleanup();
    }
  });
});
