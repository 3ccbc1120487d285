import type { Provenance, Publication, YearCount } from '../model';
import { publicationLinks, readingUrl, type PublicationLinks } from '../links';
import { countByYear } from '../genes';
import type { UserData } from '../library';
import { ALL_BOOKMARKS, ALL_BOOKMARKS_NAME } from '../../shared/lists';
import { own } from '../../shared/own';
import type { ExportRecord, ListedPublication } from './records';

export { ALL_BOOKMARKS };

export interface ListSummary {
  id: string;
  name: string;
  count: number;
  unread: number;
}

/** What every screen needs to draw stars and list menus: the lists and who is in which. */
export interface ListsState {
  lists: ListSummary[];
  /** Publication id -> ids of the lists that hold it. A publication missing here is not bookmarked. */
  memberships: Record<string, string[]>;
  /**
   * Set on a change's answer that carries only the publications the change touched (a publication
   * in no list now has []): the others are as they were. A star's click then does not send, and
   * copy across to the window, the memberships of ten thousand bookmarks.
   */
  partial?: true;
}

export interface ReadingListEntry extends ListedPublication {
  lists: Array<{ id: string; name: string }>;
  links: PublicationLinks;
}

export interface ReadingListView {
  /** A list id, or ALL_BOOKMARKS. */
  id: string;
  name: string;
  /** False for All bookmarks, which gathers items from several lists: edit them in their own list. */
  editable: boolean;
  entries: ReadingListEntry[];
  counts: { items: number; unread: number; genes: number; notInLibrary: number };
  byYear: YearCount[];
  byJournal: Array<{ journal: string; count: number }>;
}

/** Where the views find publications: the library first, the lists' snapshots after. */
/**
 * What a list view asks of the library: its copy of a listed publication (read beforehand from the
 * shards that hold the list's papers) and the genes that cite it. A paper the library no longer
 * holds comes from its snapshot.
 */
export interface PublicationLookup {
  publication(id: string): Publication | undefined;
  genes(id: string): string[];
}

/** The lists, and the memberships of `touched` alone: a change's answer (see ListsState.partial). */
export function listsStateOf(data: UserData, touched: readonly string[]): ListsState {
  const wanted = new Set(touched);
  const memberships: Record<string, string[]> = {};
  for (const id of wanted) Object.defineProperty(memberships, id, { value: [], enumerable: true, writable: true, configurable: true });
  for (const list of data.lists) for (const item of list.items) if (wanted.has(item.publicationId)) memberships[item.publicationId]!.push(list.id);
  return { lists: listSummaries(data), memberships, partial: true };
}

function listSummaries(data: UserData): ListSummary[] {
  return data.lists.map((l) => ({ id: l.id, name: l.name, count: l.items.length, unread: l.items.filter((i) => !i.read).length }));
}

export function listsState(data: UserData): ListsState {
  const byId = new Map<string, string[]>();
  for (const list of data.lists) {
    for (const item of list.items) {
      const lists = byId.get(item.publicationId);
      if (lists) lists.push(list.id);
      else byId.set(item.publicationId, [list.id]);
    }
  }
  // fromEntries makes own entries, whatever the id.
  const memberships = Object.fromEntries(byId);
  return {
    lists: listSummaries(data),
    memberships,
  };
}

type Holders = Map<string, Array<{ id: string; name: string }>>;

/** Which lists hold each publication, worked out once per view rather than once per item. */
function holdersOf(data: UserData): Holders {
  const holders: Holders = new Map();
  for (const list of data.lists) {
    for (const item of list.items) {
      const entry = { id: list.id, name: list.name };
      const known = holders.get(item.publicationId);
      if (known) known.push(entry);
      else holders.set(item.publicationId, [entry]);
    }
  }
  return holders;
}

function entryFor(
  data: UserData,
  holders: Holders,
  lookup: PublicationLookup,
  id: string,
  item: { note: string; read: boolean; dateAdded: string },
): ReadingListEntry | null {
  const live = lookup.publication(id);
  const snapshot = own(data.snapshots, id);
  const publication = live ?? snapshot;
  if (!publication) return null;
  // A snapshot carries a genes field the view keeps apart; strip it from the publication.
  const { genes: _genes, ...pub } = publication as Publication & { genes?: string[] };
  return {
    publication: pub,
    genes: live ? lookup.genes(id) : (snapshot?.genes ?? []),
    inLibrary: !!live,
    ...item,
    lists: holders.get(id) ?? [],
    links: publicationLinks(pub),
  };
}

/** One list in the user's order, or All bookmarks: each publication once, gathered list by list. */
export function buildListView(data: UserData, listId: string, lookup: PublicationLookup): ReadingListView | null {
  let entries: ReadingListEntry[];
  let name: string;
  const holders = holdersOf(data);
  if (listId === ALL_BOOKMARKS) {
    name = ALL_BOOKMARKS_NAME;
    const merged = new Map<string, { note: string[]; read: boolean; dateAdded: string }>();
    for (const list of data.lists) {
      for (const item of list.items) {
        const seen = merged.get(item.publicationId);
        if (!seen) merged.set(item.publicationId, { note: item.note ? [item.note] : [], read: item.read, dateAdded: item.dateAdded });
        else {
          if (item.note && !seen.note.includes(item.note)) seen.note.push(item.note);
          seen.read ||= item.read;
          if (item.dateAdded < seen.dateAdded) seen.dateAdded = item.dateAdded;
        }
      }
    }
    entries = [...merged].flatMap(([id, m]) => entryFor(data, holders, lookup, id, { note: m.note.join('; '), read: m.read, dateAdded: m.dateAdded }) ?? []);
  } else {
    const list = data.lists.find((l) => l.id === listId);
    if (!list) return null;
    name = list.name;
    entries = list.items.flatMap((item) => entryFor(data, holders, lookup, item.publicationId, item) ?? []);
  }
  return {
    id: listId,
    name,
    editable: listId !== ALL_BOOKMARKS,
    entries,
    counts: {
      items: entries.length,
      unread: entries.filter((e) => !e.read).length,
      genes: new Set(entries.flatMap((e) => e.genes)).size,
      notInLibrary: entries.filter((e) => !e.inLibrary).length,
    },
    byYear: countByYear(entries.map((e) => e.publication)),
    byJournal: countByJournal(entries.map((e) => e.publication)),
  };
}

function countByJournal(publications: Publication[]): Array<{ journal: string; count: number }> {
  const counts = new Map<string, number>();
  for (const p of publications) {
    const journal = p.journal.trim() || 'No journal';
    counts.set(journal, (counts.get(journal) ?? 0) + 1);
  }
  return [...counts].map(([journal, count]) => ({ journal, count })).sort((a, b) => b.count - a.count || a.journal.localeCompare(b.journal));
}

/**
 * The rows an export writes, in the view's order; the List column names the list, or each list
 * holding it. `provenanceOf` gives a gene's provenance from the library (undefined for a gene it
 * no longer holds).
 */
export function exportRecords(view: ReadingListView, provenanceOf: (symbol: string) => Provenance | undefined = () => undefined): ExportRecord[] {
  return view.entries.map((e) => ({
    publication: e.publication,
    genes: e.genes,
    inLibrary: e.inLibrary,
    note: e.note,
    read: e.read,
    dateAdded: e.dateAdded,
    lists: view.editable ? [view.name] : e.lists.map((l) => l.name),
    url: readingUrl(e.publication),
    geneSources: e.genes.flatMap((symbol) => {
      const provenance = provenanceOf(symbol);
      return provenance ? [{ symbol, provenance }] : [];
    }),
  }));
}
