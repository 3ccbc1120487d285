/**
 * Genes: the gene page and its view (links, literature terms, the per-year series), and the two
 * readers of whole genes: the Cancer Genetics Web page text and GeneShelf's gene file.
 */
export { geneCalls, type PublicationFilters } from './calls';
export { buildGeneView, countByYear, literatureTerms, MAX_MESH_TERMS, type GeneView, type LiteratureTermView } from './gene-view';
export { genePage, publicationPage, PUBLICATION_SORTS, type GenePage, type PublicationPage, type PublicationOptions, type PublicationSort } from './gene-page';
export { cgwPage, parseCgwPage, parseAuthors, parseCitation, looksLikeCitation, parsePageDate, type Citation, type PageParseResult } from './cgw-page';
export { geneFile, readGeneFile, looksLikeJson, serialiseGeneFile, toGeneFile } from './genefile';
export { currencyOf, isCutOff, ageText, DEFAULT_STALE_YEARS, STALE_YEAR_CHOICES, type Currency } from './currency';
