import { authorLine, citation } from '../../shared/citation';
import { toCsv, type CsvOptions } from './csv';
import type { Provenance } from '../model';
import { sourceName } from '../../shared/provenance';
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
  'Gene source',
  'Gene revised',
] as const;

/** Several values in one cell, as PubMed joins them. */
const MULTI = '; ';

/** A gene's source as a reader would cite it: who made the page, and where it is. */
function sourceOf(v: Provenance): string {
  const who = sourceName(v);
  return who && v.pageUrl ? `${who} (${v.pageUrl})` : who || v.pageUrl || '';
}

/** One value for one gene; "IKZF1: ...; PAX5: ..." for a paper several genes cite, so each value says whose it is. */
function perGene(sources: ExportRecord['geneSources'], value: (v: Provenance) => string): string {
  const values = sources.map((s) => ({ symbol: s.symbol, text: value(s.provenance) })).filter((s) => s.text);
  return values.length === 1 && sources.length === 1 ? values[0]!.text : values.map((s) => `${s.symbol}: ${s.text}`).join(MULTI);
}

export function readingListCsv(records: ExportRecord[], options: CsvOptions = {}): string {
  const rows = records.map(({ publication: p, genes, note, read, dateAdded, lists, url, geneSources }) => [
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
    perGene(geneSources, sourceOf),
    perGene(geneSources, (v) => v.pageRevised ?? v.sourceAccessed ?? ''),
  ]);
  return toCsv([...CSV_COLUMNS], rows, options);
}
