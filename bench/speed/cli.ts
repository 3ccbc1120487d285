// Running the real CLI (bin/geneshelf.cjs, which loads out/cli/geneshelf.cjs) as a whole process.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchFile } from './files';

export const ROOT = process.cwd();
export const LAUNCHER = join(ROOT, 'bin', 'geneshelf.cjs');
export const BUNDLE = join(ROOT, 'out', 'cli', 'geneshelf.cjs');

export interface Timed {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

export function timeNode(args: string[], env: Record<string, string> = {}): Timed {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  const ms = performance.now() - start;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The node arguments of `geneshelf import FILE --gene IKZF1 --dry-run --library LIB`. */
export function importArgs(f: BenchFile, library: string, nodeFlags: string[] = []): string[] {
  return [...nodeFlags, LAUNCHER, 'import', f.file, '--gene', 'IKZF1', '--dry-run', '--library', library];
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const ms = (n: number) => `${n.toFixed(0)} ms`;

/** Newest .ts under electron/ that is newer than the CLI bundle, if any: the figures would be stale. */
export function staleBundle(): string | null {
  if (!existsSync(BUNDLE)) return 'out/cli/geneshelf.cjs is missing: run node scripts/build-node.mjs --cli-only';
  const built = statSync(BUNDLE).mtimeMs;
  const walk = (dir: string): string | null => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        const found = walk(p);
        if (found) return found;
      } else if (e.name.endsWith('.ts') && statSync(p).mtimeMs > built) return p;
    }
    return null;
  };
  const newer = walk(join(ROOT, 'electron'));
  return newer ? `${newer.slice(ROOT.length + 1)} is newer than out/cli/geneshelf.cjs (rebuild: node scripts/build-node.mjs --cli-only)` : null;
}
