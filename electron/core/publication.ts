import type { Publication } from './model';
import { publicationId } from './identity';

/**
 * The one way a Publication is made from what a reader found, whatever the format: empty values
 * left out (so a merge can tell "absent" from "present"), text trimmed, the id worked out.
 */

/** The fields a reader fills; the rest get their empty defaults and the id is worked out. */
export type PublicationFields = Partial<Omit<Publication, 'id' | 'title'>> & { title: string };

export function makePublication(fields: PublicationFields): Publication {
  const pub = { id: '', authors: [], etAl: false, journal: '', freeFullText: false, abstract: '' } as unknown as Publication;
  // The fields given, in their order after the defaults (as a spread would put them), less the empty ones.
  addNonEmpty(pub, fields);
  pub.title = oneLine(pub.title);
  pub.abstract = paragraphs(pub.abstract);
  // A PMID is digits; readers clean what they find (and warn), and anything else is not one.
  if (pub.pmid !== undefined && !/^\d{1,12}$/.test(pub.pmid)) delete pub.pmid;
  pub.id = publicationId(pub);
  return pub;
}

/**
 * A title, a journal or a name is one line: any run of white space (tabs, line breaks, U+2028)
 * is one space. Every reader's output passes through here, so a record read from any export
 * compares equal to the record that was exported.
 */
export function oneLine(text: string): string {
  // Most values are one line with single spaces already: test before building a new string.
  return needsSpacing(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/**
 * Whether a text holds white space other than single spaces. Names and titles are short, and a
 * loop over their characters is several times quicker than a regex test on each of hundreds of
 * thousands of them; a long text goes to the regex.
 */
function needsSpacing(text: string): boolean {
  if (text.length > 200) return /[^\S ]| {2}/.test(text);
  let previousSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return true;
      previousSpace = true;
      continue;
    }
    previousSpace = false;
    // Tabs, line ends and the other C0 controls (\s includes \t \n \v \f \r), NBSP and the
    // Unicode spaces are all "other white space" to the regex.
    if (c < 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) {
      if (c < 32 && !(c >= 9 && c <= 13)) continue;
      return true;
    }
  }
  return false;
}

/**
 * Whether a text is paragraphs already: no space or line end at a line's ends (so no empty line),
 * no double space, no white space but spaces and line ends. Looked at beside each line end, then
 * by two small regexes: one regex of both alternatives, or searches for two characters, took
 * nearly twice as long over 20 MB of abstracts.
 */
function tidyParagraphs(text: string): boolean {
  if (text === '') return true;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first === 32 || first === 10 || last === 32 || last === 10) return false;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 1);
    if (before === 32 || after === 32 || after === 10) return false;
  }
  return !/ {2}/.test(text) && !/[^\S \n]/.test(text);
}

/**
 * An abstract is paragraphs, one per line, each on one line. U+2029 (paragraph separator) breaks
 * a paragraph; U+2028 (a line break inside one, Word's Shift+Enter) is a space, as tabs are.
 */
export function paragraphs(text: string): string {
  // Most abstracts are paragraphs already: one test over the text instead of a test per paragraph
  // and a new string.
  if (tidyParagraphs(text)) return text;
  return text
    .split(/[\n\u2029]/)
    .map(oneLine)
    .filter(Boolean)
    .join('\n');
}

/** Keywords on one line each, empty ones and repeats (ignoring case) dropped, the first spelling kept. */
export function uniqueKeywords(keywords: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of keywords) {
    const word = oneLine(k);
    if (!word) continue;
    const lower = word.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    out.push(word);
  }
  return out;
}

const ONE_LINE_FIELDS = new Set(['journal', 'journalTitle', 'volume', 'issue', 'pages', 'pmid', 'doi', 'pmcid']);

/** Each field into `pub`, made one line where it is one, unless it is empty. */
function addNonEmpty(pub: Publication, fields: PublicationFields): void {
  const out = pub as unknown as Record<string, unknown>;
  const given = fields as Record<string, unknown>;
  for (const key in given) {
    const value = given[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') {
      if (key === 'title') out[key] = value;
      else if (ONE_LINE_FIELDS.has(key)) {
        const line = oneLine(value);
        if (line !== '') out[key] = line;
      } else {
        const trimmed = value.trim();
        if (trimmed !== '') out[key] = trimmed;
      }
    } else if (Array.isArray(value)) {
      if (value.length === 0 && key !== 'authors') continue;
      if (key === 'authors' || key === 'authorsFull' || key === 'publicationTypes') out[key] = (value as string[]).map(oneLine);
      else if (key === 'keywords') {
        const keywords = uniqueKeywords(value as string[]);
        if (keywords.length) out[key] = keywords;
      } else out[key] = value;
    } else out[key] = value;
  }
}
