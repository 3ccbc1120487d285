import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Low } from 'lowdb';
import { StoreError } from '../errors';
import { draftOfUser, type UserData } from './user-data';
import { JOURNAL_MAX_BYTES, JOURNAL_MAX_LINES, appendJournal, diffUser, emptyJournal, journalLine, journalPath, newJournalBase, replayJournal, setJournalAside } from './user-journal';
import { keepGoodCopyOf, openVersionedFile, readDamageRecord, type StoreNotice, type VersionedFileSpec } from './versioned-file';

/**
 * The user's state as the store keeps it: user.json (a versioned lowdb file like the others) and
 * the journal of changes made since it was written whole (user-journal.ts). Both are read, and
 * written, only here.
 */

const exists = (path: string) => stat(path).then(() => true, () => false);

/** What this process knows of the journal as it last read or wrote it. */
export interface JournalState {
  lines: number;
  bytes: number;
  /** The file holds lines that do not follow user.json (or a cut-off line): the next write starts it afresh. */
  startAfresh: boolean;
}

export interface OpenedUserFile {
  db: Low<UserData>;
  created: boolean;
  notices: StoreNotice[];
  journal: JournalState;
}

/**
 * What an open may do besides reading. A start folds the journal into user.json; a re-read of
 * what another writer did only reads, unless it found a damaged line while holding the folder's
 * lock for a write of its own: it then sets the journal aside as a start would, rather than
 * refuse every write until the app is restarted.
 */
export interface UserOpenMode {
  fold: boolean;
  repair: boolean;
}

/** user.json opened by the rules every file follows, with the journal's changes since applied. */
export async function openUserFile(
  spec: VersionedFileSpec<UserData>,
  now = new Date(),
  mode: UserOpenMode = { fold: !spec.readOnly, repair: !spec.readOnly },
): Promise<OpenedUserFile> {
  const opened = await openVersionedFile(spec, now);
  const file = journalPath(dirname(spec.file));
  const read = await replayJournal(file, opened.db.data, draftOfUser);
  opened.db.data = read.data;
  if (!read.damage) {
    // At each open the journal is folded into user.json, which is then kept as its newest good
    // copy: the backups hold what the user had at each start, as they did before the journal, and
    // a journal spans one session at most. Not while user.json waits to be restored (its lines may
    // belong to the damaged copy), and not read-only.
    if (!mode.fold || (read.lines === 0 && !read.startAfresh) || (await readDamageRecord(spec.file))) {
      // No user.json on disk (found damaged, or not made yet): no line may follow a base no file
      // has, so the first change writes user.json whole.
      const unwritten = !opened.created && !(await exists(spec.file));
      return { ...opened, journal: { lines: read.lines, bytes: read.bytes, startAfresh: read.startAfresh || unwritten } };
    }
    opened.db.data = { ...opened.db.data, journalBase: newJournalBase() };
    await opened.db.write();
    await emptyJournal(file);
    await keepGoodCopyOf(spec.file);
    return { ...opened, journal: { lines: 0, bytes: 0, startAfresh: false } };
  }

  const where = `at line ${read.damage.line}, ${read.damage.reason}`;
  if (!mode.repair) {
    throw new StoreError(`The latest changes to your reading lists (user.journal) could not all be read (${where}); open the library in GeneShelf to set them aside. Nothing was changed.`);
  }
  // The changes before the damaged line are kept, written whole into user.json; the journal is
  // moved aside as it was (it may be read by hand), and no new line is ever laid after the damage.
  // user.json first, with a new base: a crash before the journal is moved aside leaves lines that
  // are stale to it, never the good changes in no file but the one set aside.
  opened.db.data = { ...opened.db.data, journalBase: newJournalBase() };
  await opened.db.write();
  const movedTo = await setJournalAside(file, now);
  await keepGoodCopyOf(spec.file);
  const kept = read.lines === 1 ? 'the change before it was kept' : read.lines ? `the ${read.lines} changes before it were kept` : 'no change in it could be kept';
  return {
    ...opened,
    notices: [
      ...opened.notices,
      {
        kind: 'corrupt-moved-aside',
        file,
        movedTo: join(dirname(spec.file), movedTo),
        message: `The latest changes to your reading lists (user.journal) could not all be read (${where}): ${kept}. The file was moved aside to ${movedTo} and left untouched.`,
      },
    ],
    journal: { lines: 0, bytes: 0, startAfresh: false },
  };
}

/**
 * Writes the user's next state: as one line appended to the journal (what a bookmark changes,
 * not the 10,000 items beside it), or user.json whole with a new base when the journal is full,
 * cannot be appended to, or the change is large. Memory takes the new state only once it is on
 * disk. `check` is called just before the disk is touched (the folder lock's guard).
 */
export async function writeUserFile(db: Low<UserData>, next: UserData, journal: JournalState, userFile: string, check: () => void): Promise<JournalState> {
  const file = journalPath(dirname(userFile));
  const ops = diffUser(db.data, next);
  const base = db.data.journalBase;
  if (!ops) {
    db.data = next;
    return journal;
  }
  const line = base && !journal.startAfresh && journal.lines < JOURNAL_MAX_LINES && journal.bytes < JOURNAL_MAX_BYTES ? journalLine(base, ops) : null;
  if (line) {
    check();
    try {
      const bytes = await appendJournal(file, line, journal.bytes === 0);
      db.data = next;
      return { lines: journal.lines + 1, bytes, startAfresh: false };
    } catch (error) {
      // Part of the line may be in the file: the next write starts the journal afresh.
      journal.startAfresh = true;
      throw error;
    }
  }
  const previous = db.data;
  // `next` is the caller's own copy (a draft): it takes the new base, and stays the object memory holds.
  next.journalBase = newJournalBase();
  db.data = next;
  try {
    check();
    await db.write();
  } catch (error) {
    db.data = previous;
    throw error;
  }
  // Its lines are in user.json now. While user.json waits to be restored, they may belong to the
  // damaged copy's last good one: kept aside, not deleted.
  if (await readDamageRecord(userFile)) await setJournalAside(file, new Date()).catch(() => {});
  else await emptyJournal(file);
  return { lines: 0, bytes: 0, startAfresh: false };
}
