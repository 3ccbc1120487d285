/**
 * How old a gene's content is, said plainly ("Page revised 31 August 2019 · 7 years ago"), and
 * whether it is older than the reader's threshold (two years unless they chose otherwise), so a
 * clinician sees at once when a page may have been overtaken by newer findings. Dates are the
 * source's own (the page's revision, else when its summary was accessed), never the import's.
 */

import { DEFAULT_STALE_YEARS } from '../../shared/currency';
export { DEFAULT_STALE_YEARS, STALE_YEAR_CHOICES } from '../../shared/currency';

export interface Currency {
  /** ISO date of the content, and what it is. */
  date: string;
  label: 'Page revised' | 'Summary accessed';
  /** "7 years ago", "8 months ago", "this month". */
  age: string;
  /** Whole years between the date and now. */
  years: number;
  /** Older than the threshold. */
  stale: boolean;
  thresholdYears: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole months from an ISO date to `now` (negative for a date to come). */
function monthsSince(iso: string, now: Date): number | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let months = (now.getUTCFullYear() - y) * 12 + (now.getUTCMonth() + 1 - mo);
  if (now.getUTCDate() < d) months--;
  return months;
}

export function ageText(months: number): string {
  if (months < 1) return 'this month';
  if (months < 12) return `${months} month${months === 1 ? '' : 's'} ago`;
  const years = Math.floor(months / 12);
  return `${years} year${years === 1 ? '' : 's'} ago`;
}

/** The content's age, or null when the source gives no date GeneShelf can read. */
export function currencyOf(provenance: { pageRevised?: string; sourceAccessed?: string }, now: Date, thresholdYears = DEFAULT_STALE_YEARS): Currency | null {
  const candidates: Array<[string | undefined, Currency['label']]> = [
    [provenance.pageRevised, 'Page revised'],
    [provenance.sourceAccessed, 'Summary accessed'],
  ];
  for (const [date, label] of candidates) {
    if (!date) continue;
    const months = monthsSince(date, now);
    if (months === null) continue;
    const age = Math.max(months, 0);
    return { date, label, age: ageText(age), years: Math.floor(age / 12), stale: age >= thresholdYears * 12, thresholdYears };
  }
  return null;
}

/**
 * Whether an abstract stops mid-sentence, as a page saved from the web cuts them ("…(G1 to G8
 * associated with"): a whole abstract ends with a full stop, a question or exclamation mark, or a
 * closing bracket or quote (a trial registration in brackets, a copyright line). The page reader
 * judges its titles by the same rule (titleCutOff); titles from reference exports are not judged,
 * as those write them without a full stop.
 */
export function isCutOff(abstract: string): boolean {
  const text = abstract.trim();
  return text !== '' && !/[.?!)\]"'”’]$/.test(text);
}
