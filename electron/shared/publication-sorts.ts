/**
 * The orders the gene page offers for its publications: the page's own, or by a field. One list
 * for the contract's validator, core's sort and the renderer's menu. Plain data with no imports.
 */
export const PUBLICATION_SORTS = ['page', 'newest', 'oldest', 'journal', 'author'] as const;
export type PublicationSort = (typeof PUBLICATION_SORTS)[number];
