import { FormatError, type GeneFormat } from '../../formats';
import { GeneFileError, looksLikeJson, readGeneFile } from './read';

export { readGeneFile, looksLikeJson, GeneFileError, type GeneFileProblem } from './read';
export { serialiseGeneFile, toGeneFile } from './write';

/**
 * GeneShelf's own gene file: JSON checked against resources/genefile.schema.json, one gene or a
 * panel. Any text that starts like JSON and no JSON reference format claims is read as one, so
 * a broken file is told where it breaks.
 */
export const geneFile: GeneFormat = {
  id: 'genefile',
  name: 'GeneShelf gene file',
  extensions: ['json'],
  from: 'GeneShelf (Export gene, a panel, or geneshelf convert)',
  kind: 'genes',
  detect: ({ text }) => looksLikeJson(text),
  read(text) {
    try {
      return readGeneFile(text);
    } catch (error) {
      if (!(error instanceof GeneFileError)) throw error;
      const [first, ...rest] = error.problems;
      const more = rest.length ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'}; run "geneshelf validate" to list them)` : '';
      const details = rest.map((p) => (p.line !== undefined ? `line ${p.line}: ${p.reason}` : p.reason));
      throw new FormatError(`${first?.reason ?? 'invalid gene file'}${more}`, first?.line, details);
    }
  },
};
