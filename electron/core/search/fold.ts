/**
 * The folding that makes search forgiving the way clinicians type: case, accents, Greek letters
 * and British spellings are folded away, the same way in the index and in the query, so
 * "Ayon-Perez" finds Ayón-Pérez, "leukaemia" finds leukemia and "TNF-α" finds TNF-alpha.
 * MiniSearch and its peers fold case only; the rest is GeneShelf's own.
 */

const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta',
  ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', ο: 'omicron', π: 'pi', ρ: 'rho',
  σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  // The micro sign is its own code point, typed for "µg" and in old files for mu.
  µ: 'mu',
};

/** Latin letters that do not decompose into a base letter and a mark. */
const LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };

const SPECIAL = new RegExp(`[${Object.keys(GREEK).join('')}${Object.keys(LETTERS).join('')}]`, 'gu');
const MARKS = /\p{M}+/gu;

/**
 * Lower case, no accents, Greek letters spelled out (as separate words, so "TNFα" and "TNF-alpha"
 * give the same words). Offsets are not kept: highlighting folds each displayed word on its own.
 */
export function foldCharacters(text: string): string {
  let out = text.toLowerCase();
  // Only text that needs it is decomposed: most of an English abstract is plain ASCII.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(out)) {
    out = out.normalize('NFD').replace(MARKS, '').replace(SPECIAL, (c) => (GREEK[c] ? ` ${GREEK[c]} ` : LETTERS[c]!));
  }
  return out;
}

/**
 * British spellings as American ones, for the words medicine writes both ways. Rules, not a word
 * list, where a rule is safe: it runs on both sides, so it only has to keep two different real
 * words apart, never to give a correct spelling.
 */
export function foldSpelling(word: string): string {
  if (word.length < 4) return word;
  let w = word;
  // haem-, leukaem-, anaem-, paed-, gynaec-, aetiol-, anaesth-, faec-: "ae" before m, d, t, s, c.
  // ("aerobic", "algae" and "Michael" keep theirs.)
  if (w.includes('ae')) w = w.replace(/ae(?=[mdtsc])/g, 'e');
  // oesophagus, oestrogen, oedema, foetal, coeliac, diarrhoea, dyspnoea, amoeba: a short list, as
  // "does", "shoe" and "coenzyme" must keep theirs.
  if (w.includes('oe')) w = w.replace(/^(oesoph|oestr|oedem|foet|coeli|diarrhoe|dyspnoe|apnoe|amoeb)/, (stem) => stem.replace('oe', 'e'));
  // tumour, behaviour, colour, favourable, ...; "four", "journal" and "source" keep theirs.
  w = w.replace(/^(tum|col|behavi|fav|hon|lab|od|vap|hum|rum|neighb|flav|harb|vig|rig|arm)our/, '$1or');
  // randomised, characterisation, analyse: -ise/-yse as -ize/-yze.
  w = w.replace(/([iy])s(e|ed|es|ing|ation|ations|er|ers)$/, '$1z$2');
  // centre, fibre, litre, metre; catalogue, analogue.
  w = w.replace(/^(cent|fib|lit|met|calib|theat)re(s|d)?$/, '$1er$2').replace(/ogue(s)?$/, 'og$1');
  return w;
}

/** Words too common to find anything by; left out of the index and of queries. */
export const STOP_WORDS = new Set(
  'a an and are as at be been but by for from had has have in into is it its of on or that the their there these this to was were which with'.split(' '),
);

export interface Token {
  term: string;
  /** Position among the kept words of the text, for phrases. */
  position: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Which non-ASCII characters are part of words, as they are met. */
const wordChar = new Map<number, boolean>();

export function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  let yes = wordChar.get(c);
  if (yes === undefined) {
    yes = LETTER_OR_DIGIT.test(String.fromCharCode(c));
    wordChar.set(c, yes);
  }
  return yes;
}

/**
 * Calls visit with each word of a text, characters folded (foldCharacters) but spelling not yet,
 * stop words left out: the indexer's inner loop, so it splits by hand, not with a regex.
 */
export function eachWord(text: string, visit: (word: string) => void): void {
  if (!text) return;
  const folded = foldCharacters(text);
  const n = folded.length;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const inWord = i < n && isWordChar(folded.charCodeAt(i));
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const word = folded.slice(start, i);
      if (!STOP_WORDS.has(word)) visit(word);
      start = -1;
    }
  }
}

/** Words folded already, for queries and highlighting (the indexer keeps its own table per segment). */
const spelled = new Map<string, string>();
const SPELLED_MAX = 20_000;

/** foldSpelling, remembered. */
export function spellingOf(raw: string): string {
  let term = spelled.get(raw);
  if (term === undefined) {
    if (spelled.size > SPELLED_MAX) spelled.clear();
    term = foldSpelling(raw);
    spelled.set(raw, term);
  }
  return term;
}

/**
 * The index terms of a text in order: folded, spelling folded, stop words dropped (positions count
 * only the kept words, so a phrase with a stop word inside still matches).
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  eachWord(text, (word) => out.push({ term: spellingOf(word), position: out.length }));
  return out;
}

/** The terms of a text, folded, in order, stop words dropped: what a query word becomes. */
export function termsOf(text: string): string[] {
  return tokenize(text).map((t) => t.term);
}

/**
 * The terms of one displayed word (usually one; "TNFα" gives two), remembered: highlighting and
 * snippets fold every word of the titles and abstracts on a page of results, and the same words
 * come back on every page.
 */
const wordTerms = new Map<string, string[]>();
export function termsOfWord(word: string): string[] {
  let terms = wordTerms.get(word);
  if (!terms) {
    if (wordTerms.size > SPELLED_MAX) wordTerms.clear();
    terms = termsOf(word);
    wordTerms.set(word, terms);
  }
  return terms;
}

/** One word folded as the index folds it ("" for a stop word or none): for highlighting a displayed word. */
export function termOf(word: string): string {
  return termsOf(word)[0] ?? '';
}
