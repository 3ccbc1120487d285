import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { geneWithSymbol } from '../../electron/core/model';
import { makePublication } from '../../electron/core/publication';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../electron/core/service';
import { readRis } from '../../electron/core/formats/ris';
// The reading-list commands as a curator runs them: the real bin, a child process, exit codes.
import { ROOT, SAMPLE, buildCli, geneshelf, tempDir, userOnDisk, writeTrickyGeneFile } from '../helpers';

let dir: { path: string; cleanup: () => Promise<void> };
let library: string;
beforeAll(async () => {
  await buildCli();
});
beforeEach(async () => {
  dir = await tempDir();
  library = join(dir.path, 'library');
  const service = await LibraryService.open(library, { samplePath: SAMPLE });
  await service.importFile((await writeTrickyGeneFile(dir.path)).path);
  await service.createList('Ward round');
});
afterEach(() => dir.cleanup());

describe('geneshelf reading-list commands', () => {
  it('--help names lists, bookmark, export and publications', async () => {
    const { stdout } = await geneshelf('--help');
    for (const cmd of ['lists --library DIR [--json]', 'bookmark ID [--list NAME] --library DIR', 'export (--list NAME | --all) [--format FORMAT] [-o OUT] --library DIR', 'publications SYMBOL']) {
      expect(stdout).toContain(cmd);
    }
  });

  it('publications shows ids; bookmark adds to the first list or a named one; lists shows them', async () => {
    const pubs = await geneshelf('publications', 'cdkn2a', '--library', library);
    expect(pubs.code).toBe(0);
    expect(pubs.stdout.split('\n')[0]).toMatch(/^pmid:31015500\t2019\t\tCDKN2A deletions/);

    expect((await geneshelf('bookmark', 'pmid:31015500', '--library', library)).stdout).toBe('added pmid:31015500 to Reading list\n');
    expect((await geneshelf('bookmark', 'pmid:31015500', '--library', library)).stdout).toBe('pmid:31015500 is already in Reading list\n');
    const named = await geneshelf('bookmark', 'pmid:29000001', '--list', 'WARD ROUND', '--library', library);
    expect(named).toMatchObject({ code: 0, stdout: 'added pmid:29000001 to Ward round\n' });

    const table = await geneshelf('lists', '--library', library);
    expect(table.stdout).toBe('LIST          ITEMS  UNREAD\nReading list  1      1\nWard round    1      1\n');
    const json = JSON.parse((await geneshelf('lists', '--library', library, '--json')).stdout);
    expect(json[1]).toMatchObject({ name: 'Ward round', items: [{ publicationId: 'pmid:29000001', genes: ['CDKN2A'], inLibrary: true, note: '', read: false }] });
  });

  it('export writes each format to -o or to standard output', async () => {
    await geneshelf('bookmark', 'pmid:31015500', '--list', 'Ward round', '--library', library);
    await geneshelf('bookmark', 'doi:10.1182/blood.2020001234', '--list', 'Ward round', '--library', library);
    const out = join(dir.path, 'ward.csv');
    const csv = await geneshelf('export', '--list', 'Ward round', '-o', out, '--library', library);
    expect(csv).toMatchObject({ code: 0, stderr: `wrote ${out}: 2 items as csv\n` });
    const rows = parse(await readFile(out, 'utf8'), { bom: true }) as string[][];
    expect(rows.map((r) => r[0])).toEqual(['PMID', '31015500', '']);
    expect(rows[2]![1]).toBe(`'=HYPERLINK("http://evil.example","click")`);

    const ris = await geneshelf('export', '--list', 'ward round', '--format', 'ris', '--library', library);
    expect(readRis(ris.stdout).map((r) => r.fields.get('TI')![0])).toEqual([expect.stringContaining('CDKN2A deletions'), expect.stringContaining('=HYPERLINK')]);
    const bib = await geneshelf('export', '--all', '--format', 'bibtex', '--library', library);
    expect(bib.stdout).toContain('@article{AyonPerez2019,');
    const csl = await geneshelf('export', '--all', '--format', 'csljson', '--library', library);
    expect(JSON.parse(csl.stdout).map((i: { id: string }) => i.id)).toEqual(['pmid:31015500', 'doi:10.1182/blood.2020001234']);
  });

  it('bad arguments: an unknown list, an unknown id, an unwritable path, a bad format; each says why and exits non-zero', async () => {
    // What the user has, whichever writing of user.json holds it (an open folds the journal in).
    const lists = async () => ({ ...(await userOnDisk(library)), journalBase: undefined });
    const before = await lists();
    const noList = await geneshelf('bookmark', 'pmid:31015500', '--list', 'Tumour board', '--library', library);
    expect(noList).toMatchObject({ code: 1, stdout: '' });
    expect(noList.stderr).toBe('geneshelf: There is no reading list called “Tumour board”. The lists are “Reading list”, “Ward round”.\n');
    const noId = await geneshelf('bookmark', 'pmid:1', '--library', library);
    expect(noId).toMatchObject({ code: 1, stderr: 'geneshelf: No publication with id pmid:1 is in the library.\n' });
    const exportNoList = await geneshelf('export', '--list', 'Nope', '--library', library);
    expect(exportNoList.code).toBe(1);
    expect(exportNoList.stderr).toContain('There is no reading list called “Nope”');
    const unwritable = await geneshelf('export', '--list', 'Ward round', '-o', join(dir.path, 'no-such-folder', 'x.csv'), '--library', library);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/^geneshelf: x\.csv: cannot save: .*folder/);
    expect(unwritable.stderr).not.toMatch(/\n\s+at /);
    const badFormat = await geneshelf('export', '--list', 'Ward round', '--format', 'xlsx', '--library', library);
    expect(badFormat).toMatchObject({ code: 2 });
    expect(badFormat.stderr).toContain('unknown format "xlsx"; use csv, ris, bibtex, csljson');
    expect((await geneshelf('export', '--library', library)).code).toBe(2);
    expect((await geneshelf('bookmark', '--library', library)).code).toBe(2);
    expect(await lists()).toEqual(before);
  });

  it('remove takes a gene out; its bookmarked publications stay listed as no longer in the library', async () => {
    await geneshelf('bookmark', 'pmid:31015500', '--library', library);
    expect((await geneshelf('remove', 'CDKN2A', '--library', library)).stdout).toBe('removed CDKN2A\n');
    const json = JSON.parse((await geneshelf('lists', '--library', library, '--json')).stdout);
    expect(json[0].items[0]).toMatchObject({ publicationId: 'pmid:31015500', inLibrary: false, genes: ['CDKN2A'] });
    expect((await geneshelf('remove', 'CDKN2A', '--library', library))).toMatchObject({ code: 1, stderr: 'geneshelf: CDKN2A is not in the library.\n' });
  });
});

