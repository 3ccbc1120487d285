/**
 * What an identifier looks like, wherever one is checked: the IPC contract, the importers and the
 * readers of gene pages. Plain patterns with no imports, so both processes share this one copy.
 */

/** A gene symbol as HGNC writes them: letters and digits, with - . _ @ inside, at most 40 characters. */
export const SYMBOL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.\-_@]{0,39}$/;

/** What a person is told when a symbol does not fit SYMBOL_PATTERN. */
export const SYMBOL_RULE = 'letters and digits, with - . _ @ inside';

/** Publication ids as core makes them: pmid:N, doi:..., or key-<16 hex digits>. */
export const PUBLICATION_ID_PATTERN = /^(?:pmid:\d{1,12}|doi:[^\s\0]{1,300}|key-[0-9a-f]{16})$/;

/** Reading-list ids: the first list's, or one made by createList. */
export const LIST_ID_PATTERN = /^(?:reading-list|list-[0-9a-f]{12})$/;

/** How many of a gene's publications main sends at a time. */
export const PUBLICATION_PAGE_SIZE = 100;
