// The realistic 10,000-record exports bench/speed imports, written once to a temporary folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAll } from '../../electron/core/formats/format';
import { MAX_IMPORT_BYTES } from '../../electron/core/import/read-file';
import { medline } from '../../electron/core/formats/medline/reader';
import { writeCslJson } from '../../electron/core/formats/csl-json/writer';
import { bibtexExport, medlineRealistic, medlineRealisticCrlf, pubmedXmlExport, risExport } from '../../tests/fixtures/reference-exports';

/** The importer refuses files larger than this. */
export const IMPORT_CAP_BYTES = MAX_IMPORT_BYTES;

export interface BenchFile {
  id: string;
  label: string;
  file: string;
  bytes: number;
  records: number;
  /** Issue 4's budget for the whole `geneshelf import` process, where there is one. */
  budgetMs?: number;
}

export type FormatId = 'medline' | 'medline-crlf' | 'ris' | 'bibtex' | 'pubmed-xml' | 'csl-json';

const SPECS: Record<FormatId, { label: string; name: string; budgetMs?: number; make: (n: number) => string }> = {
  medline: { label: 'MEDLINE (LF)', name: 'pubmed.nbib', budgetMs: 1000, make: (n) => medlineRealistic(n) },
  'medline-crlf': { label: 'MEDLINE (CRLF)', name: 'pubmed-crlf.nbib', budgetMs: 1000, make: medlineRealisticCrlf },
  ris: { label: 'RIS (CRLF)', name: 'references.ris', budgetMs: 700, make: (n) => risExport(n) },
  bibtex: { label: 'BibTeX', name: 'library.bib', budgetMs: 2000, make: (n) => bibtexExport(n) },
  'pubmed-xml': { label: 'PubMed XML', name: 'pubmed.xml', make: (n) => pubmedXmlExport(n) },
  // Through GeneShelf's own writer, from the MEDLINE records: what the app's CSL-JSON export holds.
  'csl-json': {
    label: 'CSL-JSON',
    name: 'items.json',
    make: (n) =>
      writeCslJson(
        readAll(medline, medlineRealistic(n)).records.map(({ publication }) => ({
          publication,
          genes: ['IKZF1'],
          note: '',
          url: `https://pubmed.ncbi.nlm.nih.gov/${publication.pmid}/`,
        })),
      ),
  },
};

export const ALL_FORMATS = Object.keys(SPECS) as FormatId[];

export function writeBenchFile(dir: string, id: FormatId, records: number, prefix = ''): BenchFile {
  const spec = SPECS[id];
  const text = spec.make(records);
  const file = join(dir, `${prefix}${spec.name}`);
  writeFileSync(file, text);
  return { id, label: spec.label, file, bytes: Buffer.byteLength(text), records, ...(spec.budgetMs ? { budgetMs: spec.budgetMs } : {}) };
}

/**
 * The same export cut to the most records (a multiple of 500) that stay under the import cap, for
 * a file whose full size the importer refuses; null when `full` fits already.
 */
export function writeUnderCap(dir: string, full: BenchFile): BenchFile | null {
  if (full.bytes <= IMPORT_CAP_BYTES) return null;
  const records = Math.floor((full.records * IMPORT_CAP_BYTES * 0.97) / full.bytes / 500) * 500;
  return writeBenchFile(dir, full.id as FormatId, records, 'capped-');
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
