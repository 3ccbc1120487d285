/**
 * How a publication's citation and author line read, wherever GeneShelf prints them: on the gene
 * page, in the reading list and in exported CSV. Pure text with no imports, so main and the
 * renderer share this one module (tests/unit/boundaries.test.ts keeps it free of imports).
 */
export interface CitationParts {
  authors: string[];
  etAl: boolean;
  journal: string;
  year?: number;
  volume?: string;
  issue?: string;
  pages?: string;
}

/** "Nat Commun. 2019; 10(1):1911", as PubMed and the source page print a citation. */
export function citation(p: CitationParts): string {
  let text = p.journal ? `${p.journal}. ` : '';
  if (p.year !== undefined) text += String(p.year);
  let where = p.volume ?? '';
  if (p.issue) where += `(${p.issue})`;
  if (p.pages) where += `${where ? ':' : ''}${p.pages}`;
  if (where) text += `${p.year !== undefined ? '; ' : ''}${where}`;
  return text.trim();
}

/** "Barwick BG, Neri P, Bahlis NJ, et al." */
export function authorLine(p: CitationParts): string {
  if (p.authors.length === 0) return 'No authors listed';
  return p.authors.join(', ') + (p.etAl ? ', et al.' : '');
}
