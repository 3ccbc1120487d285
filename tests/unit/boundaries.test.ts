import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
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

/** Every module specifier a file names, type-only imports included (a type import into a feature's internals binds to them just the same). */
function allImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

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

  it('a feature folder reaches another only through its index', () => {
    // electron/core/<feature>/ folders own their internals; anyone else (another feature, the
    // service, main, the CLI, the contract) imports the folder itself (its index.ts), or a
    // sub-feature folder with an index of its own (formats/ris). Root files of core (model.ts,
    // errors.ts, links.ts...) are the shared vocabulary and may be imported anywhere.
    const core = join(ROOT, 'electron', 'core');
    const features = readdirSync(core).filter((name) => statSync(join(core, name)).isDirectory());
    const featureOf = (path: string) => {
      const parts = relative(core, path).split(sep);
      return parts.length > 1 && features.includes(parts[0]!) ? parts[0]! : null;
    };
    const isIndexedFolder = (path: string) => existsSync(join(path, 'index.ts'));
    const files = filesUnder(join(ROOT, 'electron')).filter((f) => f.endsWith('.ts'));
    const offenders = files.flatMap((file) =>
      allImports(file)
        .filter((spec) => spec.startsWith('.'))
        .flatMap((spec) => {
          const target = resolve(dirname(file), spec);
          const feature = featureOf(target) ?? (features.includes(relative(core, target)) ? relative(core, target) : null);
          if (!feature || featureOf(file) === feature) return [];
          return isIndexedFolder(target) ? [] : [`${rel(file)} -> ${spec}`];
        }),
    );
    expect(offenders).toEqual([]);
    // The rule can fail: a deep import into a feature is caught.
    expect(featureOf(join(core, 'lists', 'rules.ts'))).toBe('lists');
    expect(isIndexedFolder(join(core, 'lists', 'rules'))).toBe(false);
    expect(isIndexedFolder(join(core, 'formats', 'ris'))).toBe(true);
  });

  it('the guard sees a runtime import when there is one', () => {
    // The check above is only worth having if it can fail.
    const probe = join(ROOT, 'tests', 'fixtures', 'boundary-probe.ts.txt');
    expect(runtimeImports(probe)).toEqual(['../../electron/core/service', 'electron', 'node:fs']);
  });
});
