// Citation text is shared with main (CSV export), so it lives in electron/shared.
export { authorLine, citation } from '../../../electron/shared/citation';

/** An abstract's lines, with a "BACKGROUND:"-style label split off where there is one. */
export function abstractParagraphs(text: string): Array<{ label?: string; text: string }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^([A-Z][A-Za-z/&\- ]{1,40}):\s+(.+)$/.exec(line);
      return m ? { label: m[1]!, text: m[2]! } : { text: line };
    });
}

/** "2019-08-31" -> "31 August 2019", read the same way in every locale a clinic may use. */
export function longDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** An ISO date-time (an import's moment) as the day it was, in the reader's own time zone: "2 December 2026". */
export function dayOf(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** An import warning as one line: "Line 40: ..." or "$.genes[0]: ...". */
export function warningText(w: { message: string; line?: number; path?: string }): string {
  return w.line !== undefined ? `Line ${w.line}: ${w.message}` : w.path ? `${w.path}: ${w.message}` : w.message;
}
