import type { Command } from '../command';
import { bookmark } from './bookmark';
import { cite } from './cite';
import { convert } from './convert';
import { doctor } from './doctor';
import { exportCommand } from './export';
import { genes } from './genes';
import { importCommand } from './import';
import { lists } from './lists';
import { publications } from './publications';
import { remove } from './remove';
import { restore } from './restore';
import { search } from './search';
import { validate } from './validate';

/** Every `geneshelf` command, in the order the help lists them: a new command is a file and one line here. */
export const COMMANDS: readonly Command[] = [convert, validate, importCommand, genes, publications, search, cite, remove, doctor, restore, lists, bookmark, exportCommand];
