import { resolve } from 'node:path';
import { geneWithSymbol } from '../../core/model';
import { serialiseGeneFile } from '../../core/genes';
import { planRecordImport, readImportFile } from '../../core/import';
import { saveFile } from '../../core/library';
import { UsageError, oneFile, type Command } from '../command';
import { describeImport, warningLines } from '../output';

export const convert: Command = {
  name: 'convert',
  usage: 'convert FILE [--gene SYMBOL] [-o OUT]',
  summary: ['write the gene file for any importable file', '(to standard output unless -o is given); a', 'reference export needs --gene'],
  section: 'files',
  options: ['gene', 'output'],
  async run({ args, values, io }) {
    const file = oneFile('convert', args);
    const result = await readImportFile(file);
    io.stderr(warningLines(file, result.warnings));
    let genes = result.genes;
    if (result.publications.length) {
      if (!values.gene) throw new UsageError(`${result.formatName} holds publications, not a gene: convert needs --gene SYMBOL`);
      // The same paper twice in one file is merged, as an import would.
      const plan = planRecordImport(result.publications, result.recordsSeen, [], new Set());
      genes = [geneWithSymbol(values.gene, plan.records.map((r) => r.publication))];
    }
    const text = serialiseGeneFile(genes);
    if (values.output) {
      await saveFile(resolve(values.output), text);
      io.stderr(`wrote ${values.output}: ${describeImport(result)}\n`);
    } else {
      io.stdout(text);
    }
    return 0;
  },
};
