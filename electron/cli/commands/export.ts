import { resolve } from 'node:path';
import { ALL_BOOKMARKS, EXPORT_FORMATS, isExportFormat } from '../../core/lists';
import { openLibrary } from '../library';
import { UsageError, citationStyle, noArguments, type Command } from '../command';

export const exportCommand: Command = {
  name: 'export',
  usage: 'export (--list NAME | --all) [--format FORMAT] [-o OUT] --library DIR',
  summary: ['write a list, or all bookmarks, as csv (default),', 'ris, bibtex, csljson or bibliography [--style STYLE]', '(to standard output unless -o)'],
  section: 'lists',
  options: ['list', 'all', 'format', 'style', 'output', 'library'],
  async run({ args, values, io }) {
    noArguments('export', args, 'no FILE; use -o OUT');
    if ((values.list === undefined) === !values.all) throw new UsageError('export needs --list NAME or --all (one of them)');
    const format = values.format ?? 'csv';
    if (!isExportFormat(format)) throw new UsageError(`unknown format "${format}"; use ${Object.keys(EXPORT_FORMATS).join(', ')}`);
    if (values.style !== undefined && format !== 'bibliography') throw new UsageError('--style is for --format bibliography');
    const options = format === 'bibliography' ? { style: citationStyle(values) } : {};
    const service = await openLibrary('export', values);
    const listId = values.all ? ALL_BOOKMARKS : service.findListId(values.list!);
    if (values.output) {
      const result = await service.exportListTo(listId, format, resolve(values.output), options);
      io.stderr(`wrote ${values.output}: ${result.items} item${result.items === 1 ? '' : 's'} as ${format}\n`);
    } else {
      io.stdout((await service.renderList(listId, format, options)).text);
    }
    return 0;
  },
};
