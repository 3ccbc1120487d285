import { UsageError, type Command } from '../command';
import { openLibrary } from '../library';
import { json } from '../output';

export const search: Command = {
  name: 'search',
  usage: 'search QUERY --library DIR [--limit N] [--json]',
  summary: ['search publications, genes and notes as the app\'s search box does', '(the same syntax and ranking: see "Searching" in README.md)'],
  section: 'files',
  options: ['library', 'limit', 'json'],
  async run({ args, values, io }) {
    // Unquoted words are one query: `geneshelf search IKZF1 relapse` is "IKZF1 relapse".
    const query = args.join(' ').trim();
    if (!query) throw new UsageError('search takes a QUERY (words, "a phrase", author:NAME, year:2015..2019, gene:SYMBOL ...)');
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError(`--limit takes a number from 1 to 200, not ${values.limit}`);
    const service = await openLibrary('search', values, { waitForSearchIndex: true });
    const results = await service.search({ query, limit });
    // The index is kept beside the library, so the next search (or the app's next start) reads it instead of indexing again.
    await service.librarySearch.save();
    for (const problem of results.problems) io.stderr(`geneshelf: ${problem}\n`);
    if (values.json) {
      io.stdout(json(results));
      return 0;
    }
    // Publications one per line on stdout, for grep, cut and head; the rest on stderr.
    for (const p of results.publications.items) io.stdout(`${p.id}\t${p.score.toFixed(2)}\t${p.year ?? ''}\t${p.genes.join(',')}\t${p.title.replace(/\s+/g, ' ')}\n`);
    if (results.genes.length) io.stderr(`genes: ${results.genes.map((g) => `${g.symbol}${g.name ? ` (${g.name})` : ''}`).join('; ')}\n`);
    for (const n of results.notes) io.stderr(`note in "${n.listName}" on ${n.publicationId}: ${n.note.replace(/\s+/g, ' ')}\n`);
    if (results.lists.length) io.stderr(`lists: ${results.lists.map((l) => `${l.name} (${l.items})`).join('; ')}\n`);
    const total = results.publications.total;
    io.stderr(total === 0 ? 'no publication matches\n' : `${total} publication${total === 1 ? '' : 's'} match${total === 1 ? 'es' : ''}${total > results.publications.items.length ? `; the first ${results.publications.items.length} are shown (--limit N for more)` : ''}\n`);
    return 0;
  },
};
