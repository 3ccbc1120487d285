/**
 * A year range from two boxes as typed: either may be empty (open at that end). Undefined for no
 * range, null for what is not one (a year outside 1-9999, a fraction): the caller keeps the
 * results it has rather than asking main a question it would refuse.
 */
export function yearRange(from: string, to: string): { from: number; to: number } | undefined | null {
  const a = from.trim();
  const b = to.trim();
  if (!a && !b) return undefined;
  const year = (text: string, open: number) => {
    if (!text) return open;
    const n = Number(text);
    return Number.isInteger(n) && n >= 1 && n <= 9999 ? n : null;
  };
  const start = year(a, 0);
  const end = year(b, 9999);
  if (start === null || end === null) return null;
  return start <= end ? { from: start, to: end } : { from: end, to: start };
}
