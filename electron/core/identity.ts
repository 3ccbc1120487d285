import { createHash } from 'node:crypto';

/** Lower case, accents stripped, punctuation dropped, spaces collapsed: for comparing titles and names. */
export function normaliseKeyText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "https://doi.org/10.1000/ABC" and "doi:10.1000/abc" are the same DOI. */
export function normaliseDoi(doi: string): string {
  return doi
    .trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '')
    .toLowerCase();
}

/**
 * A publication's identity, stable across re-imports of the same source: the PMID, else the DOI,
 * else a hash of the normalised title, year and first author's surname. Bookmarks and notes are
 * keyed by it, so it must not depend on the order of publications or on the file they came from.
 */
export function publicationId(p: { pmid?: string; doi?: string; title: string; year?: number; authors: string[] }): string {
  const pmid = p.pmid?.trim();
  if (pmid) return `pmid:${pmid}`;
  if (p.doi?.trim()) return `doi:${normaliseDoi(p.doi)}`;
  const firstAuthor = normaliseKeyText(p.authors[0] ?? '').split(' ')[0] ?? '';
  const key = [normaliseKeyText(p.title), p.year ?? '', firstAuthor].join('|');
  return `key-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}
