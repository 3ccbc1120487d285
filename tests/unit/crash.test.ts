import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../electron/core/service';
import { FIXTURES, SAMPLE, tempDir, writeTrickyGeneFile } from '../helpers';

// A crash in the middle of a write: a real process writing user.json in a loop, killed with
// SIGKILL at different moments. Each time the file must open whole, with the last write the
// process reported done (or the one it was making), and nothing moved aside.
let dir: { path: string; cleanup: () => Promise<void> };
let script: string;

beforeAll(async () => {
  dir = await tempDir();
  script = join(dir.path, 'crash-writer.cjs');
  await build({ entryPoints: [join(FIXTURES, 'crash-writer.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'silent' });
});
afterAll(async () => {
  await dir.cleanup();
});

function runAndKill(library: string, afterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, library], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // Kill only once writes are under way, so every round crashes mid-stream.
    const timer = setInterval(() => {
      if (out.includes('\n')) {
        clearInterval(timer);
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    }, 5);
    child.on('exit', (_code, signal) => {
      clearInterval(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer ended on its own: ${err}`));
      const done = out.split('\n').filter(Boolean).map(Number);
      resolve(done.at(-1) ?? 0);
    });
  });
}

describe('a crash in the middle of a write', () => {
  it('never leaves a torn user.json, and keeps every write that was reported done', async () => {
    const library = join(dir.path, 'library');
    const service = await LibraryService.open(library, { samplePath: SAMPLE });
    await service.importFile((await writeTrickyGeneFile(dir.path)).path);
    await service.toggleBookmark('pmid:31015500');

    for (const afterMs of [0, 7, 23, 61, 150]) {
      const lastDone = await runAndKill(library, afterMs);
      expect(lastDone).toBeGreaterThan(0);
      const reopened = await LibraryService.open(library);
      expect(reopened.notices()).toEqual([]);
      const note = (await reopened.getList('reading-list'))!.entries[0]!.note;
      const onDisk = Number(note.slice(1));
      expect([lastDone, lastDone + 1]).toContain(onDisk);
      expect(JSON.parse(await readFile(join(library, 'library.json'), 'utf8')).genes.CDKN2A).toBeDefined();
    }
    // Temp files a killed writer left behind are cleared when the library is next opened.
    expect((await readdir(library)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
