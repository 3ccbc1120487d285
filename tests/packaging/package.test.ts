import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
// The wire's format (sentinel, states) is in the library's constants, which its index does not export.
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import { ROOT, SAMPLE, tempDir } from '../helpers';

// Packages the built app offline with electron-builder --linux dir, over a stub Electron
// distribution (the real binary cannot be downloaded here), and checks what app.asar holds.
const run = promisify(execFile);
let dir: { path: string; cleanup: () => Promise<void> };
let unpacked: string;
let asar: string;
let entries: string[];

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.cjs')) || !existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('out/ is not built: run "npm run build" first (npm test does)');
  }
  dir = await tempDir('geneshelf-pack-');
  const stub = join(dir.path, 'electron-stub');
  await mkdir(stub);
  // A real Electron binary carries a fuse wire after a sentinel; the stub carries one too (every
  // fuse "inherit"), so electron-builder's fuse flipping runs on it as on the real thing.
  await writeFile(join(stub, 'electron'), Buffer.concat([Buffer.from(`#!/bin/sh\necho stub\nexit 0\n# ${SENTINEL}`), Buffer.from([1, 8, ...new Array(8).fill(FuseState.INHERIT)]), Buffer.from('\n')]));
  await chmod(join(stub, 'electron'), 0o755);
  const output = join(dir.path, 'dist');
  await run(process.execPath, [join(ROOT, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'dir', '--publish', 'never', '--config', 'electron-builder.yml', `-c.electronDist=${stub}`, `-c.directories.output=${output}`], {
    cwd: ROOT,
    env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  });
  unpacked = join(output, 'linux-unpacked');
  asar = join(unpacked, 'resources', 'app.asar');
  entries = listPackage(asar, { isPack: false }).map((e) => e.replace(/\\/g, '/'));
});
afterAll(() => dir?.cleanup());

const asarText = (path: string) => extractFile(asar, path.replace(/^\//, '')).toString('utf8');

/** Module names a CommonJS bundle requires. A require( inside a string (ajv keeps such strings for its standalone code generator) is not a call. */
function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/(?<!['"`\w.])require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!))];
}

/**
 * Loads the packaged main bundle in plain Node with a stand-in for 'electron' and records every
 * module it actually requires: the check that the package runs, not only that it was listed.
 */
async function modulesLoadedByMain(bundle: string): Promise<string[]> {
  const probe = join(dir.path, 'probe.cjs');
  await writeFile(
    probe,
    `const Module = require('node:module');
const target = ${JSON.stringify(bundle)};
const seen = new Set();
const fake = new Proxy(function () {}, { get: (_t, p) => (p === 'then' ? () => {} : fake), apply: () => fake });
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  if (parent && parent.filename === target) seen.add(request);
  if (request === 'electron') return fake;
  return load.call(this, request, parent, ...rest);
};
require(target);
setTimeout(() => { process.stdout.write(JSON.stringify([...seen])); process.exit(0); }, 100);
`,
  );
  const { stdout } = await run(process.execPath, [probe], { cwd: dir.path });
  return JSON.parse(stdout) as string[];
}

describe('the packaged app', () => {
  it('has its Electron fuses set: no running as Node, no NODE_OPTIONS or --inspect, app.asar only and checked, cookies encrypted', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'geneshelf'));
    expect(wire).toMatchObject({
      [FuseV1Options.RunAsNode]: FuseState.DISABLE,
      [FuseV1Options.EnableCookieEncryption]: FuseState.ENABLE,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
      [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
      [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.DISABLE,
    });
  });

  it('app.asar holds main, preload and the renderer, and package.json points at main', () => {
    for (const path of ['/package.json', '/out/main/index.cjs', '/out/main/search-worker.cjs', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(entries).toContain(path);
    expect(entries.some((e) => /^\/out\/renderer\/assets\/index-.*\.js$/.test(e))).toBe(true);
    expect(entries.some((e) => /^\/out\/renderer\/assets\/index-.*\.css$/.test(e))).toBe(true);
    const pkg = JSON.parse(asarText('package.json'));
    expect(entries).toContain(`/${posix.normalize(pkg.main)}`);
  });

  it('holds no source maps, sources, tests or node_modules', () => {
    expect(entries.filter((e) => /\.map$|^\/(electron|renderer\/src|tests|node_modules)\//.test(e))).toEqual([]);
  });

  it('ships the IKZF1 sample library as an extra resource', async () => {
    const packed = join(unpacked, 'resources', 'samples', 'IKZF1.genefile.json');
    expect(await readFile(packed, 'utf8')).toBe(await readFile(SAMPLE, 'utf8'));
  });

  it('ships the third-party notices, naming citeproc-js and its licence, beside the app', async () => {
    const notices = await readFile(join(unpacked, 'resources', 'NOTICES.md'), 'utf8');
    expect(notices).toContain('citeproc-js');
    expect(notices).toContain('CPAL-1.0');
    expect(notices).toContain('CC BY-SA 3.0');
  });

  it('every module main and preload load at run time is in the package or built into Electron', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']);
    for (const file of ['out/main/index.cjs', 'out/main/search-worker.cjs', 'out/preload/index.cjs']) {
      const missing = requiredModules(asarText(file)).filter((spec) => {
        if (builtins.has(spec)) return false;
        if (spec.startsWith('.')) return !entries.includes(`/${posix.join(posix.dirname(file), spec)}`);
        return !entries.some((e) => e.startsWith(`/node_modules/${spec}/`));
      });
      expect(missing, file).toEqual([]);
    }
    // The sandboxed preload may require only electron.
    expect(requiredModules(asarText('out/preload/index.cjs'))).toEqual(['electron']);
  });

  it('main, run from the package with a stand-in Electron, loads only built-in modules', async () => {
    const bundle = join(dir.path, 'main-from-asar.cjs');
    await writeFile(bundle, extractFile(asar, 'out/main/index.cjs'));
    const loaded = await modulesLoadedByMain(bundle);
    expect(loaded).toContain('electron');
    expect(loaded).toContain('node:fs/promises');
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']);
    expect(loaded.filter((m) => !builtins.has(m))).toEqual([]);
  });

  it('main and the CLI hold no networking module: GeneShelf cannot make a request of its own', () => {
    // citation-js can fetch URLs; the build swaps its fetchers for stubs that refuse.
    const network = /^(node:)?(http|https|http2|net|tls|dgram|dns|child_process)$/;
    expect(requiredModules(asarText('out/main/index.cjs')).filter((m) => network.test(m))).toEqual([]);
    expect(requiredModules(asarText('out/main/search-worker.cjs')).filter((m) => network.test(m))).toEqual([]);
    expect(asarText('out/main/index.cjs')).toContain('GeneShelf makes no network request');
  });

  it('the renderer in the package loads nothing from outside the app', () => {
    const html = asarText('out/renderer/index.html');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  });
});
