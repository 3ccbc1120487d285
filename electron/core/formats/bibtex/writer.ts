import { splitAuthorName } from '../../authors';
import type { CitationRecord } from '../format';
import { splitPages } from '../records';

/**
 * BibTeX for LaTeX users, JabRef, Zotero and Mendeley. Written here rather than by citation-js
 * (which the tests use to read every file back): its BibTeX writer gives two papers by one author
 * in one year the same key, which BibTeX rejects, and drops the abstract and PMID. Text stays
 * UTF-8 (biber, JabRef, Zotero and Mendeley read it; the header comment says so); TeX's special
 * characters are escaped, and words with capitals are braced so styles keep "IKZF1" and "B-ALL".
 */

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

export function escapeTex(text: string): string {
  return text.replace(/[\\{}%&$#_~^]/g, (c) => SPECIAL[c]!);
}

/** Braces each word holding a capital after its first letter (or any capital but the title's first), as Zotero does. */
function protectCase(title: string): string {
  return title
    .split(/(\s+)/)
    .map((word, i) => {
      if (/^\s*$/.test(word)) return word;
      const rest = i === 0 ? word.slice(1) : word;
      return /\p{Lu}/u.test(rest) ? `{${escapeTex(word)}}` : escapeTex(word);
    })
    .join('');
}

/** A word "and" (in any case: initials "AND") inside a name is braced, or readers split the list there. */
function namePart(text: string): string {
  return escapeTex(text).replace(/(?<![\p{L}{])(and)(?![\p{L}}])/giu, '{$1}');
}

function bibName(name: string): string {
  const n = splitAuthorName(name);
  // A group name in braces is one name, never split at "and" or a comma.
  return 'literal' in n ? `{${escapeTex(n.literal)}}` : `${namePart(n.family)}, ${namePart(n.given)}`;
}

/** "Lilljebjörn" -> "Lilljebjorn": keys stay ASCII letters and digits, which every tool accepts. */
function keyPart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '');
}

function baseKey(r: CitationRecord): string {
  const first = r.publication.authors[0];
  const n = first ? splitAuthorName(first) : undefined;
  const who = n ? keyPart('literal' in n ? (n.literal.split(/\s+/)[0] ?? '') : n.family) : '';
  return `${who || 'Anon'}${r.publication.year ?? ''}`;
}

/** Unique keys: Smith2019, Smith2019a, Smith2019b ... */
export function citationKeys(records: CitationRecord[]): string[] {
  const seen = new Map<string, number>();
  return records.map((r) => {
    const base = baseKey(r);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    if (n === 0) return base;
    let suffix = '';
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) suffix = String.fromCharCode(97 + ((k - 1) % 26)) + suffix;
    return `${base}${suffix}`;
  });
}

/**
 * A field's value as it goes between the braces. Paragraphs are separated by a blank line (TeX's
 * paragraph break, which the reader turns back into a line break); every line after the first is
 * indented, so no line of a value starts with "@" (the start of an entry to every BibTeX reader)
 * or reads as a RIS tag ("TY  - "), which would make the file be taken for RIS.
 */
function value(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*@/, '{@}'))
    .join('\n\n    ');
}

/** Keywords joined with commas (BibLaTeX's separator), or semicolons when one holds a comma. */
function keywordsField(keywords: string[]): string {
  return keywords.map(escapeTex).join(keywords.some((k) => k.includes(',')) ? '; ' : ', ');
}

function entry(r: CitationRecord, key: string): string {
  const p = r.publication;
  const fields: Array<[string, string | undefined]> = [
    ['author', p.authors.length ? p.authors.map(bibName).join(' and ') : undefined],
    ['title', p.title ? protectCase(p.title) : undefined],
    ['journal', p.journal ? escapeTex(p.journal) : undefined],
    ['year', p.year === undefined ? undefined : String(p.year)],
    ['volume', p.volume && escapeTex(p.volume)],
    ['number', p.issue && escapeTex(p.issue)],
    ['pages', p.pages ? pagesField(p.pages) : undefined],
    ['doi', p.doi && escapeTex(p.doi)],
    ['pmid', p.pmid && escapeTex(p.pmid)],
    ['url', r.url],
    ['keywords', p.keywords?.length ? keywordsField(p.keywords) : undefined],
    ['abstract', p.abstract ? value(escapeTex(p.abstract)) : undefined],
    // annote, not note: standard styles print note in the bibliography, and this one is private.
    ['annote', r.note ? value(escapeTex(r.note)) : undefined],
  ];
  const body = fields
    .filter((f): f is [string, string] => !!f[1])
    .map(([name, value]) => `  ${name} = {${value}},`)
    .join('\n');
  return `@article{${key},\n${body}\n}\n`;
}

function pagesField(pages: string): string {
  const { start, end } = splitPages(pages);
  return escapeTex(end ? `${start}--${end}` : start);
}

export function writeBibtex(records: CitationRecord[]): string {
  const keys = citationKeys(records);
  return `% Encoding: UTF-8\n% Exported by GeneShelf\n\n${records.map((r, i) => entry(r, keys[i]!)).join('\n')}`;
}
