/**
 * Plain TeX text as reference managers write it into long BibTeX fields (abstracts): accents,
 * escaped specials, a few named symbols, dashes and quotes, braces. Decoding the abstract here
 * rather than in citation-js is what makes a 10,000-entry file quick: its grammar spends most of
 * its time on the longest field. Anything outside this table (math, \emph, an unknown command)
 * answers null, and the field is left to citation-js, so nothing it would decode is lost.
 */

const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  b: '\u0331',
  d: '\u0323',
};

const SYMBOLS: Record<string, string> = {
  ss: 'ß',
  AA: 'Å',
  aa: 'å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  par: '\n',
  textbackslash: '\\',
  textasciitilde: '~',
  textasciicircum: '^',
  textless: '<',
  textgreater: '>',
  textbar: '|',
  textendash: '–',
  textemdash: '—',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  textdegree: '°',
  textmu: 'µ',
  textpm: '±',
};

/** Characters a backslash escapes to themselves. */
const ESCAPED = new Set(['%', '&', '$', '#', '_', '{', '}']);

const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

// Runs of ordinary characters are copied whole: only these need a decision. (Shared by the calls,
// nested ones too: lastIndex is set just before each use.)
const SPECIAL = /[\\{}$~\-`'\n\r\t]/g;
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * A base letter under an accent: TeX's dotless i and j (\"{\i}) are there only so the dot does not
 * clash with the accent, and in Unicode the accented plain letter is meant.
 */
const undotted = (base: string) => (base === 'ı' ? 'i' : base === 'ȷ' ? 'j' : base);

/** The decoded text, or null when it holds TeX this table does not know. */
export function decodeTexText(tex: string): string | null {
  let out = '';
  // Only text with an accent added, or with characters beyond ASCII, can need composing.
  let compose = false;
  let i = 0;
  const n = tex.length;
  // The argument of an accent: "{x}", "{\i}", "\i" or "x"; null when it is none of these.
  const argument = (): string | null => {
    if (tex[i] === '{') {
      const close = tex.indexOf('}', i);
      if (close < 0) return null;
      const inner = decodeTexText(tex.slice(i + 1, close));
      i = close + 1;
      return inner;
    }
    if (tex[i] === '\\') {
      let j = i + 1;
      while (isLetter(tex[j])) j++;
      const symbol = SYMBOLS[tex.slice(i + 1, j)];
      if (symbol === undefined) return null;
      i = j;
      return symbol;
    }
    const c = tex[i];
    if (c === undefined) return null;
    i++;
    return c;
  };
  while (i < n) {
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(tex);
    const stop = next ? next.index : n;
    if (stop > i) {
      out += tex.slice(i, stop);
      i = stop;
      if (i >= n) break;
    }
    const c = tex[i]!;
    if (c === '\\') {
      const next = tex[i + 1];
      if (next === undefined) return null;
      if (ESCAPED.has(next)) {
        out += next;
        i += 2;
        continue;
      }
      if (!isLetter(next)) {
        const mark = ACCENTS[next];
        if (mark === undefined) return null;
        i += 2;
        const base = argument();
        if (base === null || base === '') return null;
        out += undotted(base) + mark;
        compose = true;
        continue;
      }
      let j = i + 1;
      while (isLetter(tex[j])) j++;
      const name = tex.slice(i + 1, j);
      i = j;
      const mark = name.length === 1 ? ACCENTS[name] : undefined;
      if (mark !== undefined) {
        while (tex[i] === ' ') i++;
        const base = argument();
        if (base === null || base === '') return null;
        out += undotted(base) + mark;
        compose = true;
        continue;
      }
      const symbol = SYMBOLS[name];
      if (symbol === undefined) return null;
      out += symbol;
      // A command word ends at an empty group, or at the spaces after it, which TeX swallows
      // (a line break after them stays a space, as citation-js reads it).
      if (tex.startsWith('{}', i)) i += 2;
      else while (tex[i] === ' ' || tex[i] === '\t') i++;
      continue;
    }
    if (c === '$') return null;
    if (c === '{' || c === '}') {
      i++;
      continue;
    }
    // A line break in TeX is a space; a paragraph is a blank line, which the reader made \par.
    if (c === '\n' || c === '\r' || c === '\t') out += ' ';
    else if (c === '~') out += '\u00a0';
    else if (c === '-' && tex.startsWith('---', i)) {
      out += '—';
      i += 3;
      continue;
    } else if (c === '-' && tex[i + 1] === '-') {
      out += '–';
      i += 2;
      continue;
    } else if (c === '`' && tex[i + 1] === '`') {
      out += '“';
      i += 2;
      continue;
    } else if (c === "'" && tex[i + 1] === "'") {
      out += '”';
      i += 2;
      continue;
    } else out += c;
    i++;
  }
  return compose || NOT_ASCII.test(out) ? out.normalize('NFC') : out;
}

/** One field of an entry as it lies in the entry's text. */
export interface FieldSpan {
  /** Lower case. */
  name: string;
  /** Where the field's name starts. */
  from: number;
  /** Just after its value. */
  to: number;
  /** Where what is between the braces lies, when the value is one braced part. */
  braced: { start: number; end: number } | null;
}

const SPACE = new Set([' ', '\t', '\n', '\r']);
const NAME_END = new Set([...SPACE, '=', ',', '{', '}']);
const BARE_END = new Set([...SPACE, ',', '#', '}', ')']);

/**
 * The fields of an entry ("@article{key, title = {...}, year = 2020}"), found by walking them as
 * BibTeX does: braces balanced, \{ and \} escaped, quoted values, # concatenation. Null when the
 * entry does not scan (unbalanced, cut off); the caller then leaves the whole entry to citation-js.
 */
export function scanFields(entry: string): FieldSpan[] | null {
  const n = entry.length;
  let i = entry.search(/[{(]/);
  if (i < 0) return null;
  i = entry.indexOf(',', i);
  if (i < 0) return null;
  i++;
  const fields: FieldSpan[] = [];
  // The index after the brace that closes the one at `open`, or -1. (The expression jumps from
  // one brace or backslash to the next: an abstract is mostly neither.)
  const braces = /[\\{}]/g;
  const closeBrace = (open: number): number => {
    let depth = 0;
    braces.lastIndex = open;
    for (let m = braces.exec(entry); m; m = braces.exec(entry)) {
      const j = m.index;
      const c = entry.charCodeAt(j);
      if (c === 92) braces.lastIndex = j + 2;
      else if (c === 123) depth++;
      else if (--depth === 0) return j + 1;
    }
    return -1;
  };
  for (;;) {
    while (i < n && (SPACE.has(entry[i]!) || entry[i] === ',')) i++;
    if (i >= n) return null;
    if (entry[i] === '}' || entry[i] === ')') return fields;
    const from = i;
    while (i < n && !NAME_END.has(entry[i]!)) i++;
    const name = entry.slice(from, i).toLowerCase();
    while (i < n && SPACE.has(entry[i]!)) i++;
    if (entry[i] !== '=') return null;
    i++;
    let parts = 0;
    let braced: { start: number; end: number } | null = null;
    let to = i;
    for (;;) {
      while (i < n && SPACE.has(entry[i]!)) i++;
      parts++;
      if (entry[i] === '{') {
        const end = closeBrace(i);
        if (end < 0) return null;
        braced = { start: i + 1, end: end - 1 };
        i = end;
      } else if (entry[i] === '"') {
        braced = null;
        let depth = 0;
        let j = i + 1;
        for (; j < n; j++) {
          const c = entry[j];
          if (c === '\\') j++;
          else if (c === '{') depth++;
          else if (c === '}') depth--;
          else if (c === '"' && depth === 0) break;
        }
        if (j >= n) return null;
        i = j + 1;
      } else {
        braced = null;
        const start = i;
        while (i < n && !BARE_END.has(entry[i]!)) i++;
        if (i === start) return null;
      }
      to = i;
      while (i < n && SPACE.has(entry[i]!)) i++;
      if (entry[i] !== '#') break;
      i++;
    }
    fields.push({ name, from, to, braced: parts === 1 ? braced : null });
  }
}
