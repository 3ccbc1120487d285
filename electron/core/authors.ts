/**
 * Author names as GeneShelf holds them ("Lilljebjörn H", PubMed's "surname initials" form, or a
 * group such as "Children's Oncology Group") split into what citation formats want, and made
 * from the full names other formats give.
 */
export type AuthorName = { family: string; given: string } | { literal: string };

// PubMed initials: one to four capitals, possibly with a trailing suffix such as "Jr" or "2nd".
const PUBMED_NAME = /^(.+?)\s+([A-Z]{1,4})(?:\s+(Jr|Sr|2nd|3rd|II|III|IV))?$/u;

export function splitAuthorName(name: string): AuthorName {
  const trimmed = name.trim();
  const m = PUBMED_NAME.exec(trimmed);
  if (!m) return { literal: trimmed };
  const suffix = m[3] ? ` ${m[3]}` : '';
  return { family: m[1]!, given: `${m[2]!}${suffix}` };
}

/**
 * "Charles G." or "Jean-Pierre" -> "CG", "JP": the first letter of each given name, upper case.
 * Given names that are initials already ("MF", as GeneShelf writes them into BibTeX) stay as they are.
 */
export function initialsOf(given: string): string {
  const trimmed = given.trim();
  if (isInitials(trimmed)) return trimmed;
  // The first character after each run of spaces, dots and hyphens (a loop over char codes: this
  // runs for every author of every record in a 10,000-record import).
  let out = '';
  let atStart = true;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (c === 32 || c === 46 || c === 45 || c === 9 || c === 10) atStart = true;
    else if (atStart) {
      // A letter outside the BMP is two code units: take both.
      const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < trimmed.length;
      const ch = wide ? trimmed.slice(i, i + 2) : trimmed[i]!;
      if (wide) i++;
      out += c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : c < 128 ? ch : ch.toUpperCase();
      atStart = false;
    }
  }
  return out;
}

/** One to four capital letters ("MF"), as /^\p{Lu}{1,4}$/u says: ASCII by hand, anything else by the regex. */
function isInitials(text: string): boolean {
  if (text.length === 0 || text.length > 8) return false;
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) ascii = false;
    else if (c < 65 || c > 90) return false;
  }
  return ascii ? text.length <= 4 : /^\p{Lu}{1,4}$/u.test(text);
}

/** "Mullighan, Charles G" -> "Mullighan CG": PubMed's short form of a full name. */
export function shortAuthorName(full: string): string {
  const comma = full.indexOf(',');
  if (comma < 0) return full.trim();
  // The given names run to a second comma ("Smith, John, Jr" keeps "John").
  const second = full.indexOf(',', comma + 1);
  const given = full.slice(comma + 1, second < 0 ? full.length : second).trim();
  if (!given) return full.trim();
  return `${full.slice(0, comma).trim()} ${initialsOf(given)}`.trim();
}
