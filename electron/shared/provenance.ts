/**
 * Who a gene page's content is from, as a reader would name it: its attribution ("Cotterill SJ.
 * IKZF1, Cancer Genetics Web"), else its source ("NCBI"), else nothing. One rule for the gene
 * page, the print sheet and the reading list's CSV. Plain data with no imports.
 */
export function sourceName(provenance: { attribution?: string; source?: string }): string {
  return provenance.attribution || provenance.source || '';
}

/** How many of the specific cancers the source page says it lists are missing from this copy. */
export function missingSpecificCancers(gene: { specificCancers: unknown[]; specificCancersListed?: number }): number {
  return Math.max(0, (gene.specificCancersListed ?? 0) - gene.specificCancers.length);
}
