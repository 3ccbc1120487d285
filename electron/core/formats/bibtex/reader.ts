import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { ImportWarning } from '../../model';
import { LineIndex } from '../../text';
import { cslToPublication } from '../csl-json';
import { FormatError, readAll, type ParsedRecord, type ParsedRecords, type ReferenceFormat } from '../format';

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

export function looksLikeBibtex(text: string): boolean {
  return /^[ \t]*@[ \t]*(article|book|inbook|incollection|inproceedings|conference|misc|phdthesis|mastersthesis|techreport|report|online|unpublished|manual|booklet|proceedings|thesis|string|preamble|comment)[ \t]*[{(]/im.test(text);
}

export const bibtex: ReferenceFormat<Entry> = {
  id: 'bibtex',
  name: 'BibTeX',
  extensions: ['bib', 'bibtex'],
  from: 'JabRef, Zotero, Mendeley, Google Scholar, LaTeX',
  kind: 'publications',
  detect: ({ text, json }) => json === undefined && looksLikeBibtex(text),
  split(text) {
    const lines = new LineIndex(text);
    const starts = [...text.matchAll(ENTRY_START)];
    const strings = starts
      .map((m, i) => ({ m, body: text.slice(m.index, starts[i + 1]?.index ?? text.length) }))
      .filter(({ m }) => m[1]!.toLowerCase() === 'string')
      .map(({ body }) => body)
      .join('\n');
    const entries = starts
      .map((m, i) => ({ type: m[1]!.toLowerCase(), text: text.slice(m.index, starts[i + 1]?.index ?? text.length), line: lines.lineOf(m.index), strings }))
      .filter((e) => !['string', 'comment', 'preamble'].includes(e.type));
    if (entries.length === 0) throw new FormatError('no BibTeX entry (such as @article{...}) was found');
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
  return readAll(bibtex, text);
}
