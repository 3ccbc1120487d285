import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Publication } from '../../electron/core/model';
import { LibraryService } from '../../electron/core/service';
// `geneshelf cite` and the bibliography export as a curator runs them: the real bin, a child
// process, exit codes. The citations' wording is checked in citations.test.ts; here, that the
// command gives the service's citations, and says what it could not cite.
import { SAMPLE, buildCli, geneshelf, tempDir } from '../helpers';

let dir: { path: string; cleanup: () => Promise<void> };
let library: string;
let ids: { roberts: string; wang: string; barwick: string };
beforeAll(async () => {
  await buildCli();
  const file = JSON.parse(await readFile(SAMPLE, 'utf8')) as { genes: Array<{ publications: Publication[] }> };
  const id = (first: string) => file.genes[0]!.publications.find((p) => p.authors[0] === first)!.id;
  ids = { roberts: id('Roberts KG'), wang: id('Wang LX'), barwick: id('Barwick BG') };
});
beforeEach(async () => {
  dir = await tempDir();
  library = join(dir.path, 'library');
  await LibraryService.open(library, { samplePath: SAMPLE });
});
afterEach(() => dir.cleanup());

const ROBERTS_VANCOUVER = 'Roberts KG. Why and how to treat Ph-like ALL? Best Pract Res Clin Haematol. 2018;31(4):351–6.';

describe('geneshelf cite', () => {
  it('--help names cite and --style', async () => {
    const { stdout } = await geneshelf('--help');
    expect(stdout).toContain('geneshelf cite ID... [--style STYLE] [--format text|html] --library DIR');
    expect(stdout).toMatch(/--style STYLE\s+vancouver \(default\), ama or apa/);
  });

  it('one id: its citation, Vancouver unless --style; --format html gives the style\'s italics', async () => {
    expect(await geneshelf('cite', ids.roberts, '--library', library)).toEqual({ code: 0, stdout: `${ROBERTS_VANCOUVER}\n`, stderr: '' });
    const apa = await geneshelf('cite', ids.roberts, '--style', 'apa', '--format', 'html', '--library', library);
    expect(apa).toMatchObject({ code: 0, stderr: '' });
    expect(apa.stdout).toBe('Roberts, K. G. (2018). Why and how to treat Ph-like ALL? <i>Best Pract Res Clin Haematol</i>, <i>31</i>(4), 351–356.\n');
  });

  it('several ids: a bibliography numbered in the order given', async () => {
    const ama = await geneshelf('cite', ids.wang, ids.barwick, '--style', 'ama', '--library', library);
    expect(ama.code).toBe(0);
    expect(ama.stdout).toBe(
      '1. Wang LX, Li Y, Chen GZ. Network-based co-expression analysis for exploring the potential diagnostic biomarkers of metastatic melanoma. PLoS One. 2018;13(1):e0190447.\n' +
        '2. Barwick BG, Neri P, Bahlis NJ, et al. Multiple myeloma immunoglobulin lambda translocations portend poor prognosis. Nat Commun. 2019;10(1):1911.\n',
    );
  });

  it('an unknown id is named on stderr and the rest cited (exit 0); none known is exit 1', async () => {
    const some = await geneshelf('cite', 'pmid:1', ids.roberts, '--library', library);
    expect(some).toEqual({ code: 0, stdout: `${ROBERTS_VANCOUVER}\n`, stderr: 'geneshelf: no publication with id pmid:1 is in the library; it is not cited\n' });
    expect(await geneshelf('cite', 'pmid:1', '--library', library)).toEqual({ code: 1, stdout: '', stderr: 'geneshelf: No publication with id pmid:1 is in the library.\n' });
  });

  it('usage mistakes exit 2 and say why: an unknown style names the styles', async () => {
    const style = await geneshelf('cite', ids.roberts, '--style', 'harvard', '--library', library);
    expect(style).toMatchObject({ code: 2, stdout: '' });
    expect(style.stderr).toContain('unknown style "harvard"; use vancouver, ama, apa');
    const format = await geneshelf('cite', ids.roberts, '--format', 'rtf', '--library', library);
    expect(format).toMatchObject({ code: 2 });
    expect(format.stderr).toContain('cite writes --format text or html, not "rtf"');
    expect((await geneshelf('cite', '--library', library)).code).toBe(2);
    expect((await geneshelf('cite', ids.roberts)).stderr).toContain('cite needs --library DIR');
  });
});

describe('geneshelf export --format bibliography', () => {
  beforeEach(async () => {
    for (const id of [ids.roberts, ids.barwick]) expect((await geneshelf('bookmark', id, '--library', library)).code).toBe(0);
  });

  it('writes the list as numbered citations, in a --style; to -o too', async () => {
    const vancouver = await geneshelf('export', '--list', 'reading list', '--format', 'bibliography', '--library', library);
    expect(vancouver).toMatchObject({ code: 0, stderr: '' });
    expect(vancouver.stdout).toBe(
      `1. ${ROBERTS_VANCOUVER}\n2. Barwick BG, Neri P, Bahlis NJ, et al. Multiple myeloma immunoglobulin lambda translocations portend poor prognosis. Nat Commun. 2019;10(1):1911.\n`,
    );
    const out = join(dir.path, 'reading.txt');
    const apa = await geneshelf('export', '--all', '--format', 'bibliography', '--style', 'apa', '-o', out, '--library', library);
    expect(apa).toMatchObject({ code: 0, stderr: `wrote ${out}: 2 items as bibliography\n` });
    // APA's own order: by author.
    expect((await readFile(out, 'utf8')).split('\n').map((l) => l.slice(0, 16))).toEqual(['Barwick, B. G., ', 'Roberts, K. G. (', '']);
  });

  it('--style belongs to the bibliography, and must be a style', async () => {
    const csv = await geneshelf('export', '--all', '--format', 'csv', '--style', 'apa', '--library', library);
    expect(csv).toMatchObject({ code: 2 });
    expect(csv.stderr).toContain('--style is for --format bibliography');
    const bad = await geneshelf('export', '--all', '--format', 'bibliography', '--style', 'nlm', '--library', library);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('unknown style "nlm"; use vancouver, ama, apa');
    expect((await geneshelf('cite', ids.roberts, '--all', '--library', library)).stderr).toContain('cite does not take --all');
  });
});
