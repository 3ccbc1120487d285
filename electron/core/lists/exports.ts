import { formatCitations } from '../citations';
import { writeBibtex } from '../formats/bibtex';
import { writeCslJson } from '../formats/csl-json';
import { writeRis } from '../formats/ris';
import { readingListCsv } from './list-csv';
import type { ExportRecord } from './records';
import { DEFAULT_CITATION_STYLE, type CitationStyle } from '../../shared/citation-styles';

export { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../shared/export-formats';
import type { ExportFormat } from '../../shared/export-formats';

export interface RenderOptions {
  neutraliseCsvFormulas: boolean;
  /** The bibliography's citation style; Vancouver unless given. The other formats have none. */
  style?: CitationStyle;
}

export function renderExport(format: ExportFormat, records: ExportRecord[], options: RenderOptions): string {
  switch (format) {
    case 'csv':
      return readingListCsv(records, { neutraliseFormulas: options.neutraliseCsvFormulas });
    case 'ris':
      return writeRis(records);
    case 'bibtex':
      return writeBibtex(records);
    case 'csljson':
      return writeCslJson(records);
    case 'bibliography':
      // Numbered plain text, one citation a line, in the list's order (APA's own order in APA).
      return formatCitations(records.map((r) => r.publication), options.style ?? DEFAULT_CITATION_STYLE, 'text').bibliography;
  }
}
