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

// An entry starts at "@type{" at the start of a line. Lines end at \n only: with the m flag,
// U+2028 inside a value would count as a line start too.
const ENTRY_START = /(?<=^|\n)[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/g;

/** "@article{," (JabRef writes it for an entry with no key): citation-js needs a key, so one is given. */
const EMPTY_KEY = /^([ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(])[ \t]*,/;

interface Entry {
  type: string;
  text: string;
  line: number;
  strings: string;
}

export function looksLikeBibtex(text: string): boolean {
  return /(?<=^|\n)[ \t]*@[ \t]*(article|book|inbook|incollection|inproceedings|conference|misc|phdthesis|mastersthesis|techreport|report|online|unpublished|manual|booklet|proceedings|thesis|string|preamble|comment)[ \t]*[{(]/i.test(text);
}

/**
 * What citation-js leaves that a reader should not see: \par (a paragraph break, see read) in the
 * abstract; "ı̈" for {\"\i} (TeX's dotless i under an accent is a plain i with it); and the
 * commas it closes up inside keywords ("copy number, focal" comes back "copy number,focal").
 */
function tidyCitationJs(item: Record<string, unknown>): void {
  const tidy = (text: string) => text.replace(/ı(?=[\u0300-\u036f])/g, 'i').normalize('NFC');
  for (const [key, value] of Object.entries(item)) {
    if (typeof value === 'string') item[key] = tidy(value);
    else if (Array.isArray(value)) {
      for (const name of value) {
        if (!name || typeof name !== 'object') continue;
        for (const [part, text] of Object.entries(name as Record<string, unknown>)) if (typeof text === 'string') (name as Record<string, unknown>)[part] = tidy(text);
      }
    }
  }
  if (typeof item.abstract === 'string') item.abstract = item.abstract.replace(/\s*\\par\b\s*/g, '\n');
  if (typeof item.keyword === 'string' && item.keyword.includes(';')) item.keyword = item.keyword.replace(/,(?=\S)/g, ', ');
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
    // A blank line in a value is TeX's paragraph break; citation-js would run the paragraphs
    // together, so each becomes \par, and \par becomes a line break in the abstract below.
    const text = entry.text.replace(EMPTY_KEY, `$1geneshelf-line-${entry.line},`).replace(/\n[ \t]*\n\s*/g, ' \\par ');
    try {
      items = plugins.input.chain(`${entry.strings}\n${text}`, { forceType: '@biblatex/text', generateGraph: false }) as Array<Record<string, unknown>>;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]!.replace(/ at line \d+ col \d+:?$/, '') : String(error);
      warnings.push({ message: `this @${entry.type} entry could not be read (${reason}) and was skipped`, line: entry.line });
      return null;
    }
    const item = items[0];
    if (item) tidyCitationJs(item);
    const publication = item ? cslToPublication(item, warnings, entry.line) : null;
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
