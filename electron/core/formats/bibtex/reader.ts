import type { ImportWarning } from '../../model';
import { lazyModule } from '../../lazy-load';
import { LineIndex } from '../../text';
import { decodeNameList } from './names';
import { decodeTexText, scanFields, type FieldSpan } from './tex-text';
import { cslToPublication } from '../csl-json';
import { FormatError, readAll, type ParsedRecord, type ParsedRecords, type ReferenceFormat } from '../format';

/**
 * BibTeX and BibLaTeX through citation-js's BibTeX plugin (MIT, well kept), which knows TeX
 * accents, braces, @string macros and # concatenation. Entries are read in batches, each with
 * the @string definitions it uses, and one broken entry is skipped with its line while the rest
 * import. The parser is called by type ('@biblatex/text'), never by guessing: citation-js's
 * guessing could take text for a URL and fetch it, and GeneShelf makes no network request.
 */

// An entry starts at "@type{" at the start of a line. Lines end at \n only: with the m flag,
// U+2028 inside a value would count as a line start too.
// (No lookbehind: V8 runs one at every position of a 30 MB file; the \n is stepped over instead.)
const ENTRY_START = /(?:^|\n)[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/g;

/** "@article{," (JabRef writes it for an entry with no key): citation-js needs a key, so one is given. */
const EMPTY_KEY = /^([ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(])[ \t]*,/;

interface Macro {
  body: string;
  /** Its place in the file: macros are given to citation-js in the file's order. */
  at: number;
}

interface Entry {
  type: string;
  text: string;
  line: number;
  /** The @string definitions the entry uses. */
  macros: Macro[];
  batch: Batch;
}

/** What one entry gave: citation-js's item (or the reason it failed) and the fields decoded here. */
interface Parsed {
  item?: Record<string, unknown>;
  error?: string;
  decoded: Map<string, unknown>;
  /** What was left out of the entry before parsing, to warn about. */
  leftOut: string[];
}

/**
 * No person's name is this long; citation-js's name parser takes time in the square of one (a
 * 256 KB "name" took seconds), so a name list holding one is left out with a warning.
 */
const MAX_NAME = 1000;
const NAME_FIELDS = ['author', 'editor'];

function longestName(list: string): number {
  let longest = 0;
  // Spaces collapsed first: /\s+and\s+/ would retry a long run of them from each position.
  for (const name of list.replace(/\s+/g, ' ').split(/ and /i)) longest = Math.max(longest, name.length);
  return longest;
}

/**
 * Fields decoded here when they are plain TeX text (see tex-text.ts): the longest, whose parsing
 * was most of citation-js's time, each with the CSL variable it maps to as citation-js maps it
 * (keywords stay one string; cslToPublication splits it). The authors are read in names.ts.
 */
const DECODED_FIELDS: Record<string, string> = { abstract: 'abstract', title: 'title', keywords: 'keyword' };

/**
 * Entries are given to citation-js BATCH at a time, as one text: each call has a cost of its own,
 * which at 10,000 entries was a third of the time. A batch that does not parse whole (one broken
 * entry) is parsed entry by entry, so the broken one is skipped with its line and the rest read.
 */
const BATCH = 50;
interface Batch {
  entries: Entry[];
  parsed?: Map<Entry, Parsed>;
}

export function looksLikeBibtex(text: string): boolean {
  return /(?:^|\n)[ \t]*@[ \t]*(article|book|inbook|incollection|inproceedings|conference|misc|phdthesis|mastersthesis|techreport|report|online|unpublished|manual|booklet|proceedings|thesis|string|preamble|comment)[ \t]*[{(]/i.test(text);
}

/**
 * What citation-js leaves that a reader should not see: \par (a paragraph break, see read) in the
 * abstract; "ı̈" for {\"\i} (TeX's dotless i under an accent is a plain i with it); and the
 * commas it closes up inside keywords ("copy number, focal" comes back "copy number,focal").
 */
function tidyCitationJs(item: Record<string, unknown>): void {
  const tidy = (text: string) => (/[^\x00-\x7f]/.test(text) ? text.replace(/ı(?=[\u0300-\u036f])/g, 'i').normalize('NFC') : text);
  for (const [key, value] of Object.entries(item)) {
    if (typeof value === 'string') item[key] = tidy(value);
    else if (Array.isArray(value)) {
      for (const name of value) {
        if (!name || typeof name !== 'object') continue;
        for (const [part, text] of Object.entries(name as Record<string, unknown>)) if (typeof text === 'string') (name as Record<string, unknown>)[part] = tidy(text);
      }
    }
  }
  // split, not /\s*\\par\s*/: that expression retries a long run of spaces from each of its positions.
  if (typeof item.abstract === 'string' && item.abstract.includes('\\par')) item.abstract = item.abstract.split(/\\par\b/).join('\n');
  if (typeof item.keyword === 'string' && item.keyword.includes(';')) item.keyword = item.keyword.replace(/,(?=\S)/g, ', ');
}

/**
 * The @string definitions an entry refers to (bare words after = or #), and those they refer to
 * in turn: each entry is read on its own, and giving every entry every macro of a file with
 * hundreds of them costs more than the entry.
 */
function macrosUsed(entry: string, macros: Map<string, Macro>): Macro[] {
  if (macros.size === 0) return [];
  const used = new Map<string, Macro>();
  const pending = [entry];
  while (pending.length) {
    const text = pending.pop()!;
    for (const m of text.matchAll(/[=#]\s*([A-Za-z_][\w:.+/-]*)/g)) {
      const name = m[1]!.toLowerCase();
      const macro = macros.get(name);
      if (macro === undefined || used.has(name)) continue;
      used.set(name, macro);
      pending.push(macro.body);
    }
  }
  return [...used.values()];
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
    const starts = [...text.matchAll(ENTRY_START)].map((m) => ({ type: m[1]!.toLowerCase(), at: text[m.index] === '\n' ? m.index + 1 : m.index }));
    const bodies = starts.map((m, i) => ({ type: m.type, text: text.slice(m.at, starts[i + 1]?.at ?? text.length), line: lines.lineOf(m.at) }));
    const macros = new Map<string, Macro>();
    bodies.forEach((b, at) => {
      const name = b.type === 'string' ? /^[^{(]*[{(]\s*([^\s=,{}]+)\s*=/.exec(b.text)?.[1] : undefined;
      if (name) macros.set(name.toLowerCase(), { body: b.text, at });
    });
    const entries = bodies
      .filter((e) => !['string', 'comment', 'preamble'].includes(e.type))
      .map((e): Entry => ({ ...e, macros: macrosUsed(e.text, macros), batch: { entries: [] } }));
    if (entries.length === 0) throw new FormatError('no BibTeX entry (such as @article{...}) was found');
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch: Batch = { entries: entries.slice(i, i + BATCH) };
      for (const e of batch.entries) e.batch = batch;
    }
    return entries;
  },
  read(entry, warnings: ImportWarning[]): ParsedRecord | null {
    entry.batch.parsed ??= parseBatch(entry.batch);
    const { item, error, decoded, leftOut } = entry.batch.parsed.get(entry)!;
    for (const message of leftOut) warnings.push({ message, line: entry.line });
    if (error !== undefined) {
      warnings.push({ message: `this @${entry.type} entry could not be read (${error}) and was skipped`, line: entry.line });
      return null;
    }
    // What citation-js gave is tidied; what was decoded here is as it should be already.
    if (item) tidyCitationJs(item);
    if (item) for (const [name, value] of decoded) item[name] = value;
    const publication = item ? cslToPublication(item, warnings, entry.line) : null;
    if (!publication) {
      warnings.push({ message: `this @${entry.type} entry has no title and was skipped`, line: entry.line });
      return null;
    }
    return { publication, line: entry.line };
  },
};

/**
 * Fields no part of a publication comes from: JabRef's and Zotero's file links, access dates,
 * private notes, owners, ISSNs. They are cut before citation-js parses the entry, which saves the
 * time of parsing them (a JabRef file field is often the longest after the abstract).
 */
const UNREAD_FIELDS = new Set(['file', 'url', 'urldate', 'annote', 'annotation', 'note', 'comment', 'comments', 'owner', 'timestamp', 'groups', 'issn', 'isbn', 'publisher', 'address', 'language', 'langid', 'copyright', 'mendeley-tags', 'mendeley-groups', 'priority', 'readstatus', 'ranking', 'qualityassured']);

/**
 * Keywords as citation-js gives them once tidied: spaces around each comma and a comma at the end
 * dropped, and in a list separated by semicolons a space after each comma.
 */
function asCitationJsKeywords(value: string): string {
  const closed = value.trim().replace(/\s*,\s*/g, ',').replace(/,$/, '');
  return closed.includes(';') ? closed.replace(/,(?=\S)/g, ', ') : closed;
}

/**
 * An article's short fields, as citation-js maps them to the CSL that cslToPublication reads.
 * When an article holds nothing else once its title, abstract, keywords and authors were read
 * here (the usual PubMed-derived entry), its item is made here and citation-js is not called for
 * it at all: its grammar on these few fields was still a quarter of a 10,000-entry file's time.
 * Each value must be plain (braced text decodeTexText knows, a number, a known @string); any
 * other field, form or repeat sends the entry to citation-js as before.
 */
const SHORT_FIELDS: Record<string, string> = {
  journal: 'container-title',
  journaltitle: 'container-title',
  shortjournal: 'container-title-short',
  volume: 'volume',
  number: 'issue',
  pages: 'page',
  year: 'issued',
  month: '',
  doi: 'DOI',
  pmid: 'PMID',
  pmcid: 'PMCID',
};
/** Verbatim fields: citation-js keeps their text as written, TeX and all. */
const VERBATIM = new Set(['doi', 'pmid', 'pmcid']);
const BARE_WORD = /^[A-Za-z_][\w:.+/-]*$/;

/** The body of `@string{name = {value}}` when it is one braced value; null otherwise. */
function macroValue(macros: Macro[], name: string): string | null {
  for (const m of macros) {
    const body = /^@[ \t]*string[ \t]*[{(]\s*([^\s=,{}]+)\s*=\s*\{([^{}]*)\}\s*[})]\s*$/i.exec(m.body);
    if (body && body[1]!.toLowerCase() === name.toLowerCase()) return body[2]!;
  }
  return null;
}

function articleItem(entry: Entry, text: string, key: string, fields: FieldSpan[]): Record<string, unknown> | null {
  if (entry.type !== 'article') return null;
  const item: Record<string, unknown> = { type: 'article-journal', id: key, 'citation-key': key };
  const seen = new Set<string>();
  for (const f of fields) {
    const csl = Object.hasOwn(SHORT_FIELDS, f.name) ? SHORT_FIELDS[f.name]! : undefined;
    if (csl === undefined || seen.has(f.name) || (csl && Object.hasOwn(item, csl))) return null;
    seen.add(f.name);
    let raw: string;
    if (f.braced) raw = text.slice(f.braced.start, f.braced.end);
    else {
      const bare = text.slice(text.indexOf('=', f.from) + 1, f.to).trim();
      if (/^\d+$/.test(bare)) raw = bare;
      else if (BARE_WORD.test(bare) && f.name !== 'month') {
        const value = macroValue(entry.macros, bare);
        if (value === null) return null;
        raw = value;
      } else if (f.name === 'month' && BARE_WORD.test(bare)) continue;
      else return null;
    }
    // The month is not read (the year is); everything else must be plain.
    if (f.name === 'month') continue;
    let value: string | null;
    if (VERBATIM.has(f.name)) value = /[{}\\]/.test(raw) ? null : raw.trim();
    else if (f.name === 'year') value = /^\s*\d{4}\s*$/.test(raw) ? raw.trim() : null;
    else if (f.name === 'pages') value = /^\s*[\w.]+(?:\s*-{1,2}\s*[\w.]+)?\s*$/.test(raw) ? raw.trim().replace('--', '-') : null;
    else value = decodeTexText(raw)?.replace(/\s+/g, ' ').trim() ?? null;
    if (value === null) return null;
    if (value === '') continue;
    item[csl!] = f.name === 'year' ? { 'date-parts': [[Number(value)]] } : value;
  }
  return item;
}

/** An entry's text as citation-js is given it, its key, the fields decoded here, and its whole item when it was made here. */
function prepare(entry: Entry): { text: string; key: string; decoded: Map<string, unknown>; leftOut: string[]; item?: Record<string, unknown>; unscanned?: true } {
  // A blank line in a value is TeX's paragraph break; citation-js would run the paragraphs
  // together, so each becomes \par, and \par becomes a line break in the abstract.
  // Runs of spaces and tabs are one space to BibTeX; longer ones are made one before anything
  // else sees them, since citation-js's lexer (as several expressions) is slow on a long run.
  let text = entry.text
    .replace(EMPTY_KEY, `$1geneshelf-line-${entry.line},`)
    .replace(/[ \t]{16,}/g, ' ')
    .replace(/\n[ \t\r]*\n\s*/g, ' \\par ');
  const key = /^[^{(]*[{(]\s*([^,\s]*)/.exec(text)?.[1] ?? '';
  const decoded = new Map<string, unknown>();
  const leftOut: string[] = [];
  const fields = scanFields(text);
  if (!fields) return { text, key, decoded, leftOut, unscanned: true };
  if (fields.length === 0) return { text, key, decoded, leftOut };
  const tooLong = new Set<string>();
  for (const f of fields) {
    if (!NAME_FIELDS.includes(f.name) || f.to - f.from < MAX_NAME) continue;
    const longest = longestName(text.slice(f.from, f.to));
    if (longest > MAX_NAME) {
      tooLong.add(f.name);
      leftOut.push(`the ${f.name} field holds a name of ${longest.toLocaleString('en-GB')} characters, which is no name; the field was left out`);
    }
  }
  // BibTeX fields read here: the first of a name, as BibTeX takes it; its repeats are left out too.
  const taken = new Set<string>();
  for (const f of fields) {
    const csl = Object.hasOwn(DECODED_FIELDS, f.name) ? DECODED_FIELDS[f.name]! : undefined;
    if (!f.braced || csl === undefined || taken.has(f.name)) continue;
    const value = decodeTexText(text.slice(f.braced.start, f.braced.end));
    if (value === null) continue;
    decoded.set(csl, f.name === 'keywords' ? asCitationJsKeywords(value) : value);
    taken.add(f.name);
  }
  // The authors in the plain form, as CSL names (see names.ts); BibTeX's author is CSL's.
  const authors = fields.find((f) => f.name === 'author');
  if (authors?.braced && !tooLong.has('author')) {
    const names = decodeNameList(text.slice(authors.braced.start, authors.braced.end));
    if (names) {
      decoded.set('author', names);
      taken.add('author');
    }
  }
  const kept = fields.filter((f) => !UNREAD_FIELDS.has(f.name) && !taken.has(f.name) && !tooLong.has(f.name));
  const item = taken.has('title') ? articleItem(entry, text, key, kept) : null;
  if (item) return { text, key, decoded, leftOut, item };
  if (kept.length < fields.length) {
    const close = text[text.search(/[{(]/)] === '(' ? ')' : '}';
    text = `${text.slice(0, fields[0]!.from)}${kept.map((f) => text.slice(f.from, f.to)).join(',\n  ')}\n${close}\n`;
  }
  return { text, key, decoded, leftOut };
}

const parseOptions = { forceType: '@biblatex/text', generateGraph: false };

let parser: (typeof import('@citation-js/core'))['plugins']['input'] | null = null;

/**
 * citation-js's input parsers with its BibTeX plugin registered, loaded when a BibTeX file is
 * first read: evaluating citation-js at start-up cost every other import (and every command)
 * time it did not need.
 */
function bibtexParser(): (typeof import('@citation-js/core'))['plugins']['input'] {
  if (!parser) {
    const core = lazyModule<typeof import('@citation-js/core')>(() => require('@citation-js/core'), '@citation-js/core');
    lazyModule(() => require('@citation-js/plugin-bibtex'), '@citation-js/plugin-bibtex');
    parser = core.plugins.input;
  }
  return parser;
}

function macroText(macros: Iterable<Macro>): string {
  const unique = new Map<number, Macro>();
  for (const m of macros) unique.set(m.at, m);
  return [...unique.values()]
    .sort((a, b) => a.at - b.at)
    .map((m) => m.body)
    .join('\n');
}

function parseBatch(batch: Batch): Map<Entry, Parsed> {
  const out = new Map<Entry, Parsed>();
  // Articles made whole here (see articleItem) need no parser; the others go to citation-js,
  // together. An entry whose fields do not scan (unbalanced, cut off) would almost surely fail the
  // batch and have every entry in it parsed again one by one: it is parsed alone from the start.
  const entries: Entry[] = [];
  const prepared: Array<ReturnType<typeof prepare>> = [];
  const alone: Entry[] = [];
  const alonePrepared: Array<ReturnType<typeof prepare>> = [];
  for (const e of batch.entries) {
    const p = prepare(e);
    if (p.item) out.set(e, { item: p.item, decoded: p.decoded, leftOut: p.leftOut });
    else if (p.unscanned) {
      alone.push(e);
      alonePrepared.push(p);
    } else {
      entries.push(e);
      prepared.push(p);
    }
  }
  alone.forEach((e, i) => out.set(e, parseAlone(e, alonePrepared[i]!)));
  if (entries.length === 0) return out;
  try {
    const text = `${macroText(entries.flatMap((e) => e.macros))}\n${prepared.map((p) => p.text).join('\n')}`;
    const items = bibtexParser().chain(text, parseOptions) as Array<Record<string, unknown>>;
    // Taken whole only when every entry gave its own item, in order.
    if (items.length === prepared.length && items.every((item, i) => item['citation-key'] === prepared[i]!.key || (prepared[i]!.key === '' && !item['citation-key']))) {
      entries.forEach((e, i) => out.set(e, { item: items[i]!, decoded: prepared[i]!.decoded, leftOut: prepared[i]!.leftOut }));
      return out;
    }
  } catch {
    // One entry in the batch is broken: each is read on its own below.
  }
  entries.forEach((e, i) => out.set(e, parseAlone(e, prepared[i]!)));
  return out;
}

/** One entry given to citation-js on its own, with the @string definitions it uses. */
function parseAlone(e: Entry, { text, decoded, leftOut }: ReturnType<typeof prepare>): Parsed {
  try {
    const [item] = bibtexParser().chain(`${macroText(e.macros)}\n${text}`, parseOptions) as Array<Record<string, unknown>>;
    return { ...(item ? { item } : {}), decoded, leftOut };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]!.replace(/ at line \d+ col \d+:?$/, '') : String(error);
    return { error: reason, decoded, leftOut };
  }
}

export function parseBibtex(text: string): ParsedRecords {
  return readAll(bibtex, text);
}
