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

/** One import of a gene's content into a GeneShelf library: kept with the gene and carried by its gene file. */
export interface ImportRecord {
  /** The file's name, without its folder (a gene file handed on should not tell where it sat). */
  file: string;
  /** The format's name, as the import screen shows it ("Cancer Genetics Web page", "MEDLINE"). */
  format: string;
  /** ISO date-time. */
  at: string;
  /** What imported it: "GeneShelf 0.1.0". */
  by: string;
  /** For a reference export attached to the gene: how many publications it added or updated. */
  publications?: number;
}

/** A gene keeps its first import record and the latest ones, up to this many in all. */
export const MAX_IMPORT_RECORDS = 50;

/**
 * A gene's chain of imports with one more at its end (the import feature makes the record; the
 * store appends it inside the write, to the gene as it is then). Past the cap the oldest after the
 * first go: where the content came from first is the record a reader most needs.
 */
export function withImport(imports: ImportRecord[] | undefined, record: ImportRecord): ImportRecord[] {
  const chain = [...(Array.isArray(imports) ? imports : []), record];
  return chain.length <= MAX_IMPORT_RECORDS ? chain : [chain[0]!, ...chain.slice(chain.length - MAX_IMPORT_RECORDS + 1)];
}

/**
 * A gene imported again: the chain the library kept, then the records the new file brings that it
 * lacks (a colleague's imports, and this one), so re-importing a page never forgets where the gene
 * was read before, nor the reference exports added to it.
 */
export function mergeImports(kept: ImportRecord[] | undefined, incoming: ImportRecord[] | undefined): ImportRecord[] {
  const key = (r: ImportRecord) => `${r.at}\u0000${r.file}`;
  const known = new Set((kept ?? []).map(key));
  let chain = Array.isArray(kept) ? [...kept] : [];
  for (const record of Array.isArray(incoming) ? incoming : []) if (!known.has(key(record))) chain = withImport(chain, record);
  return chain;
}

/** Where a publication from a reference export came from: the file and when it first brought it into the library. */
export interface AddedFrom {
  file: string;
  format: string;
  /** ISO date-time. */
  at: string;
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
  /** The source's own disclaimer, as it words it ("This site is for educational purposes only; ..."). */
  disclaimer?: string;
  /** The source's note on the abstracts' copyright. */
  rightsNote?: string;
  /** Every import of this gene, oldest first: the chain from the source to this library. */
  imports?: ImportRecord[];
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
  /** True where the source page cut the title short (the page reader knows its titles end in a full stop). */
  titleCutOff?: boolean;
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
  /** Set when a reference export brought the publication into the library. */
  addedFrom?: AddedFrom;
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
  /**
   * How many specific cancers the source says it lists ("Specific Cancers (1)"), where it says
   * so: a saved page may not hold the table's rows, and the reader should know what is missing.
   */
  specificCancersListed?: number;
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
