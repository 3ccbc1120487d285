import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../electron/core/service';
import { formatFixture, SAMPLE, buildCli, geneshelf, tempDir } from '../helpers';

// Importing reference exports from the command line: the real bin, a child process, exit codes.
const NBIB = formatFixture('medline', 'ikzf1-pubmed.nbib');

let dir: { path: string; cleanup: () => Promise<void> };
let library: string;
beforeAll(() => buildCli());
beforeEach(async () => {
  dir = await tempDir();
  library = join(dir.path, 'library');
  await LibraryService.open(library, { samplePath: SAMPLE });
});
afterEach(() => dir.cleanup());

describe('geneshelf import and convert with reference exports', () => {
  it('--dry-run prints the preview and writes nothing; --json adds every record read', async () => {
    const before = await readFile(join(library, 'library.json'));
    const dry = await geneshelf('import', NBIB, '--gene', 'IKZF1', '--library', library, '--dry-run');
    expect(dry).toMatchObject({ code: 0, stdout: 'PubMed MEDLINE (.nbib) for IKZF1: new 2, updated 1, duplicate 0, skipped 1\ndry run: nothing was written\n' });
    expect(dry.stderr).toContain('warning: ikzf1-pubmed.nbib, line 55: the record for PMID 30890001 has no title (TI) and was skipped');
    const json = JSON.parse((await geneshelf('import', NBIB, '--gene', 'IKZF1', '--library', library, '--dry-run', '--json')).stdout);
    expect(json).toMatchObject({ dryRun: true, format: 'medline', target: { symbol: 'IKZF1', exists: true }, counts: { new: 2, updated: 1, duplicate: 0, skipped: 1 } });
    expect(json.records.map((r: { line: number; publication: { pmid: string } }) => [r.line, r.publication.pmid])).toEqual([
      [4, '31015500'],
      [36, '30890000'],
      [60, '30890002'],
    ]);
    expect(json.records[0].publication.mesh[1]).toEqual({ descriptor: 'Multiple Myeloma', major: true, qualifiers: [{ name: 'genetics', major: false }, { name: 'mortality', major: false }] });
    expect(await readFile(join(library, 'library.json'))).toEqual(before);
  });

  it('--dry-run into a folder that holds no library makes no folder and no file, whether the file is read or refused', async () => {
    const fresh = join(dir.path, 'not-yet');
    const read = await geneshelf('import', NBIB, '--gene', 'IKZF1', '--library', fresh, '--dry-run');
    expect(read.stdout).toContain('PubMed MEDLINE (.nbib) for IKZF1: new 3');
    const letter = join(dir.path, 'letter.txt');
    await writeFile(letter, 'Dear colleague,\nplease find the slides attached.\n');
    const refused = await geneshelf('import', letter, '--gene', 'IKZF1', '--library', fresh, '--dry-run');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('letter.txt: not a file GeneShelf can read');
    await expect(readdir(fresh)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('--dry-run on a library leaves its folder exactly as it was: no backup, no temporary file', async () => {
    const listing = async () => (await readdir(library)).sort();
    const before = { names: await listing(), user: await readFile(join(library, 'user.json')) };
    await rm(join(library, 'library.json.bak'), { force: true });
    const names = await listing();
    expect((await geneshelf('import', NBIB, '--gene', 'IKZF1', '--library', library, '--dry-run')).code).toBe(0);
    expect(await listing()).toEqual(names);
    expect(await readFile(join(library, 'user.json'))).toEqual(before.user);
  });

  it('imports into a gene, and the same file again is all duplicates', async () => {
    const first = await geneshelf('import', NBIB, '--gene', 'ikzf1', '--library', library);
    expect(first.stdout).toBe('PubMed MEDLINE (.nbib) for IKZF1: new 2, updated 1, duplicate 0, skipped 1\nupdated IKZF1 (IKAROS family zinc finger 1): 3 publications written\n');
    const again = await geneshelf('import', NBIB, '--gene', 'IKZF1', '--library', library);
    expect(again.stdout).toContain('new 0, updated 0, duplicate 3, skipped 1');
    expect((await geneshelf('genes', '--library', library)).stdout).toContain('IKZF1   IKAROS family zinc finger 1  7p12.2    32');
  });

  it('a reference export without --gene is a usage mistake; a file with no usable record is refused', async () => {
    const noGene = await geneshelf('import', NBIB, '--library', library);
    expect(noGene).toMatchObject({ code: 2 });
    expect(noGene.stderr).toContain('PubMed MEDLINE (.nbib) holds publications, not a gene: say which with --gene SYMBOL');
    const empty = join(dir.path, 'empty.ris');
    await writeFile(empty, 'TY  - JOUR\nAU  - Someone, A\nER  - \n');
    const refused = await geneshelf('import', empty, '--gene', 'IKZF1', '--library', library);
    expect(refused).toMatchObject({ code: 1, stderr: 'geneshelf: empty.ris, line 1: no record could be read: the record has no title (TI or T1) and was skipped\n' });
  });

  it('convert --gene writes a gene file from a reference export, which validate accepts and import reads', async () => {
    const out = join(dir.path, 'CDKN2A.genefile.json');
    const converted = await geneshelf('convert', formatFixture('pubmed-xml', 'pubmed.xml'), '--gene', 'CDKN2A', '-o', out);
    expect(converted.code).toBe(0);
    expect(converted.stderr).toContain(`wrote ${out}: PubMed XML, 2 publications (1 skipped), utf-8`);
    const file = JSON.parse(await readFile(out, 'utf8'));
    expect(file.genes[0].symbol).toBe('CDKN2A');
    expect(file.genes[0].publications.map((p: { pmid: string }) => p.pmid)).toEqual(['19129520', '20301779']);
    expect((await geneshelf('validate', out)).code).toBe(0);
    expect((await geneshelf('import', out, '--library', library)).stdout).toContain('added CDKN2A');
    const validated = await geneshelf('validate', NBIB);
    expect(validated.stdout).toContain('ikzf1-pubmed.nbib: importable: PubMed MEDLINE (.nbib), 3 publications (1 skipped), utf-8');
  });
});
