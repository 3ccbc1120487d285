import type { Publication } from '../model';
import type { ParsedRecord } from '../formats';
import { addToIndex, authorYearOfKey, buildIndex, fillMissing, findMatch, findNearMatch, identityOf, type Identity, type MatchIndex } from './merge';

/**
 * What importing a reference file into one gene would do, worked out before anything is written:
 * each record is new to the gene, an update of a publication the gene has (fields it lacked), or a
 * duplicate that adds nothing. Papers already in the library under another gene are linked, not
 * copied, so a bookmark on them stays one bookmark.
 */

export type RecordStatus = 'new' | 'updated' | 'duplicate';

export interface PublicationSummary {
  id: string;
  title: string;
  year?: number;
  firstAuthor: string;
  journal: string;
}

export interface NearMatch {
  /** The record's place in the file's readable records. */
  index: number;
  line: number;
  incoming: PublicationSummary;
  existing: PublicationSummary;
}

export interface PlannedRecord {
  status: RecordStatus;
  /** What will be stored: the merged publication, under the existing id where there is one. */
  publication: Publication;
}

export interface ImportCounts {
  new: number;
  updated: number;
  duplicate: number;
  skipped: number;
}

export interface ImportPlan {
  records: PlannedRecord[];
  counts: ImportCounts;
  nearMatches: NearMatch[];
}

export const summary = (p: Publication): PublicationSummary => ({
  id: p.id,
  title: p.title,
  ...(p.year !== undefined ? { year: p.year } : {}),
  firstAuthor: p.authors[0] ?? '',
  journal: p.journal,
});

// A record's identity is needed to find its candidates, to plan it and to index it: worked out once.
const identities = new WeakMap<Publication, Identity>();
function identityOfRecord(p: Publication): Identity {
  let x = identities.get(p);
  if (!x) identities.set(p, (x = identityOf(p)));
  return x;
}

/** The library as an import's plan sees it: who is who, and the publications it may match, read. */
export interface LibraryMatches {
  index: MatchIndex;
  /** The stored copy of every publication `index` may match for these records (matchCandidates). */
  stored: ReadonlyMap<string, Publication>;
}

/** The library's publications themselves as LibraryMatches: for a library held in memory (tests, convert). */
export function matchesOf(publications: Iterable<Publication>): LibraryMatches {
  const stored = new Map<string, Publication>();
  for (const p of publications) stored.set(p.id, p);
  return { index: buildIndex([...stored.values()].map(identityOf)), stored };
}

/**
 * Whether a library publication (its PMID, DOI and title key, "" for none) may be what one of
 * these records matches or is offered as a near match: the same PMID, the same DOI, or the same
 * first author and year (which an exact title key match has too). The plan needs no other
 * identity, so the library's index is read for these only.
 */
export function mayMatch(records: ParsedRecord[]): (pmid: string, doi: string, key: string) => boolean {
  const pmids = new Set<string>();
  const dois = new Set<string>();
  const authorYears = new Set<string>();
  for (const record of records) {
    const x = identityOfRecord(record.publication);
    if (x.pmid) pmids.add(x.pmid);
    if (x.doi) dois.add(x.doi);
    authorYears.add(authorYearOfKey(x.key));
  }
  return (pmid, doi, key) => (pmid !== '' && pmids.has(pmid)) || (doi !== '' && dois.has(doi)) || authorYears.has(authorYearOfKey(key));
}

/** The ids of the library publications that records may be matched to or offered as near matches: what the plan must read. */
export function matchCandidates(records: ParsedRecord[], index: MatchIndex): Set<string> {
  const ids = new Set<string>();
  for (const record of records) {
    const x = identityOfRecord(record.publication);
    const match = findMatch(index, x);
    if (match) ids.add(match.id);
    else {
      const near = findNearMatch(index, x);
      if (near) ids.add(near.id);
    }
  }
  return ids;
}

/**
 * @param library who is who in the library, and the stored copies of the publications the records may match
 * @param inGene ids of the target gene's publications (empty for a gene not yet in the library)
 * @param mergeNear indexes of near matches the user chose to merge; the others are kept apart
 */
export function planRecordImport(records: ParsedRecord[], seen: number, library: LibraryMatches | Iterable<Publication>, inGene: Set<string>, mergeNear: ReadonlySet<number> = new Set()): ImportPlan {
  const { index, stored } = 'index' in library ? library : matchesOf(library);
  // A match whose stored copy is not there (the identity index ran ahead of a write that never finished) is no match.
  const storedMatch = (x: Identity | undefined) => (x ? stored.get(x.id) : undefined);
  // Records planned so far, by the id they will be stored under: a paper twice in one file is one paper.
  const planned = new Map<string, PlannedRecord>();
  const fromFile: MatchIndex = buildIndex([]);
  const nearMatches: NearMatch[] = [];
  const counts: ImportCounts = { new: 0, updated: 0, duplicate: 0, skipped: seen - records.length };

  records.forEach((record, i) => {
    const incoming = record.publication;
    const identity = identityOfRecord(incoming);
    const again = findMatch(fromFile, identity);
    if (again) {
      const earlier = planned.get(again.id)!;
      earlier.publication = fillMissing(earlier.publication, incoming).publication;
      counts.duplicate++;
      return;
    }
    let match = storedMatch(findMatch(index, identity));
    if (!match) {
      const near = storedMatch(findNearMatch(index, identity));
      if (near) {
        nearMatches.push({ index: i, line: record.line, incoming: summary(incoming), existing: summary(near) });
        if (mergeNear.has(i)) match = near;
      }
    }
    let plannedRecord: PlannedRecord;
    if (match) {
      const { publication, changed } = fillMissing(match, incoming);
      const status: RecordStatus = !inGene.has(match.id) ? 'new' : changed ? 'updated' : 'duplicate';
      plannedRecord = { status, publication };
    } else {
      plannedRecord = { status: 'new', publication: incoming };
    }
    counts[plannedRecord.status]++;
    planned.set(plannedRecord.publication.id, plannedRecord);
    const id = plannedRecord.publication.id;
    // The file's own records are only asked for exact matches (a paper twice in one file).
    addToIndex(fromFile, id === identity.id ? identity : { ...identity, id }, false);
  });
  return { records: [...planned.values()], counts, nearMatches };
}
