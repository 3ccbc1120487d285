
const isCapital = (c: number) => c >= 65 && c <= 90;

/**
 * A RIS tag line: two capitals or a capital and a digit, one or two spaces (or tabs), "-", then
 * the end or a space and the value (which may hold U+2028). The tag and its value, or null. Read
 * by hand, not by a regex with captures: the reader calls it on every line of a file, and the
 * writer on every line of a value (one that would read as a tag is indented).
 */
export function tagLine(line: string): { tag: string; value: string } | null {
  const c1 = line.charCodeAt(1);
  if (!isCapital(line.charCodeAt(0)) || !(isCapital(c1) || (c1 >= 48 && c1 <= 57))) return null;
  let i = 2;
  while (i < 4 && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  if (i === 2 || line.charCodeAt(i) !== 45) return null;
  if (line.length === i + 1) return { tag: line.slice(0, 2), value: '' };
  if (line.charCodeAt(i + 1) !== 32) return null;
  return { tag: line.slice(0, 2), value: line.slice(i + 2) };
}
