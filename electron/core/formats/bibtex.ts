import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { ImportWarning } from '../model';
import { cslToPublication } from './csl';
import { NoRecordsError, readAll, type ParsedRecord, type ParsedRecords, type RecordReader } from './records';

/**
 * BibTeX and BibLaTeX through citation-js's BibTeX plugin (MIT, well kept), which knows TeX
 * accents, braces, @string macros and # concatenation. Each entry is read on its own, with the
 * file's @string definitions before it, so one broken entry is skipped with its line and the
 * rest import. The parser is called by type ('@biblatex/text'), never by guessing: citation-js's
 * guessing could take text for a URL and fetch it, and GeneShelf makes no network request.
 */

const ENTRY_START = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/gm;

interface Entry {
  type: string;
  text: string;
  line: number;
  strings: string;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function looksLikeBibtex(text: string): boolean {
  return /^[ \t]*@[ \t]*(article|book|inbook|incollection|inproceedings|conference|misc|phdthesis|mastersthesis|techreport|report|online|unpublished|manual|booklet|proceedings|thesis|string|preamble|comment)[ \t]*[{(]/im.test(text);
}

export const bibtexReader: RecordReader<Entry> = {
  format: 'bibtex',
  split(text) {
    const starts = [...text.matchAll(ENTRY_START)];
    const strings = starts
      .map((m, i) => ({ m, body: text.slice(m.index, starts[i + 1]?.index ?? text.length) }))
      .filter(({ m }) => m[1]!.toLowerCase() === 'string')
      .map(({ body }) => body)
      .join('\n');
    const entries = starts
      .map((m, i) => ({ type: m[1]!.toLowerCase(), text: text.slice(m.index, starts[i + 1]?.index ?? text.length), line: lineOf(text, m.index), strings }))
      .filter((e) => !['string', 'comment', 'preamble'].includes(e.type));
    if (entries.length === 0) throw new NoRecordsError('no BibTeX entry (such as @article{...}) was found');
    return entries;
  },
  read(entry, warnings: ImportWarning[]): ParsedRecord | null {
    let items: Array<Record<string, unknown>>;
    try {
      items = plugins.input.chain(`${entry.strings}\n${entry.text}`, { forceType: '@biblatex/text', generateGraph: false }) as Array<Record<string, unknown>>;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]!.replace(/ at line \d+ col \d+:?$/, '') : String(error);
      warnings.push({ message: `this @${entry.type} entry could not be read (${reason}) and was skipped`, line: entry.line });
      return null;
    }
    const publication = items[0] ? cslToPublication(items[0]) : null;
    if (!publication) {
      warnings.push({ message: `this @${entry.type} entry has no title and was skipped`, line: entry.line });
      return null;
    }
    return { publication, line: entry.line };
  },
};

export function parseBibtex(text: string): ParsedRecords {
  return readAll(bibtexReader, text);
}
