import type { ReadingListEntry } from '../../../electron/contract';

/** How a reading list can be ordered on screen; "order" is the user's own. */
export const SORTS = {
  order: 'Your order',
  added: 'Date added (newest first)',
  year: 'Year (newest first)',
  journal: 'Journal (A–Z)',
  title: 'Title (A–Z)',
  gene: 'Gene (A–Z)',
} as const;

export type SortKey = keyof typeof SORTS;

const text = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });

/** A sorted copy (ties keep the user's order); `unreadOnly` hides what is marked read. */
export function arrangeEntries(entries: ReadingListEntry[], sort: SortKey, unreadOnly: boolean): ReadingListEntry[] {
  const shown = unreadOnly ? entries.filter((e) => !e.read) : [...entries];
  const by: Record<Exclude<SortKey, 'order'>, (a: ReadingListEntry, b: ReadingListEntry) => number> = {
    added: (a, b) => b.dateAdded.localeCompare(a.dateAdded),
    // Undated publications go last.
    year: (a, b) => (b.publication.year ?? -1e9) - (a.publication.year ?? -1e9),
    journal: (a, b) => text(a.publication.journal, b.publication.journal),
    title: (a, b) => text(a.publication.title, b.publication.title),
    gene: (a, b) => text(a.genes[0] ?? '\uffff', b.genes[0] ?? '\uffff'),
  };
  return sort === 'order' ? shown : shown.sort(by[sort]);
}
