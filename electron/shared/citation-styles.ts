/**
 * The citation styles GeneShelf copies and exports citations in: the list the Copy citation menu,
 * the contract's validator, the CLI's --style and the bibliography export share. Plain data with
 * no imports, so main and the renderer load this one module. A new style is an entry here and its
 * CSL file in resources/csl/ (electron/core/citations/styles.ts names the file).
 */
export const CITATION_STYLES = {
  vancouver: { label: 'Vancouver (NLM)' },
  ama: { label: 'AMA' },
  apa: { label: 'APA 7th' },
} as const;

export type CitationStyle = keyof typeof CITATION_STYLES;

/** Vancouver, as NLM (and so PubMed's readers) cite. */
export const DEFAULT_CITATION_STYLE: CitationStyle = 'vancouver';

export const CITATION_STYLE_IDS = Object.keys(CITATION_STYLES) as CitationStyle[];

export const isCitationStyle = (v: unknown): v is CitationStyle => typeof v === 'string' && Object.prototype.hasOwnProperty.call(CITATION_STYLES, v);

/** What a citation is written as: plain text, or HTML that pastes formatted (italics) into Word. */
export type CitationOutput = 'text' | 'html';

export const isCitationOutput = (v: unknown): v is CitationOutput => v === 'text' || v === 'html';
