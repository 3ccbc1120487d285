import { ALL_BOOKMARKS } from '../../core/lists';
import { openLibrary } from '../library';
import { UsageError, oneArgument, type Command } from '../command';

export const bookmark: Command = {
  name: 'bookmark',
  usage: 'bookmark ID [--list NAME] --library DIR',
  summary: ['add a publication (an id from "publications") to a', 'list; the first list when --list is not given'],
  section: 'lists',
  options: ['list', 'library'],
  async run({ args, values, io }) {
    const id = oneArgument('bookmark', args, 'publication ID');
    const service = await openLibrary('bookmark', values);
    let added: boolean;
    let name: string;
    if (values.list === undefined) {
      ({ changed: added, listName: name } = await service.bookmarkInFirstList(id));
    } else {
      const listId = service.findListId(values.list);
      if (listId === ALL_BOOKMARKS) throw new UsageError('bookmark into a list, not into All bookmarks');
      const { changed, state } = await service.setMembership(id, listId, true);
      added = changed;
      name = state.lists.find((l) => l.id === listId)!.name;
    }
    io.stdout(added ? `added ${id} to ${name}\n` : `${id} is already in ${name}\n`);
    return 0;
  },
};
