import type { Gene, Publication, YearCount } from '../model';
import { publicationLinks, resolveDatabaseLink, type PublicationLinks } from '../links';

/**
 * What the gene page shows, derived from a stored gene: links resolved (https only, by ID or by
 * symbol) and the per-year series chosen. The renderer only lays it out.
 */
/** A term in the gene's literature cloud: from the page's own analysis, its publications' MeSH headings, or both. */
export interface LiteratureTermView {
  term: string;
  weight: number;
  source: 'page' | 'mesh' | 'both';
}

export interface GeneView {
  gene: Gene;
  literature: LiteratureTermView[];
  databaseLinks: Array<{ name: string; id?: string; url?: string }>;
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

/**
 * The page's literature terms, then the MeSH descriptors its publications are indexed with (most
 * used first, weighted by how many publications carry them, up to MAX_MESH_TERMS), so importing
 * PubMed records grows the cloud. A descriptor the page already lists is one term, marked as both.
 */
export function literatureTerms(gene: Gene): LiteratureTermView[] {
  const terms = new Map<string, LiteratureTermView>();
  for (const t of gene.literatureTerms) terms.set(t.term.toLowerCase(), { term: t.term, weight: t.weight, source: 'page' });
  const mesh = new Map<string, { term: string; count: number }>();
  for (const p of gene.publications) {
    for (const descriptor of new Set((p.mesh ?? []).map((h) => h.descriptor))) {
      const key = descriptor.toLowerCase();
      const seen = mesh.get(key);
      if (seen) seen.count++;
      else mesh.set(key, { term: descriptor, count: 1 });
    }
  }
  const byUse = [...mesh].sort((a, b) => b[1].count - a[1].count || a[1].term.localeCompare(b[1].term));
  let added = 0;
  for (const [key, { term, count }] of byUse) {
    const onPage = terms.get(key);
    if (onPage) onPage.source = 'both';
    else if (added < MAX_MESH_TERMS) {
      terms.set(key, { term, weight: count, source: 'mesh' });
      added++;
    }
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
    perYear: gene.publicationsPerYear?.length
      ? { source: 'page', series: gene.publicationsPerYear }
      : { source: 'library', series: countByYear(gene.publications) },
  };
}
