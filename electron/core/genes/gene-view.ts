import type { Gene, Publication, YearCount } from '../model';
import { publicationLinks, resolveDatabaseLink, type PublicationLinks } from '../links';
import { pageLink } from '../url-guard';

/**
 * What the gene page shows, derived from a stored gene: links resolved (https only, by ID or by
 * symbol) and the per-year series chosen. The renderer only lays it out.
 */
/**
 * A term in the gene's literature cloud: from the page's own analysis, its publications' MeSH
 * headings, both, or its publications' author keywords (for recent records, not yet indexed for
 * MeSH, the only subject terms there are).
 */
export interface LiteratureTermView {
  term: string;
  weight: number;
  source: 'page' | 'mesh' | 'both' | 'keyword';
}

export interface GeneView {
  gene: Gene;
  literature: LiteratureTermView[];
  databaseLinks: Array<{ name: string; id?: string; url?: string }>;
  /** The provenance page address as a link: a safe https URL, or absent (then it is shown as text). */
  pageLink?: string;
  publicationLinks: Record<string, PublicationLinks>;
  perYear: {
    /** "page": the file's own series; "library": counted from the publications GeneShelf holds. */
    source: 'page' | 'library';
    series: YearCount[];
  };
}

export function countByYear(publications: Publication[]): YearCount[] {
  const counts = new Map<number, number>();
  for (const p of publications) if (p.year !== undefined) counts.set(p.year, (counts.get(p.year) ?? 0) + 1);
  return [...counts].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year);
}

/** A cloud is for reading: past this many MeSH descriptors, the least used are left out. */
export const MAX_MESH_TERMS = 30;
/** And past this many author keywords (only those two or more publications share, when there are that many). */
export const MAX_KEYWORD_TERMS = 15;

/** Terms by how many publications carry them, most first, each publication counted once per term. */
function countTerms(publications: Publication[], termsOf: (p: Publication) => string[]): Array<{ key: string; term: string; count: number }> {
  const counts = new Map<string, { term: string; count: number }>();
  for (const p of publications) {
    for (const term of new Set(termsOf(p))) {
      const key = term.toLowerCase();
      const seen = counts.get(key);
      if (seen) seen.count++;
      else counts.set(key, { term, count: 1 });
    }
  }
  return [...counts].map(([key, v]) => ({ key, ...v })).sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
}

/**
 * The page's literature terms, then the MeSH descriptors its publications are indexed with (most
 * used first, weighted by how many publications carry them, up to MAX_MESH_TERMS), then the
 * authors' keywords not already there (up to MAX_KEYWORD_TERMS), so importing PubMed records
 * grows the cloud. A descriptor the page already lists is one term, marked as both.
 */
export function literatureTerms(gene: Gene): LiteratureTermView[] {
  const terms = new Map<string, LiteratureTermView>();
  for (const t of gene.literatureTerms) terms.set(t.term.toLowerCase(), { term: t.term, weight: t.weight, source: 'page' });
  let added = 0;
  for (const { key, term, count } of countTerms(gene.publications, (p) => (p.mesh ?? []).map((h) => h.descriptor))) {
    const onPage = terms.get(key);
    if (onPage) onPage.source = 'both';
    else if (added < MAX_MESH_TERMS) {
      terms.set(key, { term, weight: count, source: 'mesh' });
      added++;
    }
  }
  const keywords = countTerms(gene.publications, (p) => p.keywords ?? []).filter((k) => !terms.has(k.key));
  // With many keywords, one used by a single paper says little about the gene.
  const shared = keywords.filter((k) => k.count > 1);
  for (const { key, term, count } of (shared.length >= MAX_KEYWORD_TERMS ? shared : keywords).slice(0, MAX_KEYWORD_TERMS)) {
    terms.set(key, { term, weight: count, source: 'keyword' });
  }
  return [...terms.values()];
}

export function buildGeneView(gene: Gene): GeneView {
  const links: GeneView['publicationLinks'] = Object.fromEntries(gene.publications.map((p) => [p.id, publicationLinks(p)]));
  return {
    gene,
    literature: literatureTerms(gene),
    databaseLinks: gene.databases.map((db) => {
      const url = resolveDatabaseLink(db, gene.symbol);
      return { name: db.name, ...(db.id ? { id: db.id } : {}), ...(url ? { url } : {}) };
    }),
    publicationLinks: links,
    ...(pageLink(gene.provenance.pageUrl) ? { pageLink: pageLink(gene.provenance.pageUrl)! } : {}),
    perYear: gene.publicationsPerYear?.length
      ? { source: 'page', series: gene.publicationsPerYear }
      : { source: 'library', series: countByYear(gene.publications) },
  };
}