describe('publications in a pipe', () => {
  it('prints one line per publication, whatever the title holds, and ends quietly when the reader stops early', async () => {
    const lib = await tempDir();
    try {
      const { path, file } = await writeTrickyGeneFile(lib.path, { titleSuffix: '\nsecond line\tand a tab' });
      await geneshelf('import', path, '--library', lib.path);
      const listed = await geneshelf('publications', 'CDKN2A', '--library', lib.path);
      const lines = listed.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(file.genes[0]!.publications.length);
      for (const line of lines) expect(line.split('\t')).toHaveLength(4);
      expect(lines[0]).toMatch(/_ second line and a tab$/);

      // `| head -1` on a gene too long for one pipe buffer: the reader closes the pipe after the first line.
      const many = geneWithSymbol('MANY1', Array.from({ length: 3000 }, (_, i) => makePublication({ pmid: String(10_000_000 + i), title: `A long title about deletions and relapse, number ${i} `.repeat(3) })));
      const manyFile = join(lib.path, 'many.genefile.json');
      await writeFile(manyFile, JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [many] }));
      expect((await geneshelf('import', manyFile, '--library', lib.path)).code).toBe(0);
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'geneshelf.cjs'), 'publications', 'MANY1', '--library', lib.path], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(0);
    } finally {
      await lib.cleanup();
    }
  });
});
