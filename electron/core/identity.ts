import { createHash } from 'node:crypto';
import { PUBLICATION_ID_PATTERN } from '../shared/ids';

/** Lower case, accents stripped, punctuation dropped, spaces collapsed: for comparing titles and names. */
export function normaliseKeyText(text: string): string {
  // NFKD, and the accents it separates dropped, only where there is something to decompose: most
  // titles are ASCII.
  return (/[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text)
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
type Identifiable = { pmid?: string; doi?: string; title: string; year?: number; authors: string[] };

/** The first author's surname, normalised: the first word of the first name. */
export function firstSurname(p: Pick<Identifiable, 'authors'>): string {
  return normaliseKeyText(p.authors[0] ?? '').split(' ')[0] ?? '';
}

/** Normalised title, year and first author's surname: the identity of a paper with no PMID or DOI. */
export function titleKey(p: Identifiable): string {
  return `${normaliseKeyText(p.title)}|${p.year ?? ''}|${firstSurname(p)}`;
}

/**
 * Always an id the IPC contract accepts (PUBLICATION_ID_PATTERN): a PMID that is not digits or a
 * DOI too long for the pattern falls through to the next rule rather than making an id the app
 * could show but never bookmark. Readers clean PMIDs (and warn) before they get here.
 */
export function publicationId(p: Identifiable): string {
  const pmid = p.pmid?.trim();
  if (pmid && PUBLICATION_ID_PATTERN.test(`pmid:${pmid}`)) return `pmid:${pmid}`;
  const doi = p.doi?.trim() ? `doi:${normaliseDoi(p.doi)}` : '';
  if (doi && PUBLICATION_ID_PATTERN.test(doi)) return doi;
  return `key-${createHash('sha256').update(titleKey(p)).digest('hex').slice(0, 16)}`;
}

/** Whether a string is a publication id as GeneShelf makes them (and the contract accepts). */
export function isPublicationId(id: string): boolean {
  return PUBLICATION_ID_PATTERN.test(id);
}

/**
 * What telling papers apart needs of a publication, and no more: the library keeps one per
 * publication (library/identity-index.ts), so an import checks for duplicates without reading the
 * publications themselves, and reads only those it matches.
 */
export interface Identity {
  id: string;
  pmid?: string;
  /** Normalised (normaliseDoi). */
  doi?: string;
  /** titleKey: normalised title, year and first author's surname, joined by "|". */
  key: string;
}

export function identityOf(p: Identifiable & { id: string }): Identity {
  // Written out rather than spread together: one is made for every record an import reads.
  const { id, pmid } = p;
  const key = titleKey(p);
  if (p.doi) {
    const doi = normaliseDoi(p.doi);
    return pmid ? { id, pmid, doi, key } : { id, doi, key };
  }
  return pmid ? { id, pmid, key } : { id, key };
}
