import { resolve } from 'node:path';
import { CITATION_STYLE_IDS, DEFAULT_CITATION_STYLE, isCitationStyle, type CitationStyle } from '../shared/citation-styles';

/** What a command writes to: the terminal, or a test's buffers. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A mistake in how the command was called: exit 2, with a pointer to --help. */
export class UsageError extends Error {}

/** Every option any command takes, with the help line that explains it. */
export const OPTIONS = {
  output: { type: 'string', short: 'o', help: ['-o, --output OUT', 'file to write (convert, export)'] },
  list: { type: 'string', help: ['--list NAME', 'a reading list, by name (case does not matter)'] },
  all: { type: 'boolean', help: ['--all', 'every bookmarked publication, whatever its list (export)'] },
  format: { type: 'string', help: ['--format FORMAT', 'csv, ris, bibtex, csljson or bibliography (export);\ntext or html (cite)'] },
  style: { type: 'string', help: ['--style STYLE', 'vancouver (default), ama or apa (cite, export --format\nbibliography)'] },
  gene: { type: 'string', help: ['--gene SYMBOL', 'the gene a reference export belongs to (import, convert);\na new symbol makes a new gene'] },
  'dry-run': { type: 'boolean', help: ['--dry-run', 'show what import would do, and write nothing'] },
  library: { type: 'string', help: ['--library DIR', 'a GeneShelf library folder (the app shows its own under Help > About)'] },
  json: { type: 'boolean', help: ['--json', 'machine-readable output'] },
  limit: { type: 'string', help: ['--limit N', 'how many publications to print (search; default 20)'] },
} as const;

export type OptionName = keyof typeof OPTIONS;
export type OptionValues = { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };

/** What a command is given: its arguments after the command's name, and the options it takes. */
export interface CommandInput {
  args: string[];
  values: OptionValues;
  io: CliIo;
}

/**
 * One `geneshelf` command: a file in commands/ exports one of these, and commands/index.ts lists
 * it. The help text and the argument parser are built from that list.
 */
export interface Command {
  name: string;
  /** "import FILE [--gene SYMBOL] --library DIR [--dry-run] [--json]" */
  usage: string;
  /** What it does, in the help's second column; one string per line. */
  summary: string[];
  /** Which heading of the help it stands under. */
  section: 'files' | 'lists';
  options: OptionName[];
  run(input: CommandInput): Promise<number>;
}

/** The one FILE a command takes, as an absolute path. */
export function oneFile(command: string, args: string[]): string {
  return resolve(oneArgument(command, args, 'FILE'));
}

export function oneArgument(command: string, args: string[], what: string): string {
  if (args.length !== 1) throw new UsageError(`${command} takes one ${what}${args.length > 1 ? `, not ${args.length}` : ''}`);
  return args[0]!;
}

export function noArguments(command: string, args: string[], hint = 'no argument'): void {
  if (args.length) throw new UsageError(`${command} takes ${hint}`);
}

export function libraryDir(command: string, values: OptionValues): string {
  if (!values.library) throw new UsageError(`${command} needs --library DIR`);
  return resolve(values.library);
}

/** --style, checked: Vancouver when not given. */
export function citationStyle(values: OptionValues): CitationStyle {
  const style = values.style ?? DEFAULT_CITATION_STYLE;
  if (!isCitationStyle(style)) throw new UsageError(`unknown style "${style}"; use ${CITATION_STYLE_IDS.join(', ')}`);
  return style;
}
