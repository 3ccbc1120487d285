import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportError, StoreError, formatProblem } from '../core/errors';
import { FORMAT_NAMES, readImportFile, type ParsedImport } from '../core/import/read-import';
import { planRecordImport } from '../core/import/plan';
import { geneWithSymbol } from '../core/model';
import { serialiseGeneFile } from '../core/genefile/write-genefile';
import { LibraryService, saveTextFile, type ImportPreview } from '../core/service';
import type { ImportWarning } from '../core/model';
import { EXPORT_FORMATS, isExportFormat } from '../core/export/formats';
import { ALL_BOOKMARKS } from '../core/reading-list-view';

/**
 * `geneshelf`: the headless front door to the same core the app uses, for curators preparing
 * and checking gene files in batch. Plain Node, no Electron. Exit codes: 0 success,
 * 1 a file or library problem, 2 a usage mistake.
 */

export const HELP = `geneshelf - prepare, check and import GeneShelf gene files

Usage:
  geneshelf convert FILE [--gene SYMBOL] [-o OUT]
                                           write the gene file for any importable file
                                           (to standard output unless -o is given); a
                                           reference export needs --gene
  geneshelf validate FILE                  list every problem, with its line or JSON path;
                                           exit 0 when the file is importable, 1 when not
  geneshelf import FILE [--gene SYMBOL] --library DIR [--dry-run] [--json]
                                           import into a library folder, after printing
                                           what is new, updated, duplicate and skipped;
                                           --dry-run writes nothing (--json: the preview
                                           and every record read)
  geneshelf genes --library DIR [--json]   list the genes in a library folder
  geneshelf publications SYMBOL --library DIR [--json]
                                           list a gene's publications with their ids
  geneshelf remove SYMBOL --library DIR    take a gene out of the library (listed
                                           publications stay in their reading lists)

Reading lists:
  geneshelf lists --library DIR [--json]   the reading lists, their items, notes and read marks
  geneshelf bookmark ID [--list NAME] --library DIR
                                           add a publication (an id from "publications") to a
                                           list; the first list when --list is not given
  geneshelf export (--list NAME | --all) [--format FORMAT] [-o OUT] --library DIR
                                           write a list, or all bookmarks, as csv (default),
                                           ris, bibtex or csljson (to standard output unless -o)

Options:
  -o, --output OUT   file to write (convert, export)
  --list NAME        a reading list, by name (case does not matter)
  --all              every bookmarked publication, whatever its list (export)
  --format FORMAT    csv, ris, bibtex or csljson (export)
  --gene SYMBOL      the gene a reference export belongs to (import, convert);
                     a new symbol makes a new gene
  --dry-run          show what import would do, and write nothing
  --library DIR      a GeneShelf library folder (the app shows its own under Help > About)
  --json             machine-readable output
  -h, --help         this help
  -v, --version      the version

FILE may be a Cancer Genetics Web gene page saved as text, a GeneShelf gene file (one
gene or a panel), or a reference export: PubMed MEDLINE (.nbib), RIS, PubMed XML, BibTeX
or CSL-JSON, in UTF-8, UTF-16 or Windows-1252. The format is read from the content, not
the file name.
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

class UsageError extends Error {}

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

function warningLines(file: string, warnings: ImportWarning[]): string {
  return warnings.map((w) => `warning: ${formatProblem(file, w.message, w.line !== undefined ? { line: w.line } : w.path ? { jsonPath: w.path } : {})}\n`).join('');
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function describe(parsed: ParsedImport): string {
  const kind = FORMAT_NAMES[parsed.format];
  if (parsed.publications.length) {
    const skipped = parsed.recordsSeen - parsed.publications.length;
    return `${kind}, ${count(parsed.publications.length, 'publication')}${skipped ? ` (${skipped} skipped)` : ''}, ${parsed.encoding}`;
  }
  const pubs = parsed.genes.reduce((n, g) => n + g.publications.length, 0);
  const genes = parsed.genes.map((g) => g.symbol).join(', ');
  return `${kind}, ${count(parsed.genes.length, 'gene')} (${genes}), ${count(pubs, 'publication')}, ${parsed.encoding}`;
}

function previewLines(preview: ImportPreview): string {
  const c = preview.counts;
  const what = preview.kind === 'genes' ? preview.genes.map((g) => `${g.symbol} (${g.status === 'added' ? 'new gene' : 'update'})`).join(', ') : preview.target?.symbol;
  const lines = [`${preview.formatName} for ${what}: new ${c.new}, updated ${c.updated}, duplicate ${c.duplicate}, skipped ${c.skipped}`];
  for (const m of preview.nearMatches) {
    lines.push(`near match, line ${m.line}: "${m.incoming.title}" may be "${m.existing.title}" (${m.existing.id}); kept apart`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** Rows as aligned columns, two spaces apart, for reading in a terminal. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

export async function runCli(argv: string[], io: CliIo = defaultIo, version = '0.0.0'): Promise<number> {
  try {
    return await dispatch(argv, io, version);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`geneshelf: ${error.message}\nRun "geneshelf --help" for usage.\n`);
      return 2;
    }
    if (error instanceof ImportError) {
      io.stderr(`geneshelf: ${error.message}\n`);
      return 1;
    }
    if (error instanceof StoreError) {
      io.stderr(`geneshelf: ${error.message}\n`);
      return 1;
    }
    // Anything else (an unwritable -o path, a full disk): the message, never a stack trace.
    io.stderr(`geneshelf: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.GENESHELF_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return 1;
  }
}

