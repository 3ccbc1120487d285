/**
 * Reading lists: the rules (plain functions over user data), the list views, and the list
 * exports (CSV here; RIS, BibTeX and CSL-JSON through their formats' writers, the bibliography
 * through citations).
 */
export { listCalls, type ExportListResult, type ExportOptions, type ListsChange, type Undoable } from './calls';
export { buildListView, exportRecords, listsState, ALL_BOOKMARKS, type ListsState, type ListSummary, type PublicationLookup, type ReadingListEntry, type ReadingListView } from './view';
export { renderExport, EXPORT_FORMATS, isExportFormat, type ExportFormat, type RenderOptions } from './exports';
export { readingListCsv, CSV_COLUMNS } from './list-csv';
export { toCsv, type CsvOptions } from './csv';
export { MAX_LIST_NAME, MAX_NOTE } from './rules';
export type { ExportRecord, ListedPublication } from './records';
