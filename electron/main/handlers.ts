import { basename } from 'node:path';
import type { ImportOutcome } from '../contract';
import { ImportError } from '../core/errors';
import type { LibraryService } from '../core/service';
import { openExternalSafely } from '../core/url-guard';
import type { Handlers } from './ipc';

/** What handlers need from the desktop: dialogs, the browser and paths. Tests pass a fake. */
export interface Platform {
  /** Asks for a file to import; null when the user cancels. */
  chooseImportFile(): Promise<string | null>;
  /** Asks where to save; null when the user cancels. */
  chooseExportFile(defaultName: string): Promise<string | null>;
  openExternal(url: string): Promise<void>;
  libraryFolder: string;
  version: string;
}

/**
 * The main-process handlers behind every contract channel. They return outcomes rather than
 * throw, so the renderer always gets a message it can show; the library is untouched on error.
 */
export function createHandlers(service: LibraryService, platform: Platform): Handlers {
  const importPath = async (file: string): Promise<ImportOutcome> => {
    try {
      return { status: 'imported', report: await service.importFile(file) };
    } catch (error) {
      const message = error instanceof ImportError ? error.message : `${basename(file)}: ${error instanceof Error ? error.message : String(error)}`;
      return { status: 'refused', file, message };
    }
  };

  return {
    'app:start-state': async () => ({ lastGene: service.lastGene, libraryFolder: platform.libraryFolder, version: platform.version }),
    'library:list-genes': async () => service.listGenes(),
    'library:get-gene': async (symbol) => service.getGeneView(symbol),
    'library:notices': async () => service.getNotices(),
    'library:restore-backup': async () => {
      await service.restoreLibraryBackup();
      return service.getNotices();
    },
    'import:dialog': async () => {
      const file = await platform.chooseImportFile();
      return file ? importPath(file) : { status: 'cancelled' };
    },
    'import:dropped-path': async (file) => importPath(file),
    'export:gene': async (symbol) => {
      const gene = service.getGeneView(symbol);
      if (!gene) return { status: 'failed', message: `${symbol} is not in the library` };
      const file = await platform.chooseExportFile(`${gene.gene.symbol}.genefile.json`);
      if (!file) return { status: 'cancelled' };
      try {
        return { status: 'exported', ...(await service.exportGenes([symbol], file)) };
      } catch (error) {
        return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
    },
    'shell:open-external': async (url) => openExternalSafely(url, (u) => platform.openExternal(u)),
    'user:set-last-gene': async (symbol) => service.setLastGene(symbol),
  };
}
