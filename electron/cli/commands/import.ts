import { openLibrary } from '../library';
import { UsageError, oneFile, type Command } from '../command';
import { count, json, previewLines, warningLines } from '../output';

export const importCommand: Command = {
  name: 'import',
  usage: 'import FILE [--gene SYMBOL] --library DIR [--dry-run] [--json]',
  summary: ['import into a library folder, after printing', 'what is new, updated, duplicate and skipped;', '--dry-run writes nothing (--json: the preview', 'and every record read)'],
  section: 'files',
  options: ['gene', 'library', 'dry-run', 'json'],
  async run({ args, values, io }) {
    const file = oneFile('import', args);
    // A dry run opens the library read-only: it makes no folder or file, even for a new library.
    const service = await openLibrary('import', values, { readOnly: !!values['dry-run'] });
    const preview = await service.previewImport(file, { gene: values.gene ?? null });
    if (preview.kind === 'publications' && !preview.target) {
      service.cancelImport(preview.token);
      throw new UsageError(`${preview.formatName} holds publications, not a gene: say which with --gene SYMBOL`);
    }
    if (values['dry-run']) {
      const records = service.importRecords(preview.token);
      service.cancelImport(preview.token);
      if (values.json) {
        const { token: _token, ...rest } = preview;
        io.stdout(json({ ...rest, dryRun: true, records }));
      } else {
        io.stderr(warningLines(file, preview.warnings));
        io.stdout(previewLines(preview));
        io.stdout('dry run: nothing was written\n');
      }
      return 0;
    }
    const report = await service.commitImport(preview.token);
    if (values.json) {
      io.stdout(json(report));
    } else {
      io.stderr(warningLines(file, report.warnings));
      io.stdout(previewLines(preview));
      for (const g of report.genes) io.stdout(`${g.status} ${g.symbol}${g.name ? ` (${g.name})` : ''}: ${count(g.publications, 'publication')} written\n`);
    }
    return 0;
  },
};
