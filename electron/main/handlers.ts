import { METHODS, type Implementations, type Method } from '../contract';
import { importDialogExtensions } from '../core/import';
import { EXPORT_FORMATS } from '../core/lists';
import { UserStateError } from '../core/errors';
import { safeFileName, saveFile } from '../core/library';
import type { LibraryService } from '../core/service';
import { openExternalSafely } from '../core/url-guard';

/** What the desktop calls need: dialogs, the browser and paths. Tests pass a fake. */
export interface Platform {
  /** Asks for a file to import; null when the user cancels. */
  chooseImportFile(filter: { name: string; extensions: string[] }): Promise<string | null>;
  /** Asks where to save; null when the user cancels. */
  chooseExportFile(defaultName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
  openExternal(url: string): Promise<void>;
  /** Puts text on the system clipboard, as plain text and as HTML (Word pastes the HTML, formatted). */
  writeClipboard(content: { text: string; html: string }): Promise<void>;
  /** The window's page through the system print dialog (its print styles apply). */
  print(): Promise<void>;
  /** The window's page as a PDF, with its print styles and CSS page size (Electron's printToPDF). */
  printToPdf(): Promise<Uint8Array>;
  libraryFolder: string;
  version: string;
}

/** The calls that need the desktop: a dialog, the system browser, the app's folder and version. */
type DesktopMethod = 'startState' | 'importWithDialog' | 'exportGenes' | 'exportList' | 'openExternal' | 'printPage' | 'savePdf' | 'copyCitation' | 'copyBibliography';

/**
 * What answers each contract method: the service's method of the same name, except the few that
 * need the desktop, written out here. The service is checked against the contract by type, so a
 * new call that is not a desktop call is answered by adding its service method and nothing else.
 */
export function createHandlers(service: LibraryService, platform: Platform): Implementations {
  const desktop: Pick<Implementations, DesktopMethod> = {
    startState: () => ({ lastGene: service.lastGene(), libraryFolder: platform.libraryFolder, version: platform.version, formats: service.importFormats() }),
    importWithDialog: async (gene) => {
      const file = await platform.chooseImportFile({ name: 'Gene pages, gene files and reference exports', extensions: importDialogExtensions() });
      return file ? service.importPath(file, gene) : { status: 'cancelled' };
    },
    exportGenes: async (symbols) => {
      const missing = symbols.find((s) => !service.store.geneSymbol(s));
      if (missing) throw new UserStateError(`${missing} is not in the library`);
      // One gene is named for itself; a panel for its genes ("IKZF1-PAX5-CDKN2A").
      const name = symbols.length <= 4 ? symbols.map((s) => s.toUpperCase()).join('-') : `${symbols.length} genes`;
      const file = await platform.chooseExportFile(`${name}.genefile.json`, { name: 'GeneShelf gene file', extensions: ['json'] });
      if (!file) return { status: 'cancelled' };
      return { status: 'exported', ...(await service.exportGenesTo(symbols, file)) };
    },
    exportList: async (listId, format) => {
      if (!await service.getList(listId)) throw new UserStateError('That reading list no longer exists.');
      const kind = EXPORT_FORMATS[format];
      const file = await platform.chooseExportFile(service.exportFileName(listId, format), { name: kind.filterName, extensions: [kind.extension] });
      if (!file) return { status: 'cancelled' };
      return { status: 'exported', ...(await service.exportListTo(listId, format, file)) };
    },
    openExternal: (url) => openExternalSafely(url, (u) => platform.openExternal(u)),
    copyCitation: async (ids, style) => {
      const cited = await service.cite(ids, style);
      await platform.writeClipboard({ text: cited.text, html: cited.html });
      return { text: cited.text, items: cited.items, style };
    },
    copyBibliography: async (listId, style) => {
      const cited = await service.citeList(listId, style);
      if (!cited.items) throw new UserStateError('The list is empty: there is nothing to copy.');
      await platform.writeClipboard({ text: cited.text, html: cited.html });
      return { text: cited.text, items: cited.items, style };
    },
    printPage: () => platform.print(),
    savePdf: async (name) => {
      const file = await platform.chooseExportFile(`${safeFileName(name, 'GeneShelf')}.pdf`, { name: 'PDF document', extensions: ['pdf'] });
      if (!file) return { status: 'cancelled' };
      // Made before the file is written, so a failed print leaves no empty file behind.
      const pdf = await platform.printToPdf();
      await saveFile(file, pdf);
      return { status: 'saved', file };
    },
  };
  const fromService: Omit<Implementations, DesktopMethod> = service;
  const pick = (method: Method) => (method in desktop ? desktop[method as DesktopMethod] : fromService[method as Exclude<Method, DesktopMethod>]);
  return Object.fromEntries(METHODS.map((method) => [method, pick(method)])) as Implementations;
}
