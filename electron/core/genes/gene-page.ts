import type { Gene, Publication } from '../model';
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
  publicationCount: number;
  literature: Array<LiteratureTermView & { count: number }>;
  databaseLinks: GeneView['databaseLinks'];
  pageLink?: string;
  perYear: GeneView['perYear'];
  /** The first page, unfiltered. */
  publications: PublicationPage;
}

export interface PublicationPage {
  term: string | null;
  /** How many publications the term finds (all of them without a term). */
  total: number;
  offset: number;
  items: Publication[];
  links: GeneView['publicationLinks'];
}

export function publicationPage(view: GeneView, term: string | null, offset: number, limit = PUBLICATION_PAGE_SIZE): PublicationPage {
  const about = term ? termMatcher(term) : null;
  const matching = about ? view.gene.publications.filter(about) : view.gene.publications;
  const items = matching.slice(offset, offset + limit);
  return { term, total: matching.length, offset, items, links: Object.fromEntries(items.map((p) => [p.id, own(view.publicationLinks, p.id)!])) };
}

export function genePage(view: GeneView): GenePage {
  const { publications, ...gene } = view.gene;
  return {
    gene,
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
