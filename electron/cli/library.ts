import { StoreError } from '../core/errors';
import { LibraryService, type OpenOptions } from '../core/service';
import type { StoreNotice } from '../core/library';
import { libraryDir, type OptionValues } from './command';

/**
 * The library folder a command works on, opened. A file of it found damaged (now or at an earlier
 * open, and not yet restored) stops the command with the app's own notice and exit 1: acting on
 * the empty stand-in would print empty lists as if they were the user's, or write over them.
 * `doctor` and `restore` open the folder themselves, to look and to mend.
 */
export async function openLibrary(command: string, values: OptionValues, options: OpenOptions = {}): Promise<LibraryService> {
  const service = await LibraryService.open(libraryDir(command, values), {
    onLockWait: (message) => process.stderr.write(`geneshelf: ${message}\n`),
    // The one-time split of a library from before the shards: a large one takes a while.
    onSplitProgress: (done, total) => {
      if (done === total || done % 50 === 0) process.stderr.write(`geneshelf: splitting the library into publication files: ${done} of ${total}\n`);
    },
    ...options,
  });
  const refusal = (notices: StoreNotice[]) =>
    new StoreError(`${notices.map((n) => n.message).join('\n')}\n${command} did nothing. "geneshelf doctor --library DIR" lists the files and their backups; "geneshelf restore --library DIR" restores the last good copies.`);
  const damaged = service.notices().filter((n) => n.kind === 'corrupt-moved-aside');
  if (damaged.length) throw refusal(damaged);
  // A shard found damaged when the command first reads it stops the command there, with the same notice.
  service.store.onNotice((notice) => {
    if (notice.kind === 'corrupt-moved-aside') throw refusal([notice]);
  });
  return service;
}
