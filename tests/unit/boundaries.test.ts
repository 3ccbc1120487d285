import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';

// Folder names say which process code runs in; these checks keep it true.
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

/** Module specifiers a file imports at run time (type-only imports are erased and do not count). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*import\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  for (const m of text.matchAll(/^\s*export\s+(?!type\b)[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  for (const m of text.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs;
}

const rel = (f: string) => relative(ROOT, f);

describe('process boundaries', () => {
  it('core never imports electron', () => {
    const offenders = filesUnder(join(ROOT, 'electron', 'core')).filter((f) => runtimeImports(f).some((s) => s === 'electron' || s.startsWith('electron/')));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('only the adapters import electron at run time: main/index.ts and preload/index.ts', () => {
    const importers = filesUnder(join(ROOT, 'electron'))
      .filter((f) => runtimeImports(f).includes('electron'))
      .map(rel)
      .sort();
    expect(importers).toEqual(['electron/main/index.ts', 'electron/preload/index.ts']);
  });

  it('the renderer imports nothing from electron/ at run time but electron/shared (types only otherwise) and no Node module', () => {
    const offenders = filesUnder(join(ROOT, 'renderer', 'src')).flatMap((f) =>
      runtimeImports(f)
        .filter((s) => !/(^|\/)electron\/shared\//.test(s))
        .filter((s) => /(^|\/)electron(\/|$)/.test(s) || s.startsWith('node:') || ['fs', 'path', 'child_process', 'lowdb'].includes(s))
        .map((s) => `${rel(f)} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('electron/shared, which both processes load, imports nothing at run time', () => {
    const offenders = filesUnder(join(ROOT, 'electron', 'shared')).flatMap((f) => runtimeImports(f).map((s) => `${rel(f)} -> ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the guard sees a runtime import when there is one', () => {
    // The check above is only worth having if it can fail.
    const probe = join(ROOT, 'tests', 'fixtures', 'boundary-probe.ts.txt');
    expect(runtimeImports(probe)).toEqual(['../../electron/core/service', 'electron', 'node:fs']);
  });
});
