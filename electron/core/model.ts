// The GeneShelf data model: what a gene page holds once parsed, whatever file it came from.
// These shapes are the gene file's contract (resources/genefile.schema.json describes the same
// fields for files on disk) and the library's storage shapes build on them.

export interface DatabaseRef {
  /** Canonical name: "NCBI Gene", "HGNC", "OMIM", "Ensembl", "GeneCards", or whatever the page names. */
  name: string;
  id?: string;
  url?: string;
}

export interface Ontology {
  count: number;
  terms: string[];
}

export interface SpecificCancer {
  cancer: string;
  topic?: string;
  papers: number;
}

export interface LiteratureTerm {
  term: string;
  weight: number;
}

export interface YearCount {
  year: number;
  count: number;
}

export interface Provenance {
  source?: string;
  /** ISO date (YYYY-MM-DD). */
  sourceAccessed?: string;
  pageUrl?: string;
  /** ISO date (YYYY-MM-DD). */
  pageRevised?: string;
  license?: string;
  attribution?: string;
}

export interface Publication {
  /** Stable identity across re-imports: pmid:N, else doi:..., else key-<hash of title, year, first author>. */
  id: string;
  pmid?: string;
  doi?: string;
  authors: string[];
  /** True where the source cut the author list ("et al."). */
  etAl: boolean;
  title: string;
  journal: string;
  year?: number;
  volume?: string;
  issue?: string;
  pages?: string;
  freeFullText: boolean;
  /** Plain text; paragraphs and labelled sections separated by "\n". Empty when the source has none. */
  abstract: string;
}

export interface Gene {
  symbol: string;
  name: string;
  aliases: string[];
  location: string;
  summary: string;
  protein: string;
  databases: DatabaseRef[];
  ontology: Ontology;
  cancerOverview: string;
  specificCancers: SpecificCancer[];
  literatureTerms: LiteratureTerm[];
  /** Present only when the source carries a per-year series. */
  publicationsPerYear?: YearCount[];
  provenance: Provenance;
  publications: Publication[];
}

export const GENE_FILE_FORMAT = 'geneshelf.genefile';
export const GENE_FILE_VERSION = 1;

export interface GeneFile {
  format: typeof GENE_FILE_FORMAT;
  version: typeof GENE_FILE_VERSION;
  genes: Gene[];
}

/** A problem found while reading a file that did not stop the import. */
export interface ImportWarning {
  message: string;
  line?: number;
  path?: string;
}
