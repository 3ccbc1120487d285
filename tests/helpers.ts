import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The page the product was designed from; tests read it in place, as CI has ../shared beside the clone. */
export const SEED = resolve(ROOT, '..', 'shared', 'seeds', 'IKZF1.cgw.txt');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const PAX5_PAGE = join(FIXTURES, 'cgw', 'PAX5.cgw.txt');
export const SAMPLE = join(ROOT, 'resources', 'samples', 'IKZF1.genefile.json');

export async function tempDir(prefix = 'geneshelf-test-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

export async function readSeed(): Promise<string> {
  return readFile(SEED, 'utf8');
}
