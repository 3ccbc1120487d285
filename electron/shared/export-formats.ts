/**
 * The formats a reading list exports to, with what the save dialog and the export menu show.
 * Shared by main (writers, dialog filters, the IPC validator), the CLI and the renderer's menu.
 * The bibliography is written in a citation style (electron/shared/citation-styles.ts).
 */
export const EXPORT_FORMATS = {
  csv: { label: 'CSV (Excel, LibreOffice)', filterName: 'CSV spreadsheet', extension: 'csv' },
  ris: { label: 'RIS (EndNote, Zotero, Mendeley)', filterName: 'RIS citations', extension: 'ris' },
  bibtex: { label: 'BibTeX (LaTeX, JabRef)', filterName: 'BibTeX', extension: 'bib' },
  csljson: { label: 'CSL-JSON (Zotero, pandoc)', filterName: 'CSL-JSON', extension: 'json' },
  // One-way: formatted citations for people to read or paste into Word, not a file any program reads back.
  bibliography: { label: 'Bibliography (Word, text)', filterName: 'Bibliography (plain text)', extension: 'txt' },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export const isExportFormat = (v: unknown): v is ExportFormat => typeof v === 'string' && Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, v);
