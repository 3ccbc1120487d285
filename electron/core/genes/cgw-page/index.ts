import type { GeneFormat } from '../../formats';
import { looksLikeCgwPage, parseCgwPage } from './parse-page';

export { parseCgwPage, parseAuthors, looksLikeCgwPage, type PageParseResult } from './parse-page';
export { parseCitation, looksLikeCitation, type Citation } from './citation';
export { parsePageDate } from './dates';

/**
 * A Cancer Genetics Web gene page saved as plain text (the page GeneShelf was designed from).
 * Last in detection order, and only text with a page's headings or its "Gene:" line is one.
 */
export const cgwPage: GeneFormat = {
  id: 'cgw-page',
  name: 'Cancer Genetics Web page',
  extensions: ['txt', 'text'],
  from: 'a gene page at cancerindex.org saved as text',
  kind: 'genes',
  detect: ({ text, json }) => json === undefined && looksLikeCgwPage(text),
  read(text) {
    const { gene, warnings } = parseCgwPage(text);
    return { genes: [gene], warnings };
  },
};
