import { termsOf } from './fold';

/**
 * The query language, as the help popover beside the search box explains it:
 *   words            every word must match (prefix on the word being typed, typos forgiven)
 *   "a phrase"       the words next to each other, in that order
 *   author:Stanulla  journal:Blood  title:… abstract:… mesh:"Gene Deletion"  keyword:…
 *   pmid:31015500    doi:10.1182/…  year:2018  year:2015..2019  gene:PAX5
 * A field name GeneShelf does not know is read as plain words ("t(9;22):" stays text).
 */

export const FIELDS = ['title', 'abstract', 'authors', 'journal', 'mesh', 'keywords', 'ids'] as const;
export type FieldName = (typeof FIELDS)[number];

/** The names a user may type before a colon, to the field each searches. */
const FIELD_NAMES: Record<string, FieldName> = {
  title: 'title',
  ti: 'title',
  abstract: 'abstract',
  ab: 'abstract',
  author: 'authors',
  authors: 'authors',
  au: 'authors',
  journal: 'journal',
  ta: 'journal',
  mesh: 'mesh',
  mh: 'mesh',
  keyword: 'keywords',
  keywords: 'keywords',
  kw: 'keywords',
  pmid: 'ids',
  doi: 'ids',
};

export interface QueryClause {
  /** Folded terms; more than one is a phrase (its terms next to each other). */
  terms: string[];
  /** As typed, for messages. */
  text: string;
  /** Restricted to one field; every field when absent. */
  field?: FieldName;
  /** The last word while it is being typed: its term matches as a prefix. */
  prefix: boolean;
  /** Typed in quotes: no typo or prefix forgiveness. */
  exact: boolean;
}

export interface ParsedQuery {
  clauses: QueryClause[];
  /** year:2018 or year:2015..2019, inclusive. */
  years?: { from: number; to: number };
  /** gene:PAX5, as typed (the caller matches symbols and aliases). */
  genes: string[];
  /** What could not be read, said plainly ("year:20x is not a year or a range like 2015..2019"). */
  problems: string[];
}

const DOI = /^10\.\d{4,9}\/\S+$/i;
/** The most words and phrases one query searches: a pasted paragraph must not make every word a search of its own. */
export const MAX_CLAUSES = 32;

/** Splits the text into pieces: a field name and its value, a quoted phrase, or a word. */
function pieces(text: string): Array<{ field?: string; value: string; quoted: boolean; last: boolean }> {
  const out: Array<{ field?: string; value: string; quoted: boolean; last: boolean }> = [];
  const re = /(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))/g;
  for (const m of text.matchAll(re)) {
    const quoted = m[2] !== undefined;
    const value = quoted ? m[2]! : m[3] ?? '';
    const field = m[1]?.toLowerCase();
    // A typed word ending the text (no space after it) is still being typed.
    const end = (m.index ?? 0) + m[0].length;
    out.push({ ...(field ? { field } : {}), value, quoted, last: end === text.length && !quoted });
  }
  return out;
}

function yearsOf(value: string): { from: number; to: number } | null {
  const m = /^(\d{4})(?:(?:\.\.|-)(\d{4})?)?$/.exec(value) ?? /^\.\.(\d{4})$/.exec(value);
  if (!m) return null;
  if (value.startsWith('..')) return { from: 0, to: Number(m[1]) };
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : value.length > 4 ? 9999 : from;
  return from <= to ? { from, to } : { from: to, to: from };
}

export function parseQuery(text: string): ParsedQuery {
  const query: ParsedQuery = { clauses: [], genes: [], problems: [] };
  const input = text.length > 1000 ? text.slice(0, 1000) : text;
  for (const piece of pieces(input)) {
    const name = piece.field;
    if (name === 'year') {
      const years = yearsOf(piece.value);
      if (years) query.years = years;
      else query.problems.push(`year:${piece.value} is not a year or a range like 2015..2019`);
      continue;
    }
    if (name === 'gene') {
      if (piece.value) query.genes.push(piece.value);
      continue;
    }
    const field = name ? FIELD_NAMES[name] : undefined;
    // An unknown "name:" is part of the text, as typed.
    const value = name && !field ? `${name}:${piece.value}` : piece.value;
    if (field === 'ids' || (!field && DOI.test(value))) {
      // Identifiers are matched whole: a DOI is not split into words.
      const id = value.trim().toLowerCase();
      if (id) query.clauses.push({ terms: [id], text: value, field: 'ids', prefix: false, exact: true });
      continue;
    }
    const terms = termsOf(value);
    if (terms.length === 0) continue;
    query.clauses.push({
      terms,
      text: value,
      ...(field ? { field } : {}),
      // "BCR-ABL1" and "TNF-α" are phrases of their parts; a prefix only for a single word being typed.
      prefix: piece.last && terms.length === 1,
      exact: piece.quoted,
    });
  }
  if (query.clauses.length > MAX_CLAUSES) {
    query.problems.push(`only the first ${MAX_CLAUSES} of the ${query.clauses.length} words and phrases were searched`);
    query.clauses = query.clauses.slice(0, MAX_CLAUSES);
  }
  return query;
}
