import type { Gene, Publication } from '../model';
import { currencyOf, isCutOff, type Currency } from './currency';
import type { GeneView, LiteratureTermView } from './gene-view';
import { termMatcher } from '../../shared/term-match';
import { PUBLICATION_PAGE_SIZE } from '../../shared/ids';
import { own } from '../../shared/own';

/**
 * The gene page as the renderer receives it: everything but the publications, plus how many
 * publications each literature term finds, and the publications a page at a time. A gene with
 * 10,000 imported papers then opens by sending a hundred of them, not all, and main does the
 * counting and filtering.
 */

export interface GenePage {
  gene: Omit<Gene, 'publications'>;
  /** How old the content is, and whether older than the reader's threshold; null when the source gives no date. */
  currency: Currency | null;
  publicationCount: number;
  literature: Array<LiteratureTermView & { count: number }>;
  databaseLinks: GeneView['databaseLinks'];
  pageLink?: string;
  perYear: GeneView['perYear'];
  /** The first page, unfiltered. */
  publications: PublicationPage;
}

import type { PublicationSort } from '../../shared/publication-sorts';
export { PUBLICATION_SORTS, type PublicationSort } from '../../shared/publication-sorts';

/** The gene page's sort and filters, beside the literature term. */
export interface PublicationOptions {
  sort?: PublicationSort;
  /** Inclusive; a publication without a year is left out by a year filter. */
  years?: { from: number; to: number };
  freeFullText?: boolean;
  /** The ids a text filter within the gene found (search's index answers it), when one is set. */
  matching?: ReadonlySet<string>;
  /** The page that holds this publication, instead of `offset` (opened from search). */
  around?: string;
}

export interface PublicationPage {
  term: string | null;
  /** How many publications the term finds (all of them without a term). */
  total: number;
  offset: number;
  items: Publication[];
  links: GeneView['publicationLinks'];
  /** Ids of the page's publications whose abstract stops mid-sentence in the source. */
  cutOff: string[];
}

const byText = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });
const SORTS: Record<Exclude<PublicationSort, 'page'>, (a: Publication, b: Publication) => number> = {
  // Undated last in both directions: a reader sorting by date wants the dated ones first.
  newest: (a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity),
  oldest: (a, b) => (a.year ?? Infinity) - (b.year ?? Infinity),
  journal: (a, b) => byText(a.journal, b.journal) || (b.year ?? 0) - (a.year ?? 0),
  author: (a, b) => byText(a.authors[0] ?? '\uffff', b.authors[0] ?? '\uffff') || (b.year ?? 0) - (a.year ?? 0),
};

export function publicationPage(view: GeneView, term: string | null, offset: number, limit = PUBLICATION_PAGE_SIZE, options: PublicationOptions = {}): PublicationPage {
  const about = term ? termMatcher(term) : null;
  const { years, freeFullText, matching: ids } = options;
  const filtered = about || years || freeFullText || ids;
  let matching = filtered
    ? view.gene.publications.filter(
        (p) => (!about || about(p)) && (!years || (p.year !== undefined && p.year >= years.from && p.year <= years.to)) && (!freeFullText || p.freeFullText) && (!ids || ids.has(p.id)),
      )
    : view.gene.publications;
  // Array.prototype.sort is stable: equal keys keep the page's own order.
  if (options.sort && options.sort !== 'page') matching = [...matching].sort(SORTS[options.sort]);
  let start = offset;
  if (options.around) {
    const at = matching.findIndex((p) => p.id === options.around);
    start = at < 0 ? 0 : Math.floor(at / limit) * limit;
  }
  const items = matching.slice(start, start + limit);
  return {
    term,
    total: matching.length,
    offset: start,
    items,
    links: Object.fromEntries(items.map((p) => [p.id, own(view.publicationLinks, p.id)!])),
    cutOff: items.filter((p) => isCutOff(p.abstract)).map((p) => p.id),
  };
}

export function genePage(view: GeneView, now = new Date(), staleYears?: number): GenePage {
  const { publications, ...gene } = view.gene;
  return {
    gene,
    currency: currencyOf(gene.provenance, now, staleYears),
    publicationCount: publications.length,
    literature: view.literature.map((t) => {
      const about = termMatcher(t.term);
      let count = 0;
      for (const p of publications) if (about(p)) count++;
      return { ...t, count };
    }),
    databaseLinks: view.databaseLinks,
    ...(view.pageLink ? { pageLink: view.pageLink } : {}),
    perYear: view.perYear,
    publications: publicationPage(view, null, 0),
  };
}
