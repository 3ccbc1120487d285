import { execFileSync } from 'node:child_process';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../electron/core/errors';
import { readImportFile } from '../../electron/core/import';
import { SAMPLE, tempDir } from '../helpers';

let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.cleanup());

async function refusal(name: string, content?: string | Buffer): Promise<ImportError> {
  const file = join(dir.path, name);
  if (content !== undefined) await writeFile(file, content);
  try {
    await readImportFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error(`${name} was accepted`);
}

describe('bad input gets one clear message naming the file and the reason', () => {
  it('an empty file', async () => {
    expect((await refusal('empty.txt', '')).message).toBe('empty.txt: the file is empty');
    expect((await refusal('blank.txt', '\n  \r\n')).message).toBe('blank.txt: the file is empty');
  });

  it('a PNG renamed .txt', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await refusal('photo.txt', png)).message).toBe('photo.txt: this is a PNG image, not a text file');
  });

  it('other binary data', async () => {
    expect((await refusal('data.txt', Buffer.from([1, 2, 0, 4, 5, 0, 0, 7, 200, 13]))).message).toMatch(/^data\.txt: this is a binary file/);
  });

  it('JSON that is not a gene file', async () => {
    const e = await refusal('package.json', JSON.stringify({ name: 'x', version: '1.0.0' }));
    expect(e.message).toBe('package.json: this JSON is not a GeneShelf gene file ($.format must be "geneshelf.genefile")');
  });

  it('malformed JSON, with its line', async () => {
    const e = await refusal('broken.json', '{\n  "format": "geneshelf.genefile",\n  "version": 1,\n  "genes": [ { "symbol": "TP53", } ]\n}\n');
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/^broken\.json, line 4: the JSON is malformed/);
  });

  it('a gene file with wrong types, with the JSON path of each problem', async () => {
    const e = await refusal(
      'types.json',
      JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol: 'TP53', aliases: 'p53', publications: [{ title: 'x', year: '2019', freeFullText: 'yes' }] }] }),
    );
    expect(e.message).toMatch(/^types\.json: \$\.genes\[0\]\.aliases must be array \(and 2 more problems/);
    expect(e.details).toEqual(['$.genes[0].publications[0].year must be integer', '$.genes[0].publications[0].freeFullText must be boolean']);
  });

  it('a gene file missing its symbol, or holding a gene twice', async () => {
    expect((await refusal('nosymbol.json', JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ name: 'x' }] }))).message).toBe(
      'nosymbol.json: $.genes[0].symbol is required but missing',
    );
    const twice = await refusal('twice.json', JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol: 'TP53' }, { symbol: 'tp53' }] }));
    expect(twice.message).toMatch(/\$\.genes\[1\]\.symbol "tp53" repeats \$\.genes\[0\]/);
  });

  it('a gene file from a newer GeneShelf', async () => {
    const e = await refusal('future.json', JSON.stringify({ format: 'geneshelf.genefile', version: 2, genes: [] }));
    expect(e.message).toMatch(/^future\.json: \$\.version is 2: the file was written by a newer GeneShelf/);
  });

  it('a 300 MB file is refused before it is read', async () => {
    const file = join(dir.path, 'huge.txt');
    await writeFile(file, '');
    await truncate(file, 300 * 1024 * 1024); // sparse: costs no disk and no time
    const started = Date.now();
    const e = await refusal('huge.txt');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(e.message).toBe('huge.txt: the file is 300 MB; GeneShelf imports files of up to 256 MB, so this is not a gene page or gene file');
  });

  it('a path that does not exist, and a folder', async () => {
    expect((await refusal('nowhere.txt')).message).toBe('nowhere.txt: the file does not exist');
    await mkdir(join(dir.path, 'folder.txt'));
    expect((await refusal('folder.txt')).message).toBe('folder.txt: this is a folder, not a file');
  });

  it.skipIf(process.platform === 'win32')('a link to /dev/zero and a FIFO: refused at once, not read for ever', async () => {
    const zero = join(dir.path, 'zero.txt');
    await symlink('/dev/zero', zero);
    const started = Date.now();
    expect((await refusal('zero.txt')).message).toBe('zero.txt: this is not a regular file (it is a device, a pipe or a socket), so it is not a gene page or gene file');
    const fifo = join(dir.path, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    expect((await refusal('pipe.txt')).message).toMatch(/^pipe\.txt: this is not a regular file/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a gene file with a value nested 5,000 deep: refused with its JSON path before anything is written', async () => {
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const text = `{"format":"geneshelf.genefile","version":1,"genes":[{"symbol":"IKZF1","curatorNotes":${deep}}]}`;
    const error = await refusal('deep.genefile.json', text);
    expect(error.message).toMatch(/^deep\.genefile\.json: \$\.genes\[0\]\.curatorNotes(\[0\])+ is nested more than 32 levels deep/);
  });

  it('text that is neither a page nor a gene file', async () => {
    expect((await refusal('letter.txt', 'Dear colleague,\nthe slides are attached.\n')).message).toMatch(/^letter\.txt: not a file GeneShelf can read: it has no gene page headings .*GeneShelf reads .*RIS/);
  });
});

describe('gene files that are good', () => {
  it('the bundled sample passes the schema and keeps every figure', async () => {
    const parsed = await readImportFile(SAMPLE);
    expect(parsed.format).toBe('genefile');
    expect(parsed.warnings).toEqual([]);
    const gene = parsed.genes[0]!;
    expect(gene.publications).toHaveLength(30);
    expect(gene.literatureTerms).toHaveLength(41);
  });

  it('fills defaults and computes ids where a curator left them out, keeping extra fields', async () => {
    const file = join(dir.path, 'minimal.json');
    await writeFile(
      file,
      JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol: 'TP53', curatorNote: 'checked', databases: [{ name: 'GeneCard' }], publications: [{ title: 'A', pmid: '123' }, { title: 'B', year: 2020, authors: ['Doe J'] }] }] }),
    );
    const gene = (await readImportFile(file)).genes[0]!;
    expect(gene).toMatchObject({ symbol: 'TP53', aliases: [], summary: '', ontology: { count: 0, terms: [] }, curatorNote: 'checked', databases: [{ name: 'GeneCards' }] });
    expect(gene.publications.map((p) => p.id)).toEqual(['pmid:123', expect.stringMatching(/^key-[0-9a-f]{16}$/)]);
    expect(gene.publications[1]).toMatchObject({ etAl: false, freeFullText: false, abstract: '', journal: '' });
  });
});
