import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { draftOfUser, type UserData } from '../electron/core/library/user-data';
import { journalPath, replayJournal } from '../electron/core/library/user-journal';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The page the product was designed from; tests read it in place, as CI has ../shared beside the clone. */
export const SEED = resolve(ROOT, '..', 'shared', 'seeds', 'IKZF1.cgw.txt');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const PAX5_PAGE = join(ROOT, 'electron', 'core', 'genes', 'cgw-page', 'fixtures', 'PAX5.cgw.txt');

/** A format's golden fixtures folder, beside its reader: formats/<id>/, or genes/<id>/ for the gene readers. */
export function fixturesOf(format: string): string {
  const home = format === 'genefile' || format === 'cgw-page' ? 'genes' : 'formats';
  return join(ROOT, 'electron', 'core', home, format, 'fixtures');
}

/** A format's fixture by name. */
export function formatFixture(format: string, name: string): string {
  return join(fixturesOf(format), name);
}
export const SAMPLE = join(ROOT, 'resources', 'samples', 'IKZF1.genefile.json');

export async function tempDir(prefix = 'geneshelf-test-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

export async function readSeed(): Promise<string> {
  return readFile(SEED, 'utf8');
}

/**
 * A small gene file whose publications carry what exports must survive: accents, a group author,
 * quotes and commas, a title that would run as a spreadsheet formula, TeX specials, an abstract
 * with labelled lines, PMIDs and DOIs. Written to `dir` and returned with its path.
 */
export async function writeTrickyGeneFile(dir: string, options: { symbol?: string; titleSuffix?: string } = {}): Promise<{ path: string; file: GeneFileShape }> {
  const symbol = options.symbol ?? 'CDKN2A';
  const suffix = options.titleSuffix ?? '';
  const file: GeneFileShape = {
    format: 'geneshelf.genefile',
    version: 1,
    genes: [
      {
        symbol,
        name: 'cyclin dependent kinase inhibitor 2A',
        aliases: ['p16', 'INK4A'],
        location: '9p21.3',
        summary: 'A tumour suppressor.',
        protein: '',
        databases: [{ name: 'HGNC', id: '1787' }],
        ontology: { count: 0, terms: [] },
        cancerOverview: '',
        specificCancers: [],
        literatureTerms: [],
        provenance: {},
        publications: [
          {
            id: 'pmid:31015500',
            pmid: '31015500',
            doi: '10.1038/s41467-019-09555-6',
            authors: ['Ayón-Pérez MF', 'Lilljebjörn H', "Children's Oncology Group"],
            etAl: false,
            title: `CDKN2A deletions, "quoted" words & 50% of B-ALL cases_${suffix}`,
            journal: 'Nat Commun',
            year: 2019,
            volume: '10',
            issue: '1',
            pages: '1911-8',
            freeFullText: true,
            abstract: 'BACKGROUND: One, two.\nMETHODS: Three "four".\nRESULTS: Five; six.',
            keywords: ['Ph-like ALL', 'copy number, focal'],
          },
          {
            id: 'doi:10.1182/blood.2020001234',
            doi: '10.1182/blood.2020001234',
            authors: ['Durán-Avelar MJ'],
            etAl: true,
            title: `=HYPERLINK("http://evil.example","click")${suffix}`,
            journal: 'Blood',
            year: 2021,
            volume: '137',
            pages: 'e12-e20',
            freeFullText: false,
            abstract: '',
          },
          {
            id: 'pmid:29000001',
            pmid: '29000001',
            authors: ['Lundin-Ström KB'],
            etAl: false,
            title: `+1 and -1 copy changes @ 9p21 in {T-ALL}${suffix}`,
            journal: 'Leukemia',
            year: 2019,
            freeFullText: false,
            abstract: 'Plain one-paragraph abstract.',
          },
        ],
      },
    ],
  };
  const path = join(dir, `${symbol}.genefile.json`);
  await writeFile(path, JSON.stringify(file, null, 2));
  return { path, file };
}

export interface GeneFileShape {
  format: 'geneshelf.genefile';
  version: 1;
  genes: Array<Record<string, unknown> & { symbol: string; publications: Array<Record<string, unknown> & { id: string; title: string }> }>;
}

const run = promisify(execFile);

/** The CLI as a curator runs it: the real bin script, as a child process, through its exit code. */
export async function geneshelf(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin', 'geneshelf.cjs'), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The bin loads the bundle npm's prepare step builds; this builds it where a checkout has not yet. */
export async function buildCli(): Promise<void> {
  await run(process.execPath, [join(ROOT, 'scripts', 'build-node.mjs'), '--cli-only'], { cwd: ROOT });
}

export { medlineExport } from './fixtures/medline-export';

type WithImports = { provenance: { imports?: Array<{ file: string; format: string; at: string; by: string; publications?: number }> } };

/**
 * A gene read back from a gene file it was exported to, set beside the gene it was exported from:
 * the same gene, its chain of imports one record longer (the import just made). Gives the gene
 * without that record, and the record.
 */
export function beforeLastImport<G extends WithImports>(gene: G | null | undefined): { gene: G; last: NonNullable<G['provenance']['imports']>[number] | undefined } {
  if (!gene) throw new Error('no gene');
  const imports = gene.provenance.imports ?? [];
  const { imports: _all, ...provenance } = gene.provenance;
  const kept = imports.slice(0, -1);
  return { gene: { ...gene, provenance: { ...provenance, ...(kept.length ? { imports: kept } : {}) } }, last: imports.at(-1) };
}

/**
 * The user's state as it is on disk: user.json with the journal's changes since it was last
 * written whole applied, as the next open will read it (not the store's memory).
 */
export async function userOnDisk(library: string): Promise<UserData> {
  const base = JSON.parse(await readFile(join(library, 'user.json'), 'utf8')) as UserData;
  return (await replayJournal(journalPath(library), base, draftOfUser)).data;
}
