import { win32 } from 'node:path';
import { withImport, type Gene, type ImportRecord, type Publication } from '../model';
import { GENESHELF_VERSION } from '../version';

/**
 * What an import records of itself, so a reader can see where each gene and publication came
 * from: the gene keeps a chain of import records (carried on by its gene file, so a colleague's
 * file says where it was read first), and a publication a reference export brings into the
 * library keeps that export's name and date.
 */

export function importRecord(file: string, formatName: string, now: Date, publications?: number): ImportRecord {
  return {
    // win32's basename splits on both separators, so a Windows path read on any system loses its folder.
    file: win32.basename(file),
    format: formatName,
    at: now.toISOString(),
    by: `GeneShelf ${GENESHELF_VERSION}`,
    ...(publications !== undefined ? { publications } : {}),
  };
}

/** A gene as its import stores it: its provenance as it came, plus this import. */
export function geneWithImport(gene: Gene, record: ImportRecord): Gene {
  return { ...gene, provenance: { ...gene.provenance, imports: withImport(gene.provenance.imports, record) } };
}

/**
 * Publications of a reference export, those new to the library marked with where they came from.
 * One the library holds already keeps what it has (it came first from elsewhere), and so does one
 * whose file says where it came from (a gene file passed on).
 */
export function markAdded(publications: Publication[], holds: (id: string) => boolean, record: ImportRecord): Publication[] {
  const from = { file: record.file, format: record.format, at: record.at };
  return publications.map((p) => (p.addedFrom || holds(p.id) ? p : { ...p, addedFrom: from }));
}
