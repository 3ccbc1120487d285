import { basename } from 'node:path';
import type { ImportOutcome, ImportStep, ListsOutcome } from '../contract';
import { ImportCancelledError } from '../core/formats/records';
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
  /** Tells the page how far the reading of a large file has got. */
  reportProgress(done: number, total: number): void;
  libraryFolder: string;
  version: string;
}

/**
 * The main-process handlers behind every contract channel. They return outcomes rather than
 * throw, so the renderer always gets a message it can show; the library is untouched on error.
 */
export function createHandlers(service: LibraryService, platform: Platform): Handlers {
  const refusal = (file: string, error: unknown) => ({
    status: 'refused' as const,
    file,
    message: error instanceof ImportError ? error.message : `${basename(file)}: ${error instanceof Error ? error.message : String(error)}`,
  });

  // The read in progress, if any: one at a time, and Cancel stops it between slices.
  let reading: AbortController | null = null;
  const preview = async (file: string, gene: string | null): Promise<ImportStep> => {
    reading?.abort();
    const control = new AbortController();
    reading = control;
    try {
      const result = await service.previewImport(file, { gene, signal: control.signal, onProgress: (done, total) => platform.reportProgress(done, total) });
      return { status: 'preview', preview: result };
    } catch (error) {
      if (error instanceof ImportCancelledError) return { status: 'cancelled' };
      return refusal(file, error);
    } finally {
      if (reading === control) reading = null;
    }
  };
  const step = async (run: () => Promise<ImportStep> | ImportStep): Promise<ImportStep> => {
    try {
      return await run();
    } catch (error) {
      return refusal('import', error);
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
    'library:get-gene': async (symbol) => service.getGenePage(symbol),
    'library:get-publications': async (symbol, term, offset, limit) => service.getPublications(symbol, term, offset, limit),
    'library:notices': async () => service.getNotices(),
    'library:restore-backup': async () => {
      await service.restoreLibraryBackup();
      return service.getNotices();
    },
    'import:dialog': async (gene) => {
      const file = await platform.chooseImportFile();
      return file ? preview(file, gene) : { status: 'cancelled' };
    },
    'import:dropped-path': async (file, gene) => preview(file, gene),
    'import:choose-gene': (token, symbol) => step(() => ({ status: 'preview', preview: service.chooseImportGene(token, symbol) })),
    'import:review': (token, mergeNear) => step(() => ({ status: 'preview', preview: service.reviewImport(token, mergeNear) })),
    'import:commit': async (token, mergeNear): Promise<ImportOutcome> => {
      try {
        return { status: 'imported', report: await service.commitImport(token, { mergeNear }) };
      } catch (error) {
        return refusal('import', error);
      }
    },
    'import:cancel': async (token) => {
      reading?.abort();
      if (token) service.cancelImport(token);
    },
    'export:genes': async (symbols) => {
      const missing = symbols.find((s) => !service.getGeneView(s));
      if (missing) return { status: 'failed', message: `${missing} is not in the library` };
      // One gene is named for itself; a panel for its genes ("IKZF1-PAX5-CDKN2A").
      const name = symbols.length <= 4 ? symbols.map((s) => s.toUpperCase()).join('-') : `${symbols.length} genes`;
      const file = await platform.chooseExportFile(`${name}.genefile.json`, { name: 'GeneShelf gene file', extensions: ['json'] });
      if (!file) return { status: 'cancelled' };
      try {
        return { status: 'exported', ...(await service.exportGenes(symbols, file)) };
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
