import { isCitationOutput } from '../../shared/citation-styles';
import { openLibrary } from '../library';
import { UsageError, citationStyle, type Command } from '../command';

export const cite: Command = {
  name: 'cite',
  usage: 'cite ID... [--style STYLE] [--format text|html] --library DIR',
  summary: ['cite publications by id in Vancouver (default), AMA', 'or APA: one ID its citation, several a bibliography'],
  section: 'files',
  options: ['style', 'format', 'library'],
  async run({ args, values, io }) {
    if (!args.length) throw new UsageError('cite takes one or more publication IDs (pmid:31015500; "geneshelf publications SYMBOL" lists them)');
    const style = citationStyle(values);
    const format = values.format ?? 'text';
    if (!isCitationOutput(format)) throw new UsageError(`cite writes --format text or html, not "${format}"`);
    const service = await openLibrary('cite', values);
    // An id nothing holds is named on stderr; the rest are cited. None at all is an error (exit 1).
    const result = await service.cite(args, style);
    for (const id of result.missing) io.stderr(`geneshelf: no publication with id ${id} is in the library; it is not cited\n`);
    const out = format === 'html' ? result.html : result.text;
    io.stdout(out.endsWith('\n') ? out : `${out}\n`);
    return 0;
  },
};
