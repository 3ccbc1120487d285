import { authorLine, citation } from '../../shared/citation';
import { toCsv, type CsvOptions } from './csv';
import type { ExportRecord } from './records';

/**
 * The reading list as CSV. The first eight columns are PubMed's own CSV export's, in its order
 * and spelling, so anything that reads PubMed's file reads ours; GeneShelf's columns follow.
 */
export const CSV_COLUMNS = [
  'PMID',
  'Title',
  'Authors',
  'Citation',
  'First Author',
  'Journal',
  'Publication Year',
  'DOI',
  'Genes',
  'Keywords',
  'Volume',
  'Issue',
  'Pages',
  'Free full text',
  'Abstract',
  'Note',
  'Read',
  'Date added',
  'List',
  'URL',
] as const;

/** Several values in one cell, as PubMed joins them. */
const MULTI = '; ';

export function readingListCsv(records: ExportRecord[], options: CsvOptions = {}): string {
  const rows = records.map(({ publication: p, genes, note, read, dateAdded, lists, url }) => [
    p.pmid ?? '',
    p.title,
    // PubMed's Authors cell: "Smith J, Doe A"; "et al." only where the source itself cut the list.
    p.authors.length ? authorLine(p) : '',
    citation(p),
    p.authors[0] ?? '',
    p.journal,
    p.year === undefined ? '' : String(p.year),
    p.doi ?? '',
    genes.join(MULTI),
    (p.keywords ?? []).join(MULTI),
    p.volume ?? '',
    p.issue ?? '',
    p.pages ?? '',
    p.freeFullText ? 'Yes' : 'No',
    p.abstract,
    note,
    read ? 'Yes' : 'No',
    dateAdded.slice(0, 10),
    lists.join(MULTI),
    url,
  ]);
  return toCsv([...CSV_COLUMNS], rows, options);
}
