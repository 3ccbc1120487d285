import { openLibrary } from '../library';
import { noArguments, type Command } from '../command';
import { json, table } from '../output';

export const lists: Command = {
  name: 'lists',
  usage: 'lists --library DIR [--json]',
  summary: ['the reading lists, their items, notes and read marks'],
  section: 'lists',
  options: ['library', 'json'],
  async run({ args, values, io }) {
    noArguments('lists', args);
    const service = await openLibrary('lists', values);
    const state = service.listsState();
    if (values.json) {
      const views = await Promise.all(state.lists.map((l) => service.getList(l.id)));
      io.stdout(
        json(
          state.lists.map((l, i) => ({
            id: l.id,
            name: l.name,
            items: views[i]!.entries.map((e) => ({
              publicationId: e.publication.id,
              title: e.publication.title,
              year: e.publication.year ?? null,
              journal: e.publication.journal,
              genes: e.genes,
              inLibrary: e.inLibrary,
              note: e.note,
              read: e.read,
              dateAdded: e.dateAdded,
            })),
          })),
        ),
      );
    } else if (state.lists.length === 0) {
      io.stdout('There are no reading lists.\n');
    } else {
      io.stdout(table([['LIST', 'ITEMS', 'UNREAD'], ...state.lists.map((l) => [l.name, String(l.count), String(l.unread)])]));
    }
    return 0;
  },
};
