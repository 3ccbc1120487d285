import { basename } from 'node:path';
import type { ImportOutcome, ListsOutcome } from '../contract';
import { EXPORT_FORMATS } from '../shared/export-formats';
import { UserStateError } from '../core/reading-lists';
import { ImportError } from '../core/errors';
import type { LibraryService } from '../core/service';
import { openExternalSafely } from '../core/url-guard';
import type { Handlers } from './ipc';

/** What handlers need from the desktop: dialogs, the browser and paths. Tests pass a fake. */
export interface Platform {
  /** Asks for a file to import; null when the user cancels. */
  chooseImportFile(): Promise<string | null>;
  /** Asks where to save; null when the user cancels. */
  chooseExportFile(defaultName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
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

  /**
   * Runs a reading-list change and answers with the new lists state. A refused change (a list
   * deleted meanwhile, a duplicate name) comes back as its message; anything else, such as a
   * failed write, is said in one sentence too. Either way user.json is as it was.
   */
  const change = async <T extends object>(run: () => Promise<T>): Promise<ListsOutcome<T>> => {
    try {
      const extra = await run();
      return { ok: true, state: service.listsState(), ...extra };
    } catch (error) {
      if (error instanceof UserStateError) return { ok: false, message: error.message };
      return { ok: false, message: `Your change was not saved: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  const nothing = async (task: Promise<unknown>) => {
    await task;
    return {};
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
      const file = await platform.chooseExportFile(`${gene.gene.symbol}.genefile.json`, { name: 'GeneShelf gene file', extensions: ['json'] });
      if (!file) return { status: 'cancelled' };
      try {
        return { status: 'exported', ...(await service.exportGenes([symbol], file)) };
      } catch (error) {
        return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
    },
    'shell:open-external': async (url) => openExternalSafely(url, (u) => platform.openExternal(u)),
    'user:set-last-gene': async (symbol) => service.setLastGene(symbol),
    'library:remove-gene': (symbol) => change(() => nothing(service.removeGene(symbol))),
    'lists:state': async () => service.listsState(),
    'lists:get': async (listId) => service.getList(listId),
    'lists:toggle-bookmark': (id) => change(() => service.toggleBookmark(id)),
    'lists:set-membership': (id, listId, member) => change(() => service.setMembership(id, listId, member)),
    'lists:create': (name) => change(async () => ({ list: await service.createList(name) })),
    'lists:rename': (listId, name) => change(() => nothing(service.renameList(listId, name))),
    'lists:delete': (listId) => change(async () => ({ undo: await service.deleteList(listId) })),
    'lists:undo': (token) => change(() => nothing(service.undo(token))),
    'lists:transfer': (id, from, to, mode) => change(() => nothing(service.transferItem(id, from, to, mode))),
    'lists:reorder': (listId, id, toIndex) => change(() => nothing(service.reorderItem(listId, id, toIndex))),
    'lists:set-note': (listId, id, note) => change(() => nothing(service.setNote(listId, id, note))),
    'lists:set-read': (listId, id, read) => change(() => nothing(service.setRead(listId, id, read))),
    'lists:export': async (listId, format) => {
      if (!service.getList(listId)) return { status: 'failed', message: 'That reading list no longer exists.' };
      const kind = EXPORT_FORMATS[format];
      const file = await platform.chooseExportFile(service.exportFileName(listId, format), { name: kind.filterName, extensions: [kind.extension] });
      if (!file) return { status: 'cancelled' };
      try {
        return { status: 'exported', ...(await service.exportList(listId, format, file)) };
      } catch (error) {
        return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
    },
    'settings:get': async () => service.settings,
    'settings:update': (update) => service.updateSettings(update),
  };
}
