const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthIndex(name: string): number {
  const n = name.toLowerCase();
  return MONTHS.findIndex((m) => m === n || (n.length >= 3 && m.startsWith(n)));
}

function iso(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

/** Reads the dates pages print ("31 August, 2019", "August 31, 2019", "2019-08-31") as ISO YYYY-MM-DD. */
export function parsePageDate(text: string): string | undefined {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})/.exec(t);
  if (m) {
    const month = monthIndex(m[2]!);
    return month < 0 ? undefined : iso(Number(m[3]), month, Number(m[1]));
  }
  m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/.exec(t);
  if (m) {
    const month = monthIndex(m[1]!);
    return month < 0 ? undefined : iso(Number(m[3]), month, Number(m[2]));
  }
  return undefined;
}
