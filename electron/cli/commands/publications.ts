import { UserStateError } from '../../core/errors';
import { openLibrary } from '../library';
import { oneArgument, type Command } from '../command';
import { json } from '../output';

export const publications: Command = {
  name: 'publications',
  usage: 'publications SYMBOL --library DIR [--json]',
  summary: ['list a gene\'s publications with their ids'],
  section: 'files',
  options: ['library', 'json'],
  async run({ args, values, io }) {
    const symbol = oneArgument('publications', args, 'SYMBOL');
    const service = await openLibrary('publications', values);
    const view = await service.getGeneView(symbol);
    if (!view) throw new UserStateError(`${symbol} is not in the library`);
    const bookmarked = service.listsState().memberships;
    if (values.json) io.stdout(json(view.gene.publications.map((p) => ({ ...p, bookmarked: !!bookmarked[p.id] }))));
    // One line per publication, so the output can be piped into grep, cut or head: a title's own
    // line breaks and tabs become spaces.
    else for (const p of view.gene.publications) io.stdout(`${p.id}\t${p.year ?? ''}\t${bookmarked[p.id] ? '*' : ''}\t${p.title.replace(/\s+/g, ' ')}\n`);
    return 0;
  },
};
