import { splitAuthorName } from '../authors';
import { toCslItem, type CslItem } from '../formats/csl-json';
import type { Publication } from '../model';

/**
 * A publication as the CSL processor cites it: GeneShelf's CSL-JSON (the csl-json format's
 * mapping, one way for both), less what a citation never prints (the reading URL GeneShelf
 * adds, the abstract, notes, keywords) and with what a citation needs that the export leaves to
 * the reader of the file: names split as a processor wants them, the cut author list marked, and
 * the journal's full title for the styles that print it.
 */
export type CitationName = { family: string; given?: string; suffix?: string } | { literal: string };

export type CitationItem = Omit<CslItem, 'author' | 'URL' | 'abstract' | 'note' | 'keyword'> & { author?: CitationName[] };

/**
 * The last "author" of a list the source cut ("Barwick BG, Neri P, Bahlis NJ, et al."): a CSL
 * name can only be a person or a literal, so the mark is a literal name the styles print where
 * the next author would be. In English it is the locale's own et-al term.
 */
export const CUT_LIST_MARK = 'et al.';

export function toCitationItem(p: Publication): CitationItem {
  const { URL: _url, abstract: _abstract, note: _note, keyword: _keyword, author: _author, ...item } = toCslItem({ publication: p, genes: [], note: '', url: '' });
  const authors = namesOf(p);
  const out: CitationItem = item;
  if (authors.length) out.author = authors;
  // The abbreviation stays the short title (Vancouver and AMA cite it); APA cites the full one.
  if (p.journalTitle) out['container-title'] = p.journalTitle;
  return out;
}

function namesOf(p: Publication): CitationName[] {
  // Full names only where they line up with the short ones, name for name.
  const full = p.authorsFull?.length === p.authors.length ? p.authorsFull : undefined;
  const names = p.authors.map((short, i) => nameOf(short, full?.[i]));
  if (p.etAl && names.length) names.push({ literal: CUT_LIST_MARK });
  return names;
}

/** "Mullighan CG" (or "Mullighan, Charles G") -> family "Mullighan", given "C. G." ("Charles G"). */
function nameOf(short: string, full: string | undefined): CitationName {
  const comma = full?.indexOf(',') ?? -1;
  if (full && comma > 0) {
    const [family = '', given = '', ...rest] = full.split(',').map((s) => s.trim());
    if (family && given) return { family, given: spelledInitials(given), ...(rest.length ? { suffix: rest.join(', ') } : {}) };
  }
  const name = splitAuthorName(short);
  if ('literal' in name) return name;
  // splitAuthorName keeps a suffix with the initials ("JA Jr").
  const [initials = '', ...suffix] = name.given.split(' ');
  return { family: name.family, given: spelledInitials(initials), ...(suffix.length ? { suffix: suffix.join(' ') } : {}) };
}

/**
 * PubMed's run-together initials ("KG") as a CSL processor reads initials ("K. G."): given as
 * "KG" it takes them for one given name and cites "Roberts K". A given name that is not all
 * initials ("Charles G") stays as it is.
 */
function spelledInitials(given: string): string {
  if (!/^\p{Lu}{2,4}$/u.test(given)) return given;
  return Array.from(given, (c) => `${c}.`).join(' ');
}
