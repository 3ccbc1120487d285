import { openLibrary } from '../library';
import { oneArgument, type Command } from '../command';

export const remove: Command = {
  name: 'remove',
  usage: 'remove SYMBOL --library DIR',
  summary: ['take a gene out of the library (listed', 'publications stay in their reading lists)'],
  section: 'files',
  options: ['library'],
  async run({ args, values, io }) {
    const symbol = oneArgument('remove', args, 'SYMBOL');
    const service = await openLibrary('remove', values);
    await service.removeGene(symbol);
    io.stdout(`removed ${symbol.toUpperCase()}\n`);
    return 0;
  },
};
