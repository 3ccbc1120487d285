import { ImportError, formatProblem } from '../../core/errors';
import { readImportFile } from '../../core/import';
import { oneFile, type Command } from '../command';
import { describeImport, json, warningLines } from '../output';

export const validate: Command = {
  name: 'validate',
  usage: 'validate FILE',
  summary: ['list every problem, with its line or JSON path;', 'exit 0 when the file is importable, 1 when not'],
  section: 'files',
  options: ['json'],
  async run({ args, values, io }) {
    const file = oneFile('validate', args);
    try {
      const result = await readImportFile(file);
      if (values.json) {
        io.stdout(json({ file, importable: true, format: result.format, encoding: result.encoding, genes: result.genes.map((g) => g.symbol), warnings: result.warnings }));
      } else {
        io.stdout(warningLines(file, result.warnings));
        io.stdout(`${formatProblem(file, `importable: ${describeImport(result)}`)}\n`);
      }
      return 0;
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      const problems = [error.message, ...error.details.map((d) => formatProblem(file, d))];
      if (values.json) {
        io.stdout(json({ file, importable: false, problems }));
      } else {
        io.stdout(problems.map((p) => `error: ${p}\n`).join(''));
        io.stdout(`${formatProblem(file, `not importable (${problems.length} problem${problems.length === 1 ? '' : 's'})`)}\n`);
      }
      return 1;
    }
  },
};
