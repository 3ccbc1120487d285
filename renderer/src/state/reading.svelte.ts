import type { ThemeChoice } from '../../../electron/shared/appearance';
import type { CitationStyle } from '../../../electron/shared/citation-styles';
import type { ExportFormat, ListsChange, ListsState, ReadingListView, Reply, UserSettings } from '../../../electron/contract';
import { ALL_BOOKMARKS, DEFAULT_LIST_ID } from '../../../electron/shared/lists';
import { EXPORT_FORMATS } from '../../../electron/shared/export-formats';
import { own } from '../../../electron/shared/own';
import { api } from '../lib/api';
import { messages } from './messages.svelte';

/**
 * Bookmarks and reading lists as the screens see them. Main owns the data: every change goes to
 * main, which answers with the new lists state (or why it refused), and the open list is then
 * read again, so what is shown is always what is on disk.
 */
/** Main's answer laid over what the window holds: whole, or (partial) only the publications the change touched. */
function merged(held: ListsState, answer: ListsState): ListsState {
  if (!answer.partial) return answer;
  const memberships: Record<string, string[]> = { ...held.memberships };
  for (const [id, lists] of Object.entries(answer.memberships)) {
    if (lists.length) Object.defineProperty(memberships, id, { value: lists, enumerable: true, writable: true, configurable: true });
    else delete memberships[id];
  }
  return { lists: answer.lists, memberships };
}

class ReadingState {
  // Replaced whole from main's answers (raw: no deep proxies over long lists).
  #state = $state.raw<ListsState>({ lists: [], memberships: {} });
  /** The list shown on the reading-list screen. */
  #view = $state.raw<ReadingListView | null>(null);
  #currentId = $state<string>(DEFAULT_LIST_ID);
  #settings = $state<UserSettings>({ neutraliseCsvFormulas: true });

  get state(): ListsState {
    return this.#state;
  }

  get view(): ReadingListView | null {
    return this.#view;
  }

  get currentId(): string {
    return this.#currentId;
  }

  get settings(): UserSettings {
    return this.#settings;
  }

