/**
 * Citations: a publication, several, or a reading list cited in Vancouver (NLM), AMA or APA, by
 * citeproc-js from the CSL project's style files bundled in resources/csl/; plain text and HTML
 * for the clipboard, and the bibliography export.
 */
export { formatCitations, type FormattedBibliography, type FormattedCitation } from './format';
export { toCitationItem, CUT_LIST_MARK, type CitationItem, type CitationName } from './csl';
export { citationCalls, type CitationResult } from './calls';
export { CITATION_STYLES, type CitationStyle } from './styles';
