
const isCapital = (c: number) => c >= 65 && c <= 90;

/** Where tagAt found a tag: its code (two characters as one number) and where its value starts. Reused for every line. */
export interface TagHit {
  code: number;
  value: number;
}
const hit: TagHit = { code: 0, value: 0 };

/**
 * A RIS tag line in text[start, end): two capitals or a capital and a digit, one or two spaces (or
 * tabs), "-", then the end or a space and the value (which may hold U+2028). Returns the one
 * TagHit object, filled in, or null. Read by hand and in place, not by a regex with captures or
 * on a copy of the line: the reader calls it on every line of a file, and the writer on every
 * line of a value (one that would read as a tag is indented).
 */
export function tagAt(text: string, start: number, end: number): TagHit | null {
  if (end - start < 3) return null;
  const c0 = text.charCodeAt(start);
  const c1 = text.charCodeAt(start + 1);
  if (!isCapital(c0) || !(isCapital(c1) || (c1 >= 48 && c1 <= 57))) return null;
  let i = start + 2;
  while (i < start + 4 && i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i === start + 2 || i >= end || text.charCodeAt(i) !== 45) return null;
  hit.code = c0 * 128 + c1;
  if (end === i + 1) {
    hit.value = end;
    return hit;
  }
  if (text.charCodeAt(i + 1) !== 32) return null;
  hit.value = i + 2;
  return hit;
}

const names = new Map<number, string>();
/** The tag a TagHit code stands for: one string per tag, not one per line. */
export function tagName(code: number): string {
  let name = names.get(code);
  if (name === undefined) names.set(code, (name = String.fromCharCode(Math.floor(code / 128), code % 128)));
  return name;
}

/** The tag and value of a line that is a RIS tag line (see tagAt), or null. */
export function tagLine(line: string): { tag: string; value: string } | null {
  const found = tagAt(line, 0, line.length);
  return found ? { tag: tagName(found.code), value: line.slice(found.value) } : null;
}
