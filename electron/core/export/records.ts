import type { Publication } from '../model';

/**
 * One row of an exported reading list: the publication as the library (or, for a removed gene,
 * the list's snapshot) holds it, plus what the user added. Every export format writes from this.
 */
export interface ExportRecord {
  publication: Publication;
  genes: string[];
  inLibrary: boolean;
  note: string;
  read: boolean;
  /** ISO date-time. */
  dateAdded: string;
  /** Names of the lists the row came from. */
  lists: string[];
  /** Where to read it: PubMed by PMID, else the DOI, else a PubMed title search. */
  url: string;
}
