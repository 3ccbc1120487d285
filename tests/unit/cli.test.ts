import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// The CLI as a curator runs it: the real bin script, as a child process, through its exit code.
import { PAX5_PAGE, SAMPLE, SEED, buildCli, geneshelf, tempDir } from '../helpers';

let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  // The bin loads the bundle npm's prepare step builds; build it if this checkout has not yet.
  await buildCli();
});
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.cleanup());

describe('geneshelf CLI', () => {
  it('--help explains every command', async () => {
    const { code, stdout } = await geneshelf('--help');
    expect(code).toBe(0);
    for (const cmd of ['convert FILE [--gene SYMBOL] [-o OUT]', 'validate FILE', 'import FILE [--gene SYMBOL] --library DIR [--dry-run] [--json]', 'genes --library DIR [--json]']) {
      expect(stdout).toContain(cmd);
    }
    for (const format of ['MEDLINE (.nbib)', 'RIS', 'PubMed XML', 'BibTeX', 'CSL-JSON']) expect(stdout).toContain(format);
  });

  it('convert writes the gene file to stdout, and to -o OUT; the committed sample is exactly convert(seed)', async () => {
    const toStdout = await geneshelf('convert', SEED);
    expect(toStdout.code).toBe(0);
    const file = JSON.parse(toStdout.stdout);
    expect(file.genes[0].publications).toHaveLength(30);
    expect(toStdout.stderr).toMatch(/warning: IKZF1\.cgw\.txt, line 72: Specific Cancers says 1/);
    expect(toStdout.stdout).toBe(await readFile(SAMPLE, 'utf8'));

    const out = join(dir.path, 'pax5.json');
    const toFile = await geneshelf('convert', PAX5_PAGE, '-o', out);
    expect(toFile.code).toBe(0);
    expect(toFile.stderr).toContain('wrote');
    expect(JSON.parse(await readFile(out, 'utf8')).genes[0].symbol).toBe('PAX5');
  });

  it('validate prints each problem with its JSON path and exits 1; 0 when importable', async () => {
    const ok = await geneshelf('validate', SAMPLE);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('IKZF1.genefile.json: importable: GeneShelf gene file, 1 gene (IKZF1), 30 publications');

    const bad = join(dir.path, 'bad.json');
    await writeFile(bad, JSON.stringify({ format: 'geneshelf.genefile', version: 1, genes: [{ symbol: 'TP53', publications: [{ title: 1 }, { title: 'x', year: 'soon' }] }] }));
    const result = await geneshelf('validate', bad);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('error:'))).toEqual([
      expect.stringMatching(/^error: bad\.json: \$\.genes\[0\]\.publications\[0\]\.title must be string/),
      'error: bad.json: $.genes[0].publications[1].year must be integer',
    ]);
    expect(result.stdout).toContain('bad.json: not importable (2 problems)');

    const broken = join(dir.path, 'broken.json');
    await writeFile(broken, '{\n"format": "geneshelf.genefile",\n"genes": [\n');
    const syntax = await geneshelf('validate', broken);
    expect(syntax.code).toBe(1);
    expect(syntax.stdout).toMatch(/error: broken\.json, line \d: the JSON/);
  });

  it('import and genes work on a library folder, with --json', async () => {
    const lib = join(dir.path, 'lib');
    const imported = await geneshelf('import', SEED, '--library', lib);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('Cancer Genetics Web page for IKZF1 (new gene): new 30, updated 0, duplicate 0, skipped 0\nadded IKZF1 (IKAROS family zinc finger 1): 30 publications written\n');
    expect((await geneshelf('import', PAX5_PAGE, '--library', lib)).code).toBe(0);
    const again = await geneshelf('import', SEED, '--library', lib);
    expect(again.stdout).toContain('IKZF1 (update): new 0, updated 0, duplicate 30');
    expect(again.stdout).toContain('updated IKZF1');

    const table = await geneshelf('genes', '--library', lib);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^SYMBOL\s+NAME\s+LOCATION\s+PUBLICATIONS$/);
    expect(table.stdout).toMatch(/IKZF1\s+IKAROS family zinc finger 1\s+7p12\.2\s+30/);
    const json = JSON.parse((await geneshelf('genes', '--library', lib, '--json')).stdout);
    expect(json.map((g: { symbol: string; publicationCount: number }) => [g.symbol, g.publicationCount])).toEqual([
      ['IKZF1', 30],
      ['PAX5', 6],
    ]);
  });

  it('bad input: one message, no stack trace, a non-zero exit, the library unchanged', async () => {
    const lib = join(dir.path, 'lib');
    await geneshelf('import', SEED, '--library', lib);
    const before = await readFile(join(lib, 'library.json'));
    const png = join(dir.path, 'scan.txt');
    await writeFile(png, Buffer.from('89504e470d0a1a0a00', 'hex'));
    for (const [file, message] of [
      [png, 'geneshelf: scan.txt: this is a PNG image, not a text file\n'],
      [join(dir.path, 'nope.txt'), 'geneshelf: nope.txt: the file does not exist\n'],
    ] as const) {
      const result = await geneshelf('import', file, '--library', lib);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await readFile(join(lib, 'library.json'))).toEqual(before);
  });

  it('usage mistakes exit 2 with a pointer to --help', async () => {
    for (const args of [['frobnicate'], ['import', SEED], ['convert'], ['genes', '--library'], ['convert', SEED, '--colour']]) {
      const result = await geneshelf(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^geneshelf: .+\nRun "geneshelf --help" for usage\.\n$/);
    }
  });

  it('an unwritable output path is a clear error', async () => {
    const result = await geneshelf('convert', SEED, '-o', join(dir.path, 'no-such-folder', 'out.json'));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe('geneshelf: out.json: cannot save: its folder does not exist');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
