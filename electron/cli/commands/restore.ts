import { basename } from 'node:path';
import { restoreLibrary } from '../../core/library';
import { libraryDir, noArguments, type Command } from '../command';

export const restore: Command = {
  name: 'restore',
  usage: 'restore --library DIR',
  summary: ['put back the last good copy of each damaged', 'file (what stood in its place is kept aside)'],
  section: 'files',
  options: ['library'],
  async run({ args, values, io }) {
    noArguments('restore', args, 'no FILE');
    const restored = await restoreLibrary(libraryDir('restore', values));
    if (restored.length === 0) io.stdout('No file of this library is damaged; nothing was changed.\n');
    for (const r of restored) io.stdout(`restored ${basename(r.file)} from ${basename(r.from)}\n`);
    return 0;
  },
};
