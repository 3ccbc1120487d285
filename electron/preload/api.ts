import { IMPORT_PROGRESS_EVENT, LIBRARY_CHANGED_EVENT, LIBRARY_OPENING_EVENT, MENU_COMMANDS, MENU_EVENT, METHODS, type GeneShelfApi, type ImportProgress, type MenuCommand } from '../contract';

/** What the preload needs from Electron; the e2e bridge supplies the same over Playwright. */
export interface Bridge {
  invoke(method: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (...args: unknown[]) => void): () => void;
  pathForFile(file: File): string;
}

/**
 * One function per contract method, made in a loop from the contract's table, plus the three
 * only the preload can do. No generic send(channel), no Node objects handed over.
 */
/** A { done, total } of whole numbers from main, or nothing. */
function progressOf(value: unknown): ImportProgress | null {
  const p = value as ImportProgress;
  return p && Number.isInteger(p.done) && Number.isInteger(p.total) ? { done: p.done, total: p.total } : null;
}

export function createApi(bridge: Bridge): GeneShelfApi {
  const calls = Object.fromEntries(METHODS.map((method) => [method, (...args: unknown[]) => bridge.invoke(method, ...args)]));
  return {
    ...(calls as Omit<GeneShelfApi, 'importDroppedFile' | 'onImportProgress' | 'onMenuCommand' | 'onLibraryChanged' | 'onLibraryOpening'>),
    importDroppedFile: async (file, gene) => {
      const path = bridge.pathForFile(file);
      if (!path) return { ok: false, message: `${file.name}: GeneShelf can only import files from your disk` };
      return (await bridge.invoke('importPath', path, gene)) as Awaited<ReturnType<GeneShelfApi['importPath']>>;
    },
    onImportProgress: (listener) =>
      bridge.on(IMPORT_PROGRESS_EVENT, (progress) => {
        const p = progressOf(progress);
        if (p) listener(p);
      }),
    onLibraryOpening: (listener) =>
      bridge.on(LIBRARY_OPENING_EVENT, (progress) => {
        const p = progressOf(progress);
        if (p) listener(p);
      }),
    onMenuCommand: (listener) =>
      bridge.on(MENU_EVENT, (command) => {
        if (MENU_COMMANDS.includes(command as MenuCommand)) listener(command as MenuCommand);
      }),
    // The event carries nothing: the renderer asks main again for what it shows.
    onLibraryChanged: (listener) => bridge.on(LIBRARY_CHANGED_EVENT, () => listener()),
  };
}
