/**
 * Importing: detection over the format registry, reading (in slices, with progress and cancel),
 * the preview of what an import would do, matching against the library, and the commit.
 */
export { importCalls, type ImportStep, type ImportOptions } from './calls';
export { readImportFile, parseImportBytes, detectFormat, utf8Reading, MAX_IMPORT_BYTES, type ParsedImport } from './read-file';
export { FORMATS, formatById, formatSummaries, formatTableMarkdown, importDialogExtensions, type FormatSummary } from './registry';
export { matchCandidates, matchesOf, planRecordImport, summary, type LibraryMatches, type ImportCounts, type ImportPlan, type NearMatch, type PlannedRecord, type PublicationSummary, type RecordStatus } from './plan';
export { buildIndex, findMatch, findNearMatch, fillMissing, identityOf, titleSimilarity, titleKey, NEAR_MATCH_SIMILARITY, type Identity, type MatchIndex } from './merge';
export type { ImportPreview, ImportReport } from './previews';
