import { UserStateError } from '../errors';
import type { LibraryStore } from '../library';
import type { ReadingListView } from '../lists';
import type { Publication } from '../model';
import { own } from '../../shared/own';
import { DEFAULT_CITATION_STYLE, type CitationStyle } from '../../shared/citation-styles';
import { formatCitations, type FormattedBibliography } from './format';

/** What Copy citation puts on the clipboard: the same citations as plain text and as HTML. */
export interface CitationResult {
  /** One publication: its citation alone. Several: the bibliography, numbered where the style numbers. */
  text: string;
  html: string;
  /** How many publications were cited. */
  items: number;
  /** Ids asked for that neither the library nor a reading list's snapshot holds. */
  missing: string[];
}

/**
 * The citation part of the service. A publication is looked up in the library, else in the
 * reading lists' snapshots (a bookmarked paper of a removed gene still cites). `lists` is the
 * reading-list part, whose views say what a list holds.
 */
export function citationCalls(store: LibraryStore, lists: { getList(listId: string): Promise<ReadingListView | null> }) {
  return {
    /** Citations of publications by id, in the order given; unknown ids are reported, unless none is known. */
    async cite(ids: string[], style: CitationStyle = DEFAULT_CITATION_STYLE): Promise<CitationResult> {
      const wanted = [...new Set(ids)];
      if (!wanted.length) throw new UserStateError('No publication was given to cite.');
      const live = await store.publications(wanted);
      const found: Publication[] = [];
      const missing: string[] = [];
      for (const id of wanted) {
        const publication = live.get(id) ?? snapshotOf(store, id);
        if (publication) found.push(publication);
        else missing.push(id);
      }
      if (!found.length) {
        throw new UserStateError(missing.length === 1 ? `No publication with id ${missing[0]} is in the library.` : `None of these publications is in the library: ${missing.join(', ')}.`);
      }
      return { ...clipboardOf(found, style), missing };
    },

    /** The bibliography of a list, or of All bookmarks, in the list's order (APA's own order in APA). */
    async citeList(listId: string, style: CitationStyle = DEFAULT_CITATION_STYLE): Promise<CitationResult> {
      const view = await lists.getList(listId);
      if (!view) throw new UserStateError('That reading list no longer exists.');
      const publications = view.entries.map((e) => e.publication);
      if (!publications.length) return { text: '', html: '', items: 0, missing: [] };
      return { ...clipboardOf(publications, style, true), missing: [] };
    },
  };
}

/** The list's copy of a publication the library no longer holds, without the genes it keeps beside it. */
function snapshotOf(store: LibraryStore, id: string): Publication | undefined {
  const snapshot = own(store.userData.snapshots, id);
  if (!snapshot) return undefined;
  const { genes: _genes, ...publication } = snapshot;
  return publication;
}

/**
 * One publication: its citation alone, without a number (the number is its place in the reader's
 * own reference list, which GeneShelf cannot know). Several, or a whole list: the bibliography.
 */
function clipboardOf(publications: Publication[], style: CitationStyle, asBibliography = false): { text: string; html: string; items: number } {
  const text = formatCitations(publications, style, 'text');
  const html = formatCitations(publications, style, 'html');
  if (asBibliography || text.entries.length > 1) return { text: text.bibliography, html: html.bibliography, items: text.entries.length };
  return { text: single(text), html: single(html), items: 1 };
}

const single = (b: FormattedBibliography) => b.entries[0]!.citation;