async function dispatch(argv: string[], io: CliIo, version: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        library: { type: 'string' },
        list: { type: 'string' },
        all: { type: 'boolean' },
        format: { type: 'string' },
        gene: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  if (values.help || command === undefined || command === 'help') {
    io.stdout(HELP);
    return 0;
  }
  const needFile = (): string => {
    if (rest.length !== 1) throw new UsageError(`${command} takes one FILE${rest.length > 1 ? `, not ${rest.length}` : ''}`);
    return resolve(rest[0]!);
  };
  const needArgument = (what: string): string => {
    if (rest.length !== 1) throw new UsageError(`${command} takes one ${what}${rest.length > 1 ? `, not ${rest.length}` : ''}`);
    return rest[0]!;
  };
  const needLibrary = (): string => {
    if (!values.library) throw new UsageError(`${command} needs --library DIR`);
    return resolve(values.library);
  };

  switch (command) {
    case 'convert': {
      const file = needFile();
      const result = await readImportFile(file);
      io.stderr(warningLines(file, result.warnings));
      let genes = result.genes;
      if (result.publications.length) {
        if (!values.gene) throw new UsageError(`${FORMAT_NAMES[result.format]} holds publications, not a gene: convert needs --gene SYMBOL`);
        // The same paper twice in one file is merged, as an import would.
        const plan = planRecordImport(result.publications, result.recordsSeen, [], new Set());
        genes = [geneWithSymbol(values.gene, plan.records.map((r) => r.publication))];
      }
      const text = serialiseGeneFile(genes);
      if (values.output) {
        await saveTextFile(resolve(values.output), text);
        io.stderr(`wrote ${values.output}: ${describe(result)}\n`);
      } else {
        io.stdout(text);
      }
      return 0;
    }
    case 'validate': {
      const file = needFile();
      try {
        const result = await readImportFile(file);
        if (values.json) {
          io.stdout(`${JSON.stringify({ file, importable: true, format: result.format, encoding: result.encoding, genes: result.genes.map((g) => g.symbol), warnings: result.warnings }, null, 2)}\n`);
        } else {
          io.stdout(warningLines(file, result.warnings));
          io.stdout(`${formatProblem(file, `importable: ${describe(result)}`)}\n`);
        }
        return 0;
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        const problems = [error.message, ...error.details.map((d) => formatProblem(file, d))];
        if (values.json) {
          io.stdout(`${JSON.stringify({ file, importable: false, problems }, null, 2)}\n`);
        } else {
          io.stdout(problems.map((p) => `error: ${p}\n`).join(''));
          io.stdout(`${formatProblem(file, `not importable (${problems.length} problem${problems.length === 1 ? '' : 's'})`)}\n`);
        }
        return 1;
      }
    }
    case 'import': {
      const file = needFile();
      const service = await LibraryService.open(needLibrary());
      const preview = await service.previewImport(file, { gene: values.gene ?? null });
      if (preview.kind === 'publications' && !preview.target) {
        service.cancelImport(preview.token);
        throw new UsageError(`${preview.formatName} holds publications, not a gene: say which with --gene SYMBOL`);
      }
      if (values['dry-run']) {
        const records = service.importRecords(preview.token);
        service.cancelImport(preview.token);
        if (values.json) {
          const { token: _token, ...rest } = preview;
          io.stdout(`${JSON.stringify({ ...rest, dryRun: true, records }, null, 2)}\n`);
        } else {
          io.stderr(warningLines(file, preview.warnings));
          io.stdout(previewLines(preview));
          io.stdout('dry run: nothing was written\n');
        }
        return 0;
      }
      const report = await service.commitImport(preview.token);
      if (values.json) {
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        io.stderr(warningLines(file, report.warnings));
        io.stdout(previewLines(preview));
        for (const g of report.genes) io.stdout(`${g.status} ${g.symbol}${g.name ? ` (${g.name})` : ''}: ${count(g.publications, 'publication')} written\n`);
      }
      return 0;
    }
    case 'genes': {
      if (rest.length) throw new UsageError('genes takes no FILE');
      const service = await LibraryService.open(needLibrary());
      const genes = service.listGenes();
      if (values.json) {
        io.stdout(`${JSON.stringify(genes, null, 2)}\n`);
      } else if (genes.length === 0) {
        io.stdout('The library holds no genes.\n');
      } else {
        io.stdout(table([['SYMBOL', 'NAME', 'LOCATION', 'PUBLICATIONS'], ...genes.map((g) => [g.symbol, g.name, g.location, String(g.publicationCount)])]));
      }
      return 0;
    }
    case 'publications': {
      const symbol = needArgument('SYMBOL');
      const service = await LibraryService.open(needLibrary());
      const view = service.getGeneView(symbol);
      if (!view) throw new Error(`${symbol} is not in the library`);
      const bookmarked = service.listsState().memberships;
      if (values.json) {
        io.stdout(`${JSON.stringify(view.gene.publications.map((p) => ({ ...p, bookmarked: !!bookmarked[p.id] })), null, 2)}\n`);
      } else {
        for (const p of view.gene.publications) io.stdout(`${p.id}\t${p.year ?? ''}\t${bookmarked[p.id] ? '*' : ''}\t${p.title}\n`);
      }
      return 0;
    }
    case 'remove': {
      const symbol = needArgument('SYMBOL');
      const service = await LibraryService.open(needLibrary());
      await service.removeGene(symbol);
      io.stdout(`removed ${symbol.toUpperCase()}\n`);
      return 0;
    }
    case 'lists': {
      if (rest.length) throw new UsageError('lists takes no argument');
      const service = await LibraryService.open(needLibrary());
      const state = service.listsState();
      if (values.json) {
        const lists = state.lists.map((l) => {
          const view = service.getList(l.id)!;
          return {
            id: l.id,
            name: l.name,
            items: view.entries.map((e) => ({
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
          };
        });
        io.stdout(`${JSON.stringify(lists, null, 2)}\n`);
      } else if (state.lists.length === 0) {
        io.stdout('There are no reading lists.\n');
      } else {
        io.stdout(table([['LIST', 'ITEMS', 'UNREAD'], ...state.lists.map((l) => [l.name, String(l.count), String(l.unread)])]));
      }
      return 0;
    }
    case 'bookmark': {
      const id = needArgument('publication ID');
      const service = await LibraryService.open(needLibrary());
      const listId = values.list !== undefined ? service.findListId(values.list) : service.listsState().lists[0]?.id;
      if (listId === ALL_BOOKMARKS) throw new UsageError('bookmark into a list, not into All bookmarks');
      const targetId = listId ?? (await service.createList('Reading list')).id;
      const { changed: added } = await service.setMembership(id, targetId, true);
      const name = service.listsState().lists.find((l) => l.id === targetId)!.name;
      io.stdout(added ? `added ${id} to ${name}\n` : `${id} is already in ${name}\n`);
      return 0;
    }
    case 'export': {
      if (rest.length) throw new UsageError('export takes no FILE; use -o OUT');
      if ((values.list === undefined) === !values.all) throw new UsageError('export needs --list NAME or --all (one of them)');
      const format = values.format ?? 'csv';
      if (!isExportFormat(format)) throw new UsageError(`unknown format "${format}"; use ${Object.keys(EXPORT_FORMATS).join(', ')}`);
      const service = await LibraryService.open(needLibrary());
      const listId = values.all ? ALL_BOOKMARKS : service.findListId(values.list!);
      if (values.output) {
        const result = await service.exportList(listId, format, resolve(values.output));
        io.stderr(`wrote ${values.output}: ${result.items} item${result.items === 1 ? '' : 's'} as ${format}\n`);
      } else {
        io.stdout(service.renderList(listId, format).text);
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

