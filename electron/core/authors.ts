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
  if (/^\p{Lu}{1,4}$/u.test(trimmed)) return trimmed;
  // The first character after each run of spaces, dots and hyphens (a loop: this runs for every
  // author of every record in a 10,000-record import).
  let out = '';
  let atStart = true;
  for (const ch of trimmed) {
    if (ch === ' ' || ch === '.' || ch === '-' || ch === '\t' || ch === '\n') atStart = true;
    else if (atStart) {
      out += ch.toUpperCase();
      atStart = false;
    }
  }
  return out;
}

/** "Mullighan, Charles G" -> "Mullighan CG": PubMed's short form of a full name. */
export function shortAuthorName(full: string): string {
  const comma = full.indexOf(',');
  const given = comma < 0 ? '' : full.slice(comma + 1).split(',')[0]!.trim();
  if (!given) return full.trim();
  return `${full.slice(0, comma).trim()} ${initialsOf(given)}`.trim();
}
