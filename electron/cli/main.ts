import { parseArgs } from 'node:util';
import { problemText } from '../core/errors';
import { FORMATS } from '../core/import';
import { OPTIONS, UsageError, type CliIo, type Command, type OptionName, type OptionValues } from './command';
import { COMMANDS } from './commands';

export type { CliIo };

/**
 * `geneshelf`: the headless front door to the same service the app uses, for curators preparing
 * and checking gene files in batch. Plain Node, no Electron. The help and the argument parser are
 * built from the command list (commands/index.ts) and the format registry. Exit codes: 0 success,
 * 1 a file or library problem, 2 a usage mistake.
 */

const SUMMARY_COLUMN = 43;

function commandHelp(command: Command): string {
  const head = `  geneshelf ${command.usage}`;
  const [first = '', ...rest] = command.summary;
  const pad = ' '.repeat(SUMMARY_COLUMN);
  const lines = head.length < SUMMARY_COLUMN - 1 ? [head.padEnd(SUMMARY_COLUMN) + first] : [head, pad + first];
  return [...lines, ...rest.map((l) => pad + l)].join('\n');
}

function optionHelp(): string {
  const rows: Array<[string, string]> = [...Object.values(OPTIONS).map((o) => o.help as readonly [string, string]), ['-h, --help', 'this help'], ['-v, --version', 'the version']].map(([flag, text]) => [flag, text]);
  return rows.map(([flag, text]) => text.split('\n').map((line, i) => `  ${(i === 0 ? flag : '').padEnd(17)}  ${line}`).join('\n')).join('\n');
}

/** "A or B", "A, B or C". */
function either(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

export function helpText(): string {
  const section = (name: Command['section']) => COMMANDS.filter((c) => c.section === name).map(commandHelp).join('\n');
  const references = FORMATS.filter((f) => f.kind === 'publications').map((f) => f.name);
  return `geneshelf - prepare, check and import GeneShelf gene files

Usage:
${section('files')}

Reading lists:
${section('lists')}

Options:
${optionHelp()}

FILE may be a Cancer Genetics Web gene page saved as text, a GeneShelf gene file (one
gene or a panel), or a reference export: ${either(references)},
in UTF-8, UTF-16 or Windows-1252. The format is read from the content, not the file name.
`;
}

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export async function runCli(argv: string[], io: CliIo = defaultIo, version = '0.0.0'): Promise<number> {
  try {
    return await dispatch(argv, io, version);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`geneshelf: ${error.message}\nRun "geneshelf --help" for usage.\n`);
      return 2;
    }
    // Everything else in one wording, shared with the app; never a stack trace.
    io.stderr(`geneshelf: ${problemText(error)}\n`);
    if (process.env.GENESHELF_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return 1;
  }
}

async function dispatch(argv: string[], io: CliIo, version: string): Promise<number> {
  let parsed;
  try {
    // Every command's options at once, so they may come before or after the command; each
    // command then refuses the ones it does not take.
    const options = Object.fromEntries(Object.entries(OPTIONS).map(([name, o]) => [name, { type: o.type, ...('short' in o ? { short: o.short } : {}) }]));
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  const [name, ...args] = positionals;
  if (values.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  if (values.help || name === undefined || name === 'help') {
    io.stdout(helpText());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const given = Object.keys(values).filter((k) => k in OPTIONS) as OptionName[];
  const foreign = given.find((k) => !command.options.includes(k));
  if (foreign) throw new UsageError(`${command.name} does not take --${foreign}`);
  return command.run({ args, values: values as OptionValues, io });
}
