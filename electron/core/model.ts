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

/** A MeSH heading as PubMed indexes it: the descriptor, its subheadings, and which are major topics. */
export interface MeshHeading {
  descriptor: string;
  major: boolean;
  qualifiers: Array<{ name: string; major: boolean }>;
}

export interface Publication {
  /** Stable identity across re-imports: pmid:N, else doi:..., else key-<hash of title, year, first author>. */
  id: string;
  pmid?: string;
  doi?: string;
  /** PubMed Central id, "PMC4513071". */
  pmcid?: string;
  /** As PubMed shows them: "Mullighan CG", or a group name. */
  authors: string[];
  /** Full names ("Mullighan, Charles G") where the source gives them, in the same order as authors. */
  authorsFull?: string[];
  /** True where the source cut the author list ("et al."). */
  etAl: boolean;
  title: string;
  /** The journal as cited, usually its abbreviation ("Nat Commun"). */
  journal: string;
  /** The journal's full title where the source gives it ("Nature communications"). */
  journalTitle?: string;
  year?: number;
  volume?: string;
  issue?: string;
  pages?: string;
  freeFullText: boolean;
  /** Plain text; paragraphs and labelled sections separated by "\n". Empty when the source has none. */
  abstract: string;
  /** "Journal Article", "Review", "Randomized Controlled Trial"... */
  publicationTypes?: string[];
  mesh?: MeshHeading[];
  /**
   * The authors' own keywords (MEDLINE OT, RIS KW, PubMed XML KeywordList, BibTeX keywords,
   * CSL keyword, EndNote keywords), in the source's order. For recent PubMed records not yet
   * indexed for MeSH they are the only subject terms.
   */
  keywords?: string[];
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

/**
 * A symbol as HGNC writes human genes: upper case, except the "orf" of open reading frames
 * ("c11orf65" becomes "C11orf65"), so a symbol typed in lower case reads as the page would.
 */
export function normaliseSymbol(symbol: string): string {
  return symbol.trim().toUpperCase().replace(/(\d)ORF(\d)/g, '$1orf$2');
}

/** A gene known only by its symbol: what a user makes when attaching publications to a new gene. */
export function geneWithSymbol(symbol: string, publications: Publication[] = []): Gene {
  return {
    symbol: normaliseSymbol(symbol),
    name: '',
    aliases: [],
    location: '',
    summary: '',
    protein: '',
    databases: [],
    ontology: { count: 0, terms: [] },
    cancerOverview: '',
    specificCancers: [],
    literatureTerms: [],
    provenance: {},
    publications,
  };
}
