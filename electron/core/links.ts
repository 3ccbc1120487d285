import { safeExternalUrl } from './url-guard';
import type { DatabaseRef } from './model';

/**
 * Links out to the gene databases a page lists. Pages name them loosely ("GeneCard", "Gene"),
 * so names are mapped to one canonical spelling; with no ID the link searches by symbol.
 */
const CANONICAL_NAMES: Record<string, string> = {
  gene: 'NCBI Gene',
  'ncbi gene': 'NCBI Gene',
  entrez: 'NCBI Gene',
  'entrez gene': 'NCBI Gene',
  hgnc: 'HGNC',
  omim: 'OMIM',
  ensembl: 'Ensembl',
  genecard: 'GeneCards',
  genecards: 'GeneCards',
};

export function canonicalDatabaseName(name: string): string {
  return CANONICAL_NAMES[name.trim().toLowerCase()] ?? name.trim();
}

const enc = encodeURIComponent;

export function databaseUrl(name: string, symbol: string, id?: string): string | undefined {
  switch (canonicalDatabaseName(name)) {
    case 'NCBI Gene':
      return id ? `https://www.ncbi.nlm.nih.gov/gene/${enc(id)}` : `https://www.ncbi.nlm.nih.gov/gene/?term=${enc(`${symbol}[sym] AND human[orgn]`)}`;
    case 'HGNC':
      return id
        ? `https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/${enc(id.startsWith('HGNC:') ? id : `HGNC:${id}`)}`
        : `https://www.genenames.org/data/gene-symbol-report/#!/symbol/${enc(symbol)}`;
    case 'OMIM':
      return id ? `https://omim.org/entry/${enc(id)}` : `https://omim.org/search?search=${enc(symbol)}`;
    case 'Ensembl':
      return `https://www.ensembl.org/Homo_sapiens/Gene/Summary?g=${enc(id ?? symbol)}`;
    case 'GeneCards':
      return `https://www.genecards.org/cgi-bin/carddisp.pl?gene=${enc(symbol)}`;
    default:
      return undefined;
  }
}

/** The URL a database entry opens: the file's own https URL wins, else one built from name and ID. */
export function resolveDatabaseLink(db: DatabaseRef, symbol: string): string | undefined {
  const own = safeExternalUrl(db.url);
  if (own) return own;
  return databaseUrl(db.name, symbol, db.id);
}

export function pubmedUrl(p: { pmid?: string; title: string }): string {
  return p.pmid
    ? `https://pubmed.ncbi.nlm.nih.gov/${enc(p.pmid)}/`
    : `https://pubmed.ncbi.nlm.nih.gov/?term=${enc(`${p.title}[Title]`)}`;
}

export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split('/').map(enc).join('/')}`;
}

/** PubMed Central's free full text of an article, by its PMCID. */
export function pmcUrl(pmcid: string): string {
  return `https://pmc.ncbi.nlm.nih.gov/articles/${enc(pmcid)}/`;
}

/** Where a publication can be read: PubMed (by PMID, else a title search), its DOI, its free PMC copy. */
export interface PublicationLinks {
  pubmed: string;
  doi?: string;
  pmc?: string;
}

export function publicationLinks(p: { pmid?: string; doi?: string; pmcid?: string; title: string }): PublicationLinks {
  return { pubmed: pubmedUrl(p), ...(p.doi ? { doi: doiUrl(p.doi) } : {}), ...(p.pmcid ? { pmc: pmcUrl(p.pmcid) } : {}) };
}

/** The one URL an export gives a publication: PubMed by PMID, else the DOI, else a PubMed title search. */
export function readingUrl(p: { pmid?: string; doi?: string; title: string }): string {
  return p.pmid ? pubmedUrl(p) : p.doi ? doiUrl(p.doi) : pubmedUrl(p);
}
