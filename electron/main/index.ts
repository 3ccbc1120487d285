// The Electron adapter: the only main-process file that imports 'electron'. It wires the app's
// lifecycle, window, protocol, menu and dialogs to the plain-TypeScript core and handlers.
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LibraryService } from '../core/service';
import { StoreError } from '../core/errors';
import { IMPORT_PROGRESS_EVENT, LIBRARY_CHANGED_EVENT, LIBRARY_OPENING_EVENT, MENU_EVENT, type MenuCommand } from '../contract';
import { createHandlers, type Platform } from './handlers';
import { registerIpc } from './ipc';
import { whenOpened } from './opening';
import { buildMenuTemplate } from './menu';
import { APP_ENTRY, APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY, mimeTypeFor, resolveAppFile } from './protocol';
import { hardenWebContents, isTrustedSenderUrl } from './security';
import { getMainWindowOptions } from './window-options';

declare const __GENESHELF_VERSION__: string;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;

function rendererRoot(): string {
  return join(__dirname, '..', 'renderer');
}

function samplePath(): string {
  return app.isPackaged ? join(process.resourcesPath, 'samples', 'IKZF1.genefile.json') : join(app.getAppPath(), 'resources', 'samples', 'IKZF1.genefile.json');
}

function libraryFolder(): string {
  // GENESHELF_DATA_DIR lets the smoke test (and a curious user) run against a folder of their own.
  return process.env.GENESHELF_DATA_DIR || join(app.getPath('userData'), 'library');
}

function send(command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  target?.webContents.send(MENU_EVENT, command);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(getMainWindowOptions(join(__dirname, '..', 'preload', 'index.cjs')));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(APP_ENTRY);
  return win;
}

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererRoot());
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { 'content-type': mimeTypeFor(file), 'content-security-policy': CONTENT_SECURITY_POLICY } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  // The app asks for no permission (camera, notifications, ...): refuse every request.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const platform: Platform = {
    libraryFolder: libraryFolder(),
    version: typeof __GENESHELF_VERSION__ === 'string' ? __GENESHELF_VERSION__ : app.getVersion(),
    chooseImportFile: async (filter) => {
      const options: Electron.OpenDialogOptions = {
        title: 'Import a gene page, gene file or reference export',
        properties: ['openFile'],
        // The format is read from the content; the filter (from the format registry) only helps find the usual files.
        filters: [filter, { name: 'All files', extensions: ['*'] }],
      };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    chooseExportFile: async (defaultName, filter) => {
      const options: Electron.SaveDialogOptions = {
        title: `Export ${defaultName}`,
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [filter],
      };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    openExternal: (url) => shell.openExternal(url),
    // One item with both types, written at once: Word pastes the HTML (formatted), a plain editor the text.
    writeClipboard: (content) => clipboard.write([new ClipboardItem({ 'text/plain': content.text, 'text/html': content.html })]),
    print: () =>
      new Promise((resolve, reject) => {
        if (!mainWindow) return resolve();
        // The system dialog; the page's print styles and @page rules lay it out.
        mainWindow.webContents.print({ printBackground: true }, (success, reason) => (success || reason === 'Print job canceled' || reason === 'cancelled' ? resolve() : reject(new Error(`printing failed: ${reason}`))));
      }),
    printToPdf: async () => {
      if (!mainWindow) throw new Error('no window to print');
      // The CSS page size and margins (@page in the print styles) rule, as they do when printing.
      return mainWindow.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, generateDocumentOutline: true });
    },
  };

  // The window shows at once; its calls are answered when the library has opened.
  const opening = LibraryService.open(libraryFolder(), {
    samplePath: samplePath(),
    indexInBackground: true,
    // Built beside this file (scripts/build-node.mjs); inside app.asar, which Electron's workers read.
    searchWorker: join(__dirname, 'search-worker.cjs'),
    onImportProgress: (done, total) => mainWindow?.webContents.send(IMPORT_PROGRESS_EVENT, { done, total }),
    onSplitProgress: (done, total) => mainWindow?.webContents.send(LIBRARY_OPENING_EVENT, { done, total }),
  });
  registerIpc(ipcMain, whenOpened(opening.then((service) => createHandlers(service, platform))), (url) => isTrustedSenderUrl(url, `${APP_SCHEME}://${APP_HOST}`));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        isMac: process.platform === 'darwin',
        appName: 'GeneShelf',
        send,
        showAbout: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: 'About GeneShelf',
            message: `GeneShelf ${platform.version}`,
            detail: `An offline reader for cancer-gene pages and their literature.\nLibrary folder: ${platform.libraryFolder}\n\nCitations are formatted by citeproc-js (CPAL-1.0, https://github.com/Juris-M/citeproc-js) with styles from the Citation Style Language project (CC BY-SA 3.0, https://citationstyles.org/). The other libraries GeneShelf is built with, and their licences, are listed in NOTICES.md beside the app.`,
          }),
      }),
    ),
  );
  mainWindow = createWindow();
  let service: LibraryService;
  try {
    service = await opening;
  } catch (error) {
    dialog.showErrorBox('GeneShelf cannot open its library', error instanceof StoreError ? error.message : String(error));
    app.exit(1);
    return;
  }
  // Another process (a CLI run, the app elsewhere on a shared folder) changed the library.
  service.watchOtherWriters(() => mainWindow?.webContents.send(LIBRARY_CHANGED_EVENT));
  // The search index is recorded before the app quits, so the next start reads it (a first
  // build left halfway keeps what it indexed). Quitting waits for that once, then goes on.
  let recorded = false;
  app.on('will-quit', (event) => {
    if (recorded) return;
    event.preventDefault();
    recorded = true;
    void service.searchIndex
      .close()
      .catch(() => {})
      .finally(() => app.quit());
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && app.isReady()) mainWindow = createWindow();
  });
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('GeneShelf could not start', String(error));
    app.exit(1);
  });
}
