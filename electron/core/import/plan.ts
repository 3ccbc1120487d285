import type { Publication } from '../model';
import type { ParsedRecord } from '../formats';
import { addToIndex, buildIndex, fillMissing, findMatch, findNearMatch, type MatchIndex } from './merge';

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

/**
 * @param library every publication the library holds
 * @param inGene ids of the target gene's publications (empty for a gene not yet in the library)
 * @param mergeNear indexes of near matches the user chose to merge; the others are kept apart
 */
export function planRecordImport(records: ParsedRecord[], seen: number, library: MatchIndex | Iterable<Publication>, inGene: Set<string>, mergeNear: ReadonlySet<number> = new Set()): ImportPlan {
  // The library's index may come built (the previews keep one per library revision): it is read here, never changed.
  const index: MatchIndex = 'byPmid' in library ? library : buildIndex(library);
  // Records planned so far, by the id they will be stored under: a paper twice in one file is one paper.
  const planned = new Map<string, PlannedRecord>();
  const fromFile: MatchIndex = buildIndex([]);
  const nearMatches: NearMatch[] = [];
  const counts: ImportCounts = { new: 0, updated: 0, duplicate: 0, skipped: seen - records.length };

  records.forEach((record, i) => {
    const incoming = record.publication;
    const again = findMatch(fromFile, incoming);
    if (again) {
      const earlier = planned.get(again.id)!;
      earlier.publication = fillMissing(earlier.publication, incoming).publication;
      counts.duplicate++;
      return;
    }
    let match = findMatch(index, incoming);
    if (!match) {
      const near = findNearMatch(index, incoming);
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
    addToIndex(fromFile, incoming.id === plannedRecord.publication.id ? incoming : { ...incoming, id: plannedRecord.publication.id });
  });
  return { records: [...planned.values()], counts, nearMatches };
}
