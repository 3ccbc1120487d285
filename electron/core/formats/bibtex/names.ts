import { decodeTexText } from './tex-text';

/**
 * A BibTeX author list in the form reference managers write it ("Iacobucci, Ilaria and
 * Lilljebj{\"o}rn, Henrik"), read here rather than by citation-js: its name grammar was most of
 * what was left of a 10,000-entry file's time once the abstracts were decoded here. Only the plain
 * form is taken: every name "von Last, First" with one comma ("van der" as citation-js reads it,
 * a non-dropping particle), and TeX that decodeTexText knows. Anything else (a protected
 * {Group Name}, "First Last", "Last, Jr, First", "and others", ~) answers null, and the list is
 * left to citation-js whole, so nothing it would read is lost.
 */

export interface PlainName {
  family: string;
  given: string;
  'non-dropping-particle'?: string;
}

const BACKSLASH = 92;
const OPEN = 123;
const CLOSE = 125;
const isLetterCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** The names split at "and" and each at its comma, brace depth 0; null when a brace protects text. */
function splitNames(tex: string): string[][] | null {
  const names: string[][] = [];
  let parts: string[] = [];
  let from = 0;
  let depth = 0;
  // Where the last control sequence ended: a brace right after one is its argument (\c{C}), not protection.
  let commandEnd = -1;
  const n = tex.length;
  for (let i = 0; i < n; i++) {
    const c = tex.charCodeAt(i);
    if (c === BACKSLASH) {
      let j = i + 1;
      if (isLetterCode(tex.charCodeAt(j))) while (isLetterCode(tex.charCodeAt(j))) j++;
      else j++;
      commandEnd = j;
      i = j - 1;
      continue;
    }
    // "~" is a tie, "--" a dash (an accent \~ was stepped over above): neither is in the plain form.
    if (c === 126 || (c === 45 && tex.charCodeAt(i + 1) === 45)) return null;
    if (c === OPEN) {
      if (depth === 0 && i !== commandEnd && tex.charCodeAt(i + 1) !== BACKSLASH) return null;
      depth++;
      continue;
    }
    if (c === CLOSE) {
      if (--depth < 0) return null;
      continue;
    }
    if (depth > 0) continue;
    if (c === 44) {
      parts.push(tex.slice(from, i));
      from = i + 1;
    } else if (c === 32 && (tex.charCodeAt(i + 1) | 32) === 97 && (tex.charCodeAt(i + 2) | 32) === 110 && (tex.charCodeAt(i + 3) | 32) === 100 && tex.charCodeAt(i + 4) === 32) {
      // " and ", in any case
      parts.push(tex.slice(from, i));
      names.push(parts);
      parts = [];
      i += 4;
      from = i + 1;
    }
  }
  if (depth !== 0) return null;
  parts.push(tex.slice(from));
  names.push(parts);
  return names;
}

/** 1 for a word that starts in upper case, -1 in lower case, 0 with no letter of either case. */
function caseOf(word: string): number {
  const c = word.charCodeAt(0);
  if (c >= 65 && c <= 90) return 1;
  if (c >= 97 && c <= 122) return -1;
  if (c < 128) return 0;
  const ch = String.fromCodePoint(word.codePointAt(0)!);
  const lower = ch.toLowerCase();
  if (lower === ch.toUpperCase()) return 0;
  return ch === lower ? -1 : 1;
}

/** Most names hold no TeX at all: only those that do are decoded. */
const TEX = /[\\{}$]/;
const plain = (tex: string) => (TEX.test(tex) ? decodeTexText(tex) : tex);

/** The list's names as CSL names, or null when it is not in the plain form. */
export function decodeNameList(tex: string): PlainName[] | null {
  const names = splitNames(/\s\s|[\t\n\r]/.test(tex) ? tex.replace(/\s+/g, ' ').trim() : tex.trim());
  if (!names) return null;
  const out: PlainName[] = [];
  for (const parts of names) {
    if (parts.length !== 2) return null;
    const [last, first] = parts.map((p) => p.trim()) as [string, string];
    if (!last || !first) return null;
    const family = plain(last);
    const given = plain(first);
    if (!family || !given) return null;
    // BibTeX's "von" part ("van der Velden", "Rivera de la Cruz"): the words up to the last one
    // that starts in lower case, never the last word. A word that starts with no letter of either
    // case is citation-js's to judge.
    if (!family.includes(' ')) {
      if (caseOf(family) === 0) return null;
      out.push({ family, given });
      continue;
    }
    const words = family.split(' ');
    const rawWords = last.split(' ');
    if (rawWords.length !== words.length) return null;
    let von = -1;
    for (let w = 0; w < words.length; w++) {
      // citation-js takes a word that starts with TeX ({\v{Z}}aliov\'a, \c{C}elik) for a particle
      // when another follows: its reading, so its to give.
      if (w < words.length - 1 && (rawWords[w]![0] === '{' || rawWords[w]![0] === '\\')) return null;
      const wordCase = caseOf(words[w]!);
      if (wordCase === 0) return null;
      if (wordCase < 0 && w < words.length - 1) von = w;
    }
    if (von < 0) out.push({ family, given });
    else out.push({ family: words.slice(von + 1).join(' '), given, 'non-dropping-particle': words.slice(0, von + 1).join(' ') });
  }
  return out;
}
