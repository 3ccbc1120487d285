import { GENE_FILE_FORMAT, GENE_FILE_VERSION, type Gene, type GeneFile } from '../../model';

export function toGeneFile(genes: Gene[]): GeneFile {
  return { format: GENE_FILE_FORMAT, version: GENE_FILE_VERSION, genes };
}

/** The text of a gene file: two-space indent and a final newline, so files diff cleanly in review. */
export function serialiseGeneFile(genes: Gene[]): string {
  return `${JSON.stringify(toGeneFile(genes), null, 2)}\n`;
}
