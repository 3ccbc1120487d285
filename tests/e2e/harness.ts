import { test as base, expect, type Page } from '@playwright/test';

export { expect };
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { LibraryService } from '../../electron/core/service';
import { createHandlers, type Platform } from '../../electron/main/handlers';
import { registerIpc, type IpcEventLike } from '../../electron/main/ipc';
import { whenOpened } from '../../electron/main/opening';
import { CONTENT_SECURITY_POLICY, mimeTypeFor } from '../../electron/main/protocol';
import { isTrustedSenderUrl } from '../../electron/main/security';
import { IMPORT_PROGRESS_EVENT, LIBRARY_CHANGED_EVENT, LIBRARY_OPENING_EVENT, MENU_EVENT } from '../../electron/contract';
import { ROOT, SAMPLE, tempDir } from '../helpers';

/**
 * The e2e harness: the built renderer served over http://127.0.0.1 (Chromium will not run module
 * scripts from file://), with window.geneshelf made by the real preload code (createApi) and
 * bridged through page.exposeBinding to the REAL main-process handlers and IPC checks, running in
 * this process over real lowdb files in a temp folder. Only the OS dialogs and the system browser
 * are stand-ins, answered by the test.
 */

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

async function serveRenderer(): Promise<{ server: Server; origin: string }> {
  const root = join(ROOT, 'out', 'renderer');
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(root, path === '/' ? 'index.html' : decodeURIComponent(path));
    if (!file.startsWith(root)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': mimeTypeFor(file), 'content-security-policy': CONTENT_SECURITY_POLICY }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let preloadScript: Promise<string> | undefined;
/** The real preload API (electron/preload/api.ts), bundled for the page with a binding-backed bridge. */
function bridgeScript(): Promise<string> {
  preloadScript ??= build({
    stdin: {
      contents: `
        import { createApi } from './electron/preload/api';
        const listeners = new Map();
        window.__geneshelfDropPaths = {};
        window.__geneshelfEmit = (channel, ...args) => (listeners.get(channel) ?? []).forEach((l) => l(...args));
        window.geneshelf = Object.freeze(createApi({
          invoke: (channel, ...args) => window.__geneshelfInvoke(channel, args),
          on: (channel, listener) => {
            listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
            return () => listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
          },
          pathForFile: (file) => window.__geneshelfDropPaths[file.name] ?? '',
        }));`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
  }).then((r) => r.outputFiles[0]!.text);
  return preloadScript;
}

export class FakeDesktop implements Platform {
  importAnswers: Array<string | null> = [];
  exportAnswers: Array<string | null> = [];
  opened: string[] = [];
  exportDefaults: string[] = [];
  constructor(
    readonly libraryFolder: string,
    readonly version = 'test',
  ) {}
  async chooseImportFile() {
    return this.importAnswers.shift() ?? null;
  }
  async chooseExportFile(defaultName: string, _filter: { name: string; extensions: string[] }) {
    this.exportDefaults.push(defaultName);
    return this.exportAnswers.shift() ?? null;
  }
  async openExternal(url: string) {
    this.opened.push(url);
  }
  /** The page under test, set by the fixture: what main's webContents is to its platform. */
  page: Page | null = null;
  printed = 0;
  /** What main last put on the system clipboard. */
  clipboard: { text: string; html: string } | null = null;
  async writeClipboard(content: { text: string; html: string }) {
    this.clipboard = content;
  }
  async print() {
    this.printed++;
  }
  /** Chromium's own PDF of the page, as Electron's printToPDF makes it (the same engine and options). */
  async printToPdf() {
    return this.page!.pdf({ printBackground: true, preferCSSPageSize: true, outline: true });
  }
  progress: Array<[number, number]> = [];
  /** The split of a library from before the shards, as main forwards it while the library opens. */
  opening: Array<[number, number]> = [];
  reportOpening(done: number, total: number) {
    this.opening.push([done, total]);
    this.sendToPage(LIBRARY_OPENING_EVENT, { done, total });
  }
  /** Set by the fixture: forwards progress to the page, as main's webContents.send does. */
  sendToPage: (channel: string, payload: unknown) => void = () => {};
  /** What main/index.ts gives the service as its progress sink, forwarded to the page the same way. */
  reportProgress(done: number, total: number) {
    this.progress.push([done, total]);
    this.sendToPage(IMPORT_PROGRESS_EVENT, { done, total });
  }
}

export interface AppUnderTest {
  page: Page;
  dir: string;
  /** A folder of this test's own for the files it imports and exports, removed after it. */
  scratch: string;
  desktop: FakeDesktop;
  readonly service: LibraryService;
  /** Opens the library, for a test that holds the opening back (holdOpening) to see the window before it. */
  open(): Promise<LibraryService>;
  origin: string;
  cspViolations: string[];
  refusedCalls: string[];
  screenshot(name: string): Promise<void>;
  emitMenu(command: string): Promise<void>;
}

export const test = base.extend<{ app: AppUnderTest; libraryDir: string; holdOpening: boolean }, { server: { origin: string } }>({
  server: [
    async ({}, use) => {
      const { server, origin } = await serveRenderer();
      await use({ origin });
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
  // A test may prepare the folder before the app opens it (a corrupt file, say).
  libraryDir: async ({}, use) => {
    const dir = await tempDir('geneshelf-e2e-');
    await use(dir.path);
    await dir.cleanup();
  },
  holdOpening: [false, { option: true }],
  app: async ({ page, server, libraryDir, holdOpening }, use) => {
    const scratch = await tempDir('geneshelf-e2e-files-');
    const desktop = new FakeDesktop(libraryDir);
    desktop.page = page;
    // As main does: the page loads at once and its calls wait for the library to open.
    let openLibrary: () => void = () => {};
    const go = new Promise<void>((resolve) => (openLibrary = resolve));
    const opening = go.then(() =>
      LibraryService.open(libraryDir, {
        samplePath: SAMPLE,
        indexInBackground: true,
        // The worker as main runs it: built by `npm run build`, which runs before the e2e tests.
        searchWorker: join(ROOT, 'out', 'main', 'search-worker.cjs'),
        onImportProgress: (done, total) => desktop.reportProgress(done, total),
        onSplitProgress: (done, total) => desktop.reportOpening(done, total),
      }),
    );
    const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
    registerIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, whenOpened(opening.then((s) => createHandlers(s, desktop))), (url) => isTrustedSenderUrl(url, server.origin));

    const refusedCalls: string[] = [];
    await page.exposeBinding('__geneshelfInvoke', async (source, channel: string, args: unknown[]) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      try {
        return await handler({ senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } }, ...args);
      } catch (error) {
        refusedCalls.push(String(error));
        throw error;
      }
    });
    await page.addInitScript({ content: await bridgeScript() });
    const cspViolations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
    desktop.sendToPage = (channel, payload) => {
      void page.evaluate(([c, p]) => (window as unknown as { __geneshelfEmit: (ch: string, a: unknown) => void }).__geneshelfEmit(c as string, p), [channel, payload] as const).catch(() => {});
    };
    await page.goto(`${server.origin}/index.html`);
    let service: LibraryService | null = null;
    let stopWatching = () => {};
    const open = async () => {
      openLibrary();
      service = await opening;
      // As main does: another process's change reaches the page as an event.
      stopWatching = service.watchOtherWriters(() => desktop.sendToPage(LIBRARY_CHANGED_EVENT, null));
      return service;
    };
    if (!holdOpening) await open();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await use({
      page,
      dir: libraryDir,
      scratch: scratch.path,
      desktop,
      get service(): LibraryService {
        if (!service) throw new Error('the library is not open yet: call app.open() (holdOpening is set)');
        return service;
      },
      open,
      origin: server.origin,
      cspViolations,
      refusedCalls,
      screenshot: async (name) => {
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
      },
      emitMenu: async (command) => {
        await page.evaluate((c) => (window as unknown as { __geneshelfEmit: (ch: string, a: string) => void }).__geneshelfEmit(c[0], c[1]), [MENU_EVENT, command] as const);
      },
    });
    stopWatching();
    // The search index is being built in the background: stopped before the folder goes.
    if (service) await (service as LibraryService).searchIndex.close();
    await scratch.cleanup();
  },
});

/** How many pixels a canvas has painted: a chart that failed to draw leaves it transparent. */
export async function paintedPixels(canvas: import('@playwright/test').Locator): Promise<number> {
  await canvas.scrollIntoViewIfNeeded();
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

/** Confirms the import preview that a chosen or dropped file opens. */
export async function confirmImport(page: Page): Promise<void> {
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
}

/** Drops a file on the window, as a user drags one from the file manager. */
export async function dropFile(page: Page, path: string, name: string): Promise<void> {
  await page.evaluate(([n, p]) => ((window as unknown as { __geneshelfDropPaths: Record<string, string> }).__geneshelfDropPaths[n] = p), [name, path] as const);
  const dataTransfer = await page.evaluateHandle((n) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['main reads the file itself'], n));
    return dt;
  }, name);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}
