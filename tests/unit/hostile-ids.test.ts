import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validArgs } from '../../electron/contract';
import { publicationId } from '../../electron/core/identity';
import { LibraryService } from '../../electron/core/service';
import { PUBLICATION_ID_PATTERN } from '../../electron/shared/ids';
import { buildCli, geneshelf, tempDir } from '../helpers';

// Ids and symbols come from files and from people; the library keys plain objects by them. These
// are the names a plain object answers for without holding them.
const BUILT_INS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

async function geneFileWithIds(ids: string[]): Promise<string> {
  const file = join(dir.path, 'built-ins.genefile.json');
  const publications = ids.map((id, i) => ({ id, title: `Publication ${i} named ${id}`, authors: ['Osei K'], journal: 'Blood', year: 2020 + i }));
  await writeFile(file, JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol: 'IKZF1', publications }] }));
  return file;
}

describe('ids named like built-ins', () => {
  it('are made GeneShelf ids on import: all four are new, kept, and can be bookmarked in the app', async () => {
    const service = await LibraryService.open(join(dir.path, 'library'));
    const preview = await service.previewImport(await geneFileWithIds(BUILT_INS));
    expect(preview.counts).toMatchObject({ new: 4, updated: 0 });
    expect(preview.warnings.map((w) => w.message)).toEqual(BUILT_INS.map((id) => expect.stringContaining(`publication id "${id}" is not a GeneShelf id`)));
    await service.commitImport(preview.token);
    const page = (await service.getPublications('IKZF1', null, 0, 100))!;
    expect(page.items.map((p) => p.title).sort()).toEqual(BUILT_INS.map((id, i) => `Publication ${i} named ${id}`).sort());
    for (const p of page.items) {
      // What the app would send over IPC: the contract accepts every id the importer made.
      expect(validArgs('setMembership', [p.id, 'reading-list', true])).toBe(true);
      await service.setMembership(p.id, 'reading-list', true);
    }
    expect(service.listsState().lists[0]!.count).toBe(4);
  });

  it('are refused by bookmark when no such publication exists, and the library keeps working', async () => {
    await buildCli();
    const library = join(dir.path, 'library');
    expect((await geneshelf('import', await geneFileWithIds(['pmid:1']), '--library', library)).code).toBe(0);
    for (const id of BUILT_INS) {
      const result = await geneshelf('bookmark', id, '--library', library);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`No publication with id ${id} is in the library.`);
    }
    const lists = await geneshelf('lists', '--library', library, '--json');
    expect(lists.code).toBe(0);
    expect((await geneshelf('bookmark', 'pmid:1', '--library', library)).code).toBe(0);
    expect((await geneshelf('export', '--all', '--library', library)).stdout).toContain('Publication 0 named pmid:1');
  });

  it('a MEDLINE PMID that is not digits is left out (never a wrong PMID), with a warning, and the id is one the contract accepts', async () => {
    const file = join(dir.path, 'odd.nbib');
    await writeFile(file, 'PMID- 99a\nOWN - NLM\nTI  - A record whose PMID has a letter.\nDP  - 2020\nTA  - Blood\n');
    const service = await LibraryService.open(join(dir.path, 'library'));
    const preview = await service.previewImport(file, { gene: 'IKZF1' });
    // Not digits and not digits before other text: no PMID at all, rather than a wrong one.
    expect(preview.warnings).toContainEqual({ message: 'the PMID "99a" is not a number and was left out', line: 1 });
    const [record] = service.importRecords(preview.token);
    expect(record!.publication.pmid).toBeUndefined();
    expect(record!.publication.id).toMatch(/^key-[0-9a-f]{16}$/);
    expect(validArgs('setMembership', [record!.publication.id, 'reading-list', true])).toBe(true);
  });
});

describe('PMIDs that are not one', () => {
  it('a DOI or a 13-digit number in a PMID field is no PMID (a wrong one would merge unrelated papers)', async () => {
    const file = join(dir.path, 'items.json');
    await writeFile(file, JSON.stringify([
      { type: 'article-journal', title: 'First', PMID: '10.1182/blood.2020001234' },
      { type: 'article-journal', title: 'Second', PMID: '1234567890123' },
    ]));
    const service = await LibraryService.open(join(dir.path, 'library'));
    const preview = await service.previewImport(file, { gene: 'IKZF1' });
    expect(service.importRecords(preview.token).map((r) => r.publication.pmid)).toEqual([undefined, undefined]);
    expect(preview.counts.new).toBe(2);
  });
});

describe('publicationId', () => {
  it('always makes an id the IPC contract accepts, whatever the PMID and DOI hold', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 20 })), fc.option(fc.string({ maxLength: 400 })), fc.string(), (pmid, doi, title) => {
        const id = publicationId({ pmid: pmid ?? undefined, doi: doi ?? undefined, title, authors: [] });
        expect(id).toMatch(PUBLICATION_ID_PATTERN);
      }),
    );
  });
});
