import type { Gene, Publication, YearCount } from './model';
import { doiUrl, pubmedUrl, resolveDatabaseLink } from './links';

/**
 * What the gene page shows, derived from a stored gene: links resolved (https only, by ID or by
 * symbol) and the per-year series chosen. The renderer only lays it out.
 */
export interface GeneView {
  gene: Gene;
  databaseLinks: Array<{ name: string; id?: string; url?: string }>;
  publicationLinks: Record<string, { pubmed: string; doi?: string }>;
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

export function buildGeneView(gene: Gene): GeneView {
  const publicationLinks: GeneView['publicationLinks'] = {};
  for (const p of gene.publications) {
    publicationLinks[p.id] = { pubmed: pubmedUrl(p), ...(p.doi ? { doi: doiUrl(p.doi) } : {}) };
  }
  return {
    gene,
    databaseLinks: gene.databases.map((db) => {
      const url = resolveDatabaseLink(db, gene.symbol);
      return { name: db.name, ...(db.id ? { id: db.id } : {}), ...(url ? { url } : {}) };
    }),
    publicationLinks,
    perYear: gene.publicationsPerYear?.length
      ? { source: 'page', series: gene.publicationsPerYear }
      : { source: 'library', series: countByYear(gene.publications) },
  };
}
