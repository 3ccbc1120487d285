import type { Publication } from '../../../electron/contract';

/** "Nat Commun. 2019; 10(1):1911", as PubMed and the source page print a citation. */
export function citation(p: Publication): string {
  let text = p.journal ? `${p.journal}. ` : '';
  if (p.year !== undefined) text += String(p.year);
  let where = p.volume ?? '';
  if (p.issue) where += `(${p.issue})`;
  if (p.pages) where += `${where ? ':' : ''}${p.pages}`;
  if (where) text += `${p.year !== undefined ? '; ' : ''}${where}`;
  return text.trim();
}

/** "Barwick BG, Neri P, Bahlis NJ, et al." */
export function authorLine(p: Publication): string {
  if (p.authors.length === 0) return 'No authors listed';
  return p.authors.join(', ') + (p.etAl ? ', et al.' : '');
}

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

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
