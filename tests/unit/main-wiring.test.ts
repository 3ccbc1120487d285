import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '../../electron/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/protocol';
import { FIXTURES, ROOT, tempDir } from '../helpers';

// The guards are tested as functions in security.test.ts; this proves main wires them: the built
// main bundle runs in plain Node over a recording stand-in for Electron (no binary here), and
// what it gave the session, the protocol, ipcMain and each web contents is called as Electron
// would call it.
const run = promisify(execFile);
let dir: { path: string; cleanup: () => Promise<void> };
type Report = {
  errors: string[];
  ipc: string[];
  permissionRequestAnswer: unknown;
  permissionCheckAnswer: unknown;
  page: { status: number; csp: string; type: string };
  outsideStatus: number;
  guards: { navigateAway: boolean; redirectAway: boolean; attachWebview: boolean; newWindow: unknown };
  window: { webPreferences: Record<string, unknown>; loaded: string } | null;
};
let report: Report;

beforeAll(async () => {
  const bundle = join(ROOT, 'out', 'main', 'index.cjs');
  if (!existsSync(bundle)) throw new Error('out/main is not built: run "npm run build" first (npm test does)');
  dir = await tempDir('geneshelf-wiring-');
  const { stdout } = await run(process.execPath, [join(FIXTURES, 'fake-electron-main.cjs'), bundle, dir.path], { cwd: ROOT });
  report = JSON.parse(stdout) as Report;
});
afterAll(() => dir?.cleanup());

describe('main wires its guards to Electron', () => {
  it('starts without an error, with its window on the app page', () => {
    expect(report.errors).toEqual([]);
    expect(report.window?.loaded).toBe('app://geneshelf/index.html');
    expect(report.window?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('refuses every permission request and check on the session', () => {
    expect(report.permissionRequestAnswer).toBe(false);
    expect(report.permissionCheckAnswer).toBe(false);
  });

  it('serves the page with the CSP header, and nothing from outside the app', () => {
    expect(report.page).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, type: 'text/html; charset=utf-8' });
    expect(report.outsideStatus).toBe(404);
  });

  it('guards every web contents: no navigation, redirect, webview or new window', () => {
    expect(report.guards).toEqual({ navigateAway: true, redirectAway: true, attachWebview: true, newWindow: { action: 'deny' } });
  });

  it('registers every call of the contract on ipcMain, and only those', () => {
    expect([...report.ipc].sort()).toEqual([...METHODS].sort());
  });
});
