/**
 * Two capitals or a capital and a digit, then "  - " (readers in the wild also accept one space).
 * The s flag lets a value hold U+2028 and U+2029, which JavaScript otherwise counts as line ends.
 */
export const TAG_LINE = /^([A-Z][A-Z0-9])[ \t]{1,2}-(?: (.*))?$/s;

const isCapital = (c: number) => c >= 65 && c <= 90;

/**
 * TAG_LINE read by hand (the same rule, no match array): the tag and its value, or null. The
 * reader calls it on every line of a file, where a regex with captures was most of the time.
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
