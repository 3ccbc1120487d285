import type { ExportFormat, ListsOutcome, ListsState, ReadingListView, UserSettings } from '../../../electron/contract';
import { ALL_BOOKMARKS } from '../../../electron/shared/all-bookmarks';
import { EXPORT_FORMATS } from '../../../electron/shared/export-formats';
import { api } from '../lib/api';
import { messages } from './messages.svelte';

/**
 * Bookmarks and reading lists as the screens see them. Main owns the data: every change goes to
 * main, which answers with the new lists state (or why it refused), and the open list is then
 * read again, so what is shown is always what is on disk.
 */
class ReadingState {
  // Replaced whole from main's answers (raw: no deep proxies over long lists).
  state = $state.raw<ListsState>({ lists: [], memberships: {} });
  /** The list shown on the reading-list screen. */
  view = $state.raw<ReadingListView | null>(null);
  currentId = $state<string>('reading-list');
  settings = $state<UserSettings>({ neutraliseCsvFormulas: true });

  readonly bookmarkCount = $derived(Object.keys(this.state.memberships).length);

  async load(): Promise<void> {
    [this.state, this.settings] = await Promise.all([api.listsState(), api.settings()]);
  }

  /** After an import or a restore: publications may have changed under the lists. */
  async refresh(): Promise<void> {
    this.state = await api.listsState();
    if (this.view) await this.open(this.currentId);
  }

  isBookmarked(publicationId: string): boolean {
    return !!this.state.memberships[publicationId];
  }

  listsHolding(publicationId: string): string[] {
    return this.state.memberships[publicationId] ?? [];
  }

  async open(listId: string): Promise<void> {
    let view = await api.getList(listId);
    // A list deleted meanwhile: fall back to the first one (or All bookmarks when none is left).
    if (!view) view = await api.getList(this.state.lists[0]?.id ?? ALL_BOOKMARKS);
    this.view = view;
    this.currentId = view?.id ?? ALL_BOOKMARKS;
  }

  /** Takes main's answer: the new state, or its reason shown in the message bar. True when the change was made. */
  private async apply(outcome: ListsOutcome, options: { reload?: boolean } = {}): Promise<boolean> {
    if (!outcome.ok) {
      messages.error('That change was not made', [outcome.message]);
      return false;
    }
    this.state = outcome.state;
    // A refusal shown earlier is stale once a change goes through.
    if (messages.current?.tone === 'error') messages.dismiss();
    if (this.view && options.reload !== false) await this.open(this.currentId);
    return true;
  }

  private offerUndo(message: string, token: string): void {
    messages.show({
      tone: 'info',
      title: message,
      details: [],
      action: {
        label: 'Undo',
        run: async () => {
          if (await this.apply(await api.undo(token))) messages.show({ tone: 'success', title: 'Undone.', details: [] });
        },
      },
    });
  }

  async toggleBookmark(publicationId: string): Promise<void> {
    const outcome = await api.toggleBookmark(publicationId);
    if (!(await this.apply(outcome)) || !outcome.ok) return;
    if (outcome.undo) this.offerUndo(outcome.undo.message, outcome.undo.token);
    else messages.show({ tone: 'success', title: `Bookmarked in ${outcome.listName}.`, details: [] });
  }

  async setMembership(publicationId: string, listId: string, member: boolean): Promise<void> {
    await this.apply(await api.setMembership(publicationId, listId, member));
  }

  /** The new list's id, or null when the name was refused (the message bar says why). */
  async createList(name: string): Promise<string | null> {
    const outcome = await api.createList(name);
    if (!(await this.apply(outcome)) || !outcome.ok) return null;
    return outcome.list.id;
  }

  async renameList(listId: string, name: string): Promise<boolean> {
    return this.apply(await api.renameList(listId, name));
  }

  async deleteList(listId: string): Promise<void> {
    const outcome = await api.deleteList(listId);
    if (!(await this.apply(outcome)) || !outcome.ok) return;
    this.offerUndo(outcome.undo.message, outcome.undo.token);
  }

  async transfer(publicationId: string, fromId: string, toId: string, mode: 'move' | 'copy'): Promise<void> {
    await this.apply(await api.transferItem(publicationId, fromId, toId, mode));
  }

  async reorder(listId: string, publicationId: string, toIndex: number): Promise<void> {
    await this.apply(await api.reorderItem(listId, publicationId, toIndex));
  }

  async removeFromList(listId: string, publicationId: string): Promise<void> {
    const outcome = await api.setMembership(publicationId, listId, false);
    if ((await this.apply(outcome)) && outcome.ok && outcome.undo) this.offerUndo(outcome.undo.message, outcome.undo.token);
  }

  /** Saves a note. The open view is not re-read, so typing in progress is never overwritten. */
  async setNote(listId: string, publicationId: string, note: string): Promise<boolean> {
    const ok = await this.apply(await api.setNote(listId, publicationId, note), { reload: false });
    if (ok && this.view) {
      const saved = note.replace(/\r\n?/g, '\n');
      this.view = { ...this.view, entries: this.view.entries.map((e) => (e.publication.id === publicationId ? { ...e, note: saved } : e)) };
    }
    return ok;
  }

  async setRead(listId: string, publicationId: string, read: boolean): Promise<void> {
    await this.apply(await api.setRead(listId, publicationId, read));
  }

  async setNeutraliseFormulas(on: boolean): Promise<void> {
    this.settings = await api.updateSettings({ neutraliseCsvFormulas: on });
  }

  async exportList(listId: string, format: ExportFormat): Promise<void> {
    const outcome = await api.exportList(listId, format);
    if (outcome.status === 'cancelled') return;
    if (outcome.status === 'failed') {
      messages.error('Export failed: nothing was written', [outcome.message]);
      return;
    }
    const items = `${outcome.items} ${outcome.items === 1 ? 'item' : 'items'}`;
    messages.show({ tone: 'success', title: `Exported ${items} as ${EXPORT_FORMATS[outcome.format].filterName}`, details: [outcome.file] });
  }
}

export const reading = new ReadingState();
