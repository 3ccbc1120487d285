import type { Publication } from '../model';
import { identityOf, normaliseKeyText, titleKey, type Identity } from '../identity';

export { titleKey, identityOf, type Identity };

/**
 * Telling one paper from another across files: the same PMID, else the same DOI (normalised),
 * else the same normalised title, year and first author's surname. A title that differs only
 * slightly (a dropped word, a typo, British and American spelling) is a near match, for the user
 * to merge or keep apart.
 */

export interface MatchIndex {
  byPmid: Map<string, Identity>;
  byDoi: Map<string, Identity>;
  byTitle: Map<string, Identity>;
  /** Candidates for near matches: same first author and year. */
  byAuthorYear: Map<string, Identity[]>;
}

// A title key is "title|year|surname"; the title holds no "|" (punctuation is dropped).
const titleOfKey = (key: string) => key.slice(0, key.indexOf('|'));
// (By hand: a split makes an array for every record of an import.)
export const authorYearOfKey = (key: string) => {
  const a = key.indexOf('|');
  if (a < 0) return '|';
  const b = key.indexOf('|', a + 1);
  if (b < 0) return `|${key.slice(a + 1)}`;
  const c = key.indexOf('|', b + 1);
  return `${key.slice(b + 1, c < 0 ? key.length : c)}|${key.slice(a + 1, b)}`;
};

export function buildIndex(identities: Iterable<Identity>): MatchIndex {
  const index: MatchIndex = { byPmid: new Map(), byDoi: new Map(), byTitle: new Map(), byAuthorYear: new Map() };
  for (const x of identities) addToIndex(index, x);
  return index;
}

// Two publications with one PMID, DOI or title key: the one with the smaller id is the match,
// whatever order they were indexed in (the library's index may be read whole or in part, before
// or after it was last written whole, and must give the same plan).
function setFirst(map: Map<string, Identity>, key: string, x: Identity): void {
  const had = map.get(key);
  if (!had || x.id < had.id) map.set(key, x);
}

/** `near`: also as a candidate for near matches (findNearMatch); an index only findMatch asks need not. */
export function addToIndex(index: MatchIndex, x: Identity, near = true): void {
  if (x.pmid) setFirst(index.byPmid, x.pmid, x);
  if (x.doi) setFirst(index.byDoi, x.doi, x);
  setFirst(index.byTitle, x.key, x);
  if (!near) return;
  const ay = authorYearOfKey(x.key);
  const bucket = index.byAuthorYear.get(ay);
  if (bucket) bucket.push(x);
  else index.byAuthorYear.set(ay, [x]);
}

/**
 * The publication `x` is the same paper as. Two different PMIDs (or DOIs) are two papers, whatever
 * their titles say.
 */
export function findMatch(index: MatchIndex, x: Identity): Identity | undefined {
  if (x.pmid) {
    const hit = index.byPmid.get(x.pmid);
    if (hit) return hit;
  }
  if (x.doi) {
    const hit = index.byDoi.get(x.doi);
    if (hit && !(hit.pmid && x.pmid && hit.pmid !== x.pmid)) return hit;
  }
  const hit = index.byTitle.get(x.key);
  if (hit && !conflicting(hit, x)) return hit;
  return undefined;
}

function conflicting(a: Identity, b: Identity): boolean {
  return (!!a.pmid && !!b.pmid && a.pmid !== b.pmid) || (!!a.doi && !!b.doi && a.doi !== b.doi);
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

/**
 * Publications by the same first author in the same year whose titles differ only slightly. The
 * titles compared are the normalised ones in the title keys (normalising is idempotent, so the
 * score is the score of the titles as written).
 */
export function findNearMatch(index: MatchIndex, x: Identity): Identity | undefined {
  let best: Identity | undefined;
  let bestScore = NEAR_MATCH_SIMILARITY;
  const title = titleOfKey(x.key);
  for (const candidate of index.byAuthorYear.get(authorYearOfKey(x.key)) ?? []) {
    if (conflicting(candidate, x)) continue;
    const score = titleSimilarity(titleOfKey(candidate.key), title);
    // The best score, and of equal ones the smaller id (not the one indexed first or last).
    if (score < 1 && (score > bestScore || (score === bestScore && (!best || candidate.id < best.id)))) {
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
