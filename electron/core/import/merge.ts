import type { Publication } from '../model';
import { firstSurname, normaliseDoi, normaliseKeyText, titleKey } from '../identity';

export { titleKey };

/**
 * Telling one paper from another across files: the same PMID, else the same DOI (normalised),
 * else the same normalised title, year and first author's surname. A title that differs only
 * slightly (a dropped word, a typo, British and American spelling) is a near match, for the user
 * to merge or keep apart.
 */

export interface MatchIndex {
  byPmid: Map<string, Publication>;
  byDoi: Map<string, Publication>;
  byTitle: Map<string, Publication>;
  /** Candidates for near matches: same first author and year. */
  byAuthorYear: Map<string, Publication[]>;
}

const authorYear = (p: Publication) => `${firstSurname(p)}|${p.year ?? ''}`;

// A record's title key is needed to find its match and again to index it: worked out once.
const titleKeys = new WeakMap<Publication, string>();
function titleKeyOf(p: Publication): string {
  let key = titleKeys.get(p);
  if (key === undefined) {
    key = titleKey(p);
    titleKeys.set(p, key);
  }
  return key;
}

export function buildIndex(publications: Iterable<Publication>): MatchIndex {
  const index: MatchIndex = { byPmid: new Map(), byDoi: new Map(), byTitle: new Map(), byAuthorYear: new Map() };
  for (const p of publications) addToIndex(index, p);
  return index;
}

export function addToIndex(index: MatchIndex, p: Publication): void {
  if (p.pmid) index.byPmid.set(p.pmid, p);
  if (p.doi) index.byDoi.set(normaliseDoi(p.doi), p);
  index.byTitle.set(titleKeyOf(p), p);
  const bucket = index.byAuthorYear.get(authorYear(p));
  if (bucket) bucket.push(p);
  else index.byAuthorYear.set(authorYear(p), [p]);
}

/**
 * The publication `p` is the same paper as. Two different PMIDs (or DOIs) are two papers, whatever
 * their titles say.
 */
export function findMatch(index: MatchIndex, p: Publication): Publication | undefined {
  if (p.pmid) {
    const hit = index.byPmid.get(p.pmid);
    if (hit) return hit;
  }
  if (p.doi) {
    const hit = index.byDoi.get(normaliseDoi(p.doi));
    if (hit && !(hit.pmid && p.pmid && hit.pmid !== p.pmid)) return hit;
  }
  const hit = index.byTitle.get(titleKeyOf(p));
  if (hit && !conflicting(hit, p)) return hit;
  return undefined;
}

function conflicting(a: Publication, b: Publication): boolean {
  return (!!a.pmid && !!b.pmid && a.pmid !== b.pmid) || (!!a.doi && !!b.doi && normaliseDoi(a.doi) !== normaliseDoi(b.doi));
}

function bigrams(text: string): Map<string, number> {
  const s = normaliseKeyText(text).replace(/ /g, '');
  const grams = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Sørensen–Dice similarity of two titles over letter pairs: 1 for the same words, near 0 for unrelated ones. */
export function titleSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const [g, n] of y) {
    total += n;
    shared += Math.min(n, x.get(g) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

export const NEAR_MATCH_SIMILARITY = 0.85;

/** Publications by the same first author in the same year whose titles differ only slightly. */
export function findNearMatch(index: MatchIndex, p: Publication): Publication | undefined {
  let best: Publication | undefined;
  let bestScore = NEAR_MATCH_SIMILARITY;
  for (const candidate of index.byAuthorYear.get(authorYear(p)) ?? []) {
    if (conflicting(candidate, p)) continue;
    const score = titleSimilarity(candidate.title, p.title);
    if (score >= bestScore && score < 1) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

const FILLABLE: Array<keyof Publication> = ['pmid', 'doi', 'pmcid', 'journalTitle', 'year', 'volume', 'issue', 'pages', 'publicationTypes', 'mesh'];

/**
 * `existing` with what it lacks taken from `incoming`: missing fields filled, nothing it has
 * overwritten, its id kept (bookmarks and notes hang on it). An author list cut short ("et al.")
 * gives way to a longer one.
 */
export function fillMissing(existing: Publication, incoming: Publication): { publication: Publication; changed: boolean } {
  const out: Publication = { ...existing };
  let changed = false;
  const take = <K extends keyof Publication>(key: K, value: Publication[K]) => {
    out[key] = value;
    changed = true;
  };
  for (const key of FILLABLE) {
    const mine = out[key];
    const theirs = incoming[key];
    const empty = mine === undefined || mine === '' || (Array.isArray(mine) && mine.length === 0);
    const present = theirs !== undefined && theirs !== '' && !(Array.isArray(theirs) && theirs.length === 0);
    if (empty && present) take(key, theirs);
  }
  if (!out.journal && incoming.journal) take('journal', incoming.journal);
  if (!out.abstract && incoming.abstract) take('abstract', incoming.abstract);
  if (!out.freeFullText && incoming.freeFullText) take('freeFullText', true);
  if ((out.etAl || out.authors.length === 0) && incoming.authors.length > out.authors.length) {
    take('authors', incoming.authors);
    take('etAl', incoming.etAl);
  }
  // Full names only where they line up with the author list kept.
  if (!out.authorsFull && incoming.authorsFull && incoming.authorsFull.length === out.authors.length) take('authorsFull', incoming.authorsFull);
  return { publication: out, changed };
}