  get bookmarkCount(): number {
    return Object.keys(this.#state.memberships).length;
  }

  /** The list the star adds to. */
  get firstListName(): string | undefined {
    return this.#state.lists[0]?.name;
  }

  async load(): Promise<void> {
    const [state, settings] = await Promise.all([api.listsState(), api.settings()]);
    if (state.ok) this.#state = state.value;
    if (settings.ok) this.#settings = settings.value;
  }

  /** After an import, a removal or a restore: publications may have changed under the lists. */
  async refresh(): Promise<void> {
    const reply = await api.listsState();
    if (reply.ok) this.#state = reply.value;
    if (this.#view) await this.open(this.#currentId);
  }

  isBookmarked(publicationId: string): boolean {
    return !!own(this.#state.memberships, publicationId);
  }

  listsHolding(publicationId: string): string[] {
    return own(this.#state.memberships, publicationId) ?? [];
  }

  /**
   * Shows a list; a list deleted meanwhile falls back to the first one (or All bookmarks when none
   * is left). `focus`: a publication to scroll to (a note found by search).
   */
  async open(listId: string = this.#currentId, focus?: string): Promise<void> {
    let reply = await api.getList(listId);
    if (!reply.ok || !reply.value) reply = await api.getList(this.#state.lists[0]?.id ?? ALL_BOOKMARKS);
    const view = reply.ok ? reply.value : null;
    this.#view = view;
    this.#currentId = view?.id ?? ALL_BOOKMARKS;
    this.#focus = focus ?? null;
  }

  #focus = $state<string | null>(null);

  /** The item to scroll to once drawn; focused() forgets it. */
  get focus(): string | null {
    return this.#focus;
  }

  focused(): void {
    this.#focus = null;
  }

  /** Takes main's answer: the new state, or its reason shown in the message bar. The change's own fields, or undefined when refused. */
  async #apply<T extends object>(reply: Reply<ListsChange<T>>, options: { reload?: boolean } = {}): Promise<(ListsChange<T>) | undefined> {
    if (!reply.ok) {
      messages.error('That change was not made', [reply.message]);
      return undefined;
    }
    this.#state = merged(this.#state, reply.value.state);
    // A refusal shown earlier is stale once a change goes through.
    if (messages.current?.tone === 'error') messages.dismiss();
    if (this.#view && options.reload !== false) await this.open(this.#currentId);
    return reply.value;
  }

  #offerUndo(message: string, token: string): void {
    messages.show({
      tone: 'info',
      title: message,
      details: [],
      action: {
        label: 'Undo',
        run: async () => {
          if (await this.#apply(await api.undo(token))) messages.success('Undone.');
        },
      },
    });
  }

  async toggleBookmark(publicationId: string): Promise<void> {
    const done = await this.#apply(await api.toggleBookmark(publicationId));
    if (!done) return;
    if (done.undo) this.#offerUndo(done.undo.message, done.undo.token);
    else messages.success(`Bookmarked in ${done.listName}.`);
  }

  async setMembership(publicationId: string, listId: string, member: boolean): Promise<void> {
    await this.#apply(await api.setMembership(publicationId, listId, member));
  }

  /** The new list's id, or null when the name was refused (the message bar says why). */
  async createList(name: string): Promise<string | null> {
    return (await this.#apply(await api.createList(name)))?.id ?? null;
  }

  async renameList(listId: string, name: string): Promise<boolean> {
    return !!(await this.#apply(await api.renameList(listId, name)));
  }

  async deleteList(listId: string): Promise<void> {
    const done = await this.#apply(await api.deleteList(listId));
    if (done) this.#offerUndo(done.message, done.token);
  }

  async transfer(publicationId: string, fromId: string, toId: string, mode: 'move' | 'copy'): Promise<void> {
    await this.#apply(await api.transferItem(publicationId, fromId, toId, mode));
  }

  async reorder(listId: string, publicationId: string, toIndex: number): Promise<void> {
    await this.#apply(await api.reorderItem(listId, publicationId, toIndex));
  }

  async removeFromList(listId: string, publicationId: string): Promise<void> {
    const done = await this.#apply(await api.setMembership(publicationId, listId, false));
    if (done?.undo) this.#offerUndo(done.undo.message, done.undo.token);
  }

  /** Saves a note. The open view is not re-read, so typing in progress is never overwritten. */
  async setNote(listId: string, publicationId: string, note: string): Promise<boolean> {
    const ok = !!(await this.#apply(await api.setNote(listId, publicationId, note), { reload: false }));
    if (ok && this.#view) {
      const saved = note.replace(/\r\n?/g, '\n');
      this.#view = { ...this.#view, entries: this.#view.entries.map((e) => (e.publication.id === publicationId ? { ...e, note: saved } : e)) };
    }
    return ok;
  }

  async setRead(listId: string, publicationId: string, read: boolean): Promise<void> {
    await this.#apply(await api.setRead(listId, publicationId, read));
  }

  async setNeutraliseFormulas(on: boolean): Promise<void> {
    const reply = await api.updateSettings({ neutraliseCsvFormulas: on });
    if (reply.ok) this.#settings = reply.value;
    else messages.error('The setting was not saved', [reply.message]);
  }

  /** A setting of the window's look (theme, sidebar), kept for the next start. */
  async setAppearance(change: { theme?: ThemeChoice; sidebarCollapsed?: boolean }): Promise<void> {
    // Shown at once; kept when main has written it.
    this.#settings = { ...this.#settings, ...change };
    const reply = await api.updateSettings(change);
    if (reply.ok) this.#settings = reply.value;
    else messages.error('The setting was not saved', [reply.message]);
  }

  /** The style Copy citation and the bibliography export use from now on. */
  async setCitationStyle(style: CitationStyle): Promise<void> {
    const reply = await api.updateSettings({ citationStyle: style });
    if (reply.ok) this.#settings = reply.value;
    else messages.error('The setting was not saved', [reply.message]);
  }

  /** Gene content older than this many years is marked; the gene page and the library show it at once. */
  async setStaleYears(years: number): Promise<void> {
    const reply = await api.updateSettings({ staleAfterYears: years });
    if (!reply.ok) {
      messages.error('The setting was not saved', [reply.message]);
      return;
    }
    this.#settings = reply.value;
    for (const listener of this.#settingsListeners) await listener();
  }

  #settingsListeners = new Set<() => Promise<void> | void>();

  /** Told when a setting that changes what other screens show was saved. */
  onSettingsChanged(listener: () => Promise<void> | void): () => void {
    this.#settingsListeners.add(listener);
    return () => this.#settingsListeners.delete(listener);
  }

  async exportList(listId: string, format: ExportFormat): Promise<void> {
    const reply = await api.exportList(listId, format);
    if (!reply.ok) {
      messages.error('Export failed: nothing was written', [reply.message]);
      return;
    }
    const outcome = reply.value;
    if (outcome.status === 'cancelled') return;
    const items = `${outcome.items} ${outcome.items === 1 ? 'item' : 'items'}`;
    messages.success(`Exported ${items} as ${EXPORT_FORMATS[outcome.format].filterName}`, [outcome.file]);
  }

  reset(): void {
    this.#state = { lists: [], memberships: {} };
    this.#view = null;
    this.#currentId = DEFAULT_LIST_ID;
    this.#settings = { neutraliseCsvFormulas: true };
  }
}

export const reading = new ReadingState();
