import type { GeneFormat } from '../../formats';
import { parseCgwPage } from './parse-page';

export { parseCgwPage, parseAuthors, type PageParseResult } from './parse-page';
export { parseCitation, looksLikeCitation, type Citation } from './citation';
export { parsePageDate } from './dates';

/**
 * A Cancer Genetics Web gene page saved as plain text (the page GeneShelf was designed from).
 * Last in detection order: any text no other format claims is tried as a page, and the page
 * reader says when it is not one.
 */
export const cgwPage: GeneFormat = {
  id: 'cgw-page',
  name: 'Cancer Genetics Web page',
  extensions: ['txt', 'text'],
  from: 'a gene page at cancerindex.org saved as text',
  kind: 'genes',
  detect: () => true,
  read(text) {
    const { gene, warnings } = parseCgwPage(text);
    return { genes: [gene], warnings };
  },
};
