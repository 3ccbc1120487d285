import { ImportError } from '../errors';
import { ImportCancelledError, type ParsedRecord, type ReadControl } from '../formats';
import type { LibraryStore } from '../library';
import { ImportPreviews, type ImportPreview, type ImportReport } from './previews';
import { formatSummaries, type FormatSummary } from './registry';

/** A file chosen or dropped: its preview (nothing written yet), or nothing when the read was cancelled. */
export type ImportStep = { status: 'cancelled' } | { status: 'preview'; preview: ImportPreview };

export interface ImportOptions {
  /** Told how far the reading of a large file has got (the app's progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The import part of the service: read a file and preview it, choose the gene, review near
 * matches, commit in one write or cancel. One file is read at a time; a new read or Cancel stops
 * the one under way between slices.
 */
export function importCalls(store: LibraryStore, options: ImportOptions = {}) {
  const previews = new ImportPreviews(store);
  let reading: AbortController | null = null;

  const calls = {
    /**
     * Reads a file and says what importing it would do; nothing is written until commitImport.
     * A reference export goes to `gene` (which may be chosen later with chooseImportGene).
     * Throws ImportError (or ImportCancelledError when the signal is aborted).
     */
    previewImport(file: string, control: { gene?: string | null } & ReadControl = {}): Promise<ImportPreview> {
      return previews.open(file, control);
    },

    /** The app's import of a chosen or dropped file: read with progress, stopped by cancelImport. */
    async importPath(path: string, gene: string | null): Promise<ImportStep> {
      reading?.abort();
      const control = new AbortController();
      reading = control;
      try {
        return { status: 'preview', preview: await previews.open(path, { gene, signal: control.signal, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }) };
      } catch (error) {
        if (error instanceof ImportCancelledError) return { status: 'cancelled' };
        throw error;
      } finally {
        if (reading === control) reading = null;
      }
    },

    chooseImportGene(token: string, symbol: string): Promise<ImportPreview> {
      return previews.setTarget(token, symbol);
    },

    /** The preview again, with the near matches the user chose to merge counted as merged. */
    reviewImport(token: string, mergeNear: number[]): Promise<ImportPreview> {
      return previews.describe(token, new Set(mergeNear));
    },

    commitImport(token: string, mergeNear: number[] = []): Promise<ImportReport> {
      return previews.commit(token, { mergeNear });
    },

    /** Stops a read in progress and forgets the preview. */
    cancelImport(token: string | null): void {
      reading?.abort();
      if (token) previews.cancel(token);
    },

    /** The publications a previewed file holds, as read (the CLI's --json). */
    importRecords(token: string): ParsedRecord[] {
      return previews.records(token);
    },

    /** Preview and commit in one step, for the CLI and the bundled sample. The library is unchanged on error. */
    async importFile(file: string, choice: { gene?: string } = {}): Promise<ImportReport> {
      const preview = await calls.previewImport(file, choice);
      if (preview.kind === 'publications' && !preview.target) {
        calls.cancelImport(preview.token);
        throw new ImportError(file, `this ${preview.formatName} file holds publications, not a gene: say which gene they belong to`);
      }
      return calls.commitImport(preview.token);
    },

    /** The formats GeneShelf reads, for the app's help text. */
    importFormats(): FormatSummary[] {
      return formatSummaries();
    },
  };
  return calls;
}
