import type { Provenance, Publication } from '../model';
import type { CitationRecord } from '../formats';

/**
 * A publication in a reading list: as the library (or, for a removed gene, the list's snapshot)
 * holds it, plus what the user added. The list screen and every export format start from this.
 */
export interface ListedPublication {
  publication: Publication;
  genes: string[];
  /** False when no gene in the library cites it any more: it comes from the list's snapshot. */
  inLibrary: boolean;
  note: string;
  read: boolean;
  /** ISO date-time. */
  dateAdded: string;
}

/** One row of an exported reading list: what every citation writer takes, and the list's own columns. */
export interface ExportRecord extends ListedPublication, CitationRecord {
  /** Names of the lists the row came from. */
  lists: string[];
  /** Where each of the row's genes in the library has its content from (none for a paper only a snapshot holds). */
  geneSources: Array<{ symbol: string; provenance: Provenance }>;
}
