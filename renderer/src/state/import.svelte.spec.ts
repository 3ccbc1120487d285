import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportReport } from '../../../electron/contract';
import { fakeApi } from './fake-api';
import { imports } from './import.svelte';
import { messages } from './messages.svelte';

const preview = (token: string, over: Partial<ImportPreview> = {}): ImportPreview => ({
  token,
  file: '/home/a/pubmed.nbib',
  format: 'medline',
  formatName: 'PubMed MEDLINE (.nbib)',
  encoding: 'utf-8',
  kind: 'publications',
  genes: [],
  target: { symbol: 'IKZF1', exists: true },
  counts: { new: 2, updated: 1, duplicate: 0, skipped: 1 },
  nearMatches: [],
  warnings: [],
  sample: [],
  ...over,
});
const report: ImportReport = { file: '/home/a/pubmed.nbib', format: 'medline', genes: [{ symbol: 'IKZF1', name: '', status: 'updated', publications: 3 }], counts: { new: 2, updated: 1, duplicate: 0, skipped: 1 }, warnings: [] };

beforeEach(() => {
  imports.reset();
  messages.reset();
});

describe('the import flow', () => {
  it('shows the preview of a chosen file, and refuses a second import while one is open', async () => {
    const { calls } = fakeApi({ importWithDialog: () => ({ ok: true, value: { status: 'preview', preview: preview('aaaaaaaaaaaaaaaaaa') } }) });
    await imports.withDialog('IKZF1');
    expect(calls).toEqual([['importWithDialog', ['IKZF1']]]);
    expect(imports.preview?.token).toBe('aaaaaaaaaaaaaaaaaa');
    expect(imports.busy).toBe(false);

    await imports.withDialog(null);
    expect(calls).toHaveLength(1);
    expect(messages.current?.title).toBe('Finish the import under way first, then import the next file.');
  });

  it('a refused file says why and opens no preview', async () => {
    fakeApi({ importWithDialog: () => ({ ok: false, message: 'photo.png: this is a PNG image, not a text file' }) });
    await imports.withDialog(null);
    expect(imports.preview).toBeNull();
    expect(messages.current).toMatchObject({ tone: 'error', title: 'Import refused: nothing was changed', details: ['photo.png: this is a PNG image, not a text file'] });
  });

  it('cancel forgets the preview in main too; nothing is committed', async () => {
    const { calls } = fakeApi({
      importWithDialog: () => ({ ok: true, value: { status: 'preview', preview: preview('bbbbbbbbbbbbbbbbbb') } }),
      cancelImport: () => ({ ok: true, value: undefined }),
    });
    await imports.withDialog('IKZF1');
    await imports.cancel();
    expect(imports.preview).toBeNull();
    expect(calls.map(([name]) => name)).toEqual(['importWithDialog', 'cancelImport']);
    expect(calls[1]![1]).toEqual(['bbbbbbbbbbbbbbbbbb']);
  });

  it('merging a near match asks main to count again, and confirm commits with the choice, then says what was imported', async () => {
    const { calls } = fakeApi({
      importWithDialog: () => ({ ok: true, value: { status: 'preview', preview: preview('cccccccccccccccccc') } }),
      reviewImport: () => ({ ok: true, value: preview('cccccccccccccccccc', { counts: { new: 1, updated: 2, duplicate: 0, skipped: 1 } }) }),
      commitImport: () => ({ ok: true, value: report }),
    });
    const seen: ImportReport[] = [];
    imports.onImported(async (r) => void seen.push(r));
    await imports.withDialog('IKZF1');
    await imports.toggleMerge(0, true);
    expect(imports.merge).toEqual([0]);
    expect(imports.preview?.counts.updated).toBe(2);
    await imports.confirm();
    expect(calls.at(-1)).toEqual(['commitImport', ['cccccccccccccccccc', [0]]]);
    expect(seen).toEqual([report]);
    expect(imports.preview).toBeNull();
    expect(messages.current?.title).toBe('Imported pubmed.nbib into IKZF1: 2 new, 1 updated, 0 already there, 1 skipped');
  });
});
