import { writeBibtex } from '../formats/bibtex';
import { writeCslJson } from '../formats/csl-json';
import { writeRis } from '../formats/ris';
import { readingListCsv } from './list-csv';
import type { ExportRecord } from './records';

export { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../shared/export-formats';
import type { ExportFormat } from '../../shared/export-formats';

export function renderExport(format: ExportFormat, records: ExportRecord[], options: { neutraliseCsvFormulas: boolean }): string {
  switch (format) {
    case 'csv':
      return readingListCsv(records, { neutraliseFormulas: options.neutraliseCsvFormulas });
    case 'ris':
      return writeRis(records);
    case 'bibtex':
      return writeBibtex(records);
    case 'csljson':
      return writeCslJson(records);
  }
}
