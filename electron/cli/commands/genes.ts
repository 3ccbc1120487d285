import { openLibrary } from '../library';
import { noArguments, type Command } from '../command';
import { json, table } from '../output';

export const genes: Command = {
  name: 'genes',
  usage: 'genes --library DIR [--json]',
  summary: ['list the genes in a library folder'],
  section: 'files',
  options: ['library', 'json'],
  async run({ args, values, io }) {
    noArguments('genes', args, 'no FILE');
    const service = await openLibrary('genes', values);
    const list = service.listGenes();
    if (values.json) io.stdout(json(list));
    else if (list.length === 0) io.stdout('The library holds no genes.\n');
    else io.stdout(table([['SYMBOL', 'NAME', 'LOCATION', 'PUBLICATIONS'], ...list.map((g) => [g.symbol, g.name, g.location, String(g.publicationCount)])]));
    return 0;
  },
};
