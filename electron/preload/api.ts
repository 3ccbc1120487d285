import { IMPORT_PROGRESS_EVENT, MENU_COMMANDS, MENU_EVENT, type GeneShelfApi, type ImportProgress, type InvokeArgs, type InvokeChannel, type InvokeResult, type MenuCommand } from '../contract';

/** What the preload needs from Electron; the e2e bridge supplies the same over Playwright. */
export interface Bridge {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResult<C>>;
  on(channel: string, listener: (...args: unknown[]) => void): () => void;
  pathForFile(file: File): string;
}

/** One function per contract entry; no generic send(channel), no Node objects handed over. */
export function createApi(bridge: Bridge): GeneShelfApi {
  return {
    startState: () => bridge.invoke('app:start-state'),
    listGenes: () => bridge.invoke('library:list-genes'),
    getGene: (symbol) => bridge.invoke('library:get-gene', symbol),
    getPublications: (symbol, term, offset, limit) => bridge.invoke('library:get-publications', symbol, term, offset, limit),
    notices: () => bridge.invoke('library:notices'),
    restoreLibraryBackup: () => bridge.invoke('library:restore-backup'),
    importWithDialog: (gene) => bridge.invoke('import:dialog', gene),
    importDroppedFile: async (file, gene) => {
      const path = bridge.pathForFile(file);
      if (!path) return { status: 'refused', file: file.name, message: `${file.name}: GeneShelf can only import files from your disk` };
      return bridge.invoke('import:dropped-path', path, gene);
    },
    chooseImportGene: (token, symbol) => bridge.invoke('import:choose-gene', token, symbol),
    reviewImport: (token, mergeNear) => bridge.invoke('import:review', token, mergeNear),
    commitImport: (token, mergeNear) => bridge.invoke('import:commit', token, mergeNear),
    cancelImport: (token) => bridge.invoke('import:cancel', token),
    onImportProgress: (listener) =>
      bridge.on(IMPORT_PROGRESS_EVENT, (progress) => {
        const p = progress as ImportProgress;
        if (p && Number.isInteger(p.done) && Number.isInteger(p.total)) listener({ done: p.done, total: p.total });
      }),
    exportGenes: (symbols) => bridge.invoke('export:genes', symbols),
    openExternal: (url) => bridge.invoke('shell:open-external', url),
    setLastGene: (symbol) => bridge.invoke('user:set-last-gene', symbol),
    removeGene: (symbol) => bridge.invoke('library:remove-gene', symbol),
    listsState: () => bridge.invoke('lists:state'),
    getList: (listId) => bridge.invoke('lists:get', listId),
    toggleBookmark: (id) => bridge.invoke('lists:toggle-bookmark', id),
    setMembership: (id, listId, member) => bridge.invoke('lists:set-membership', id, listId, member),
    createList: (name) => bridge.invoke('lists:create', name),
    renameList: (listId, name) => bridge.invoke('lists:rename', listId, name),
    deleteList: (listId) => bridge.invoke('lists:delete', listId),
    undo: (token) => bridge.invoke('lists:undo', token),
    transferItem: (id, from, to, mode) => bridge.invoke('lists:transfer', id, from, to, mode),
    reorderItem: (listId, id, toIndex) => bridge.invoke('lists:reorder', listId, id, toIndex),
    setNote: (listId, id, note) => bridge.invoke('lists:set-note', listId, id, note),
    setRead: (listId, id, read) => bridge.invoke('lists:set-read', listId, id, read),
    exportList: (listId, format) => bridge.invoke('lists:export', listId, format),
    settings: () => bridge.invoke('settings:get'),
    updateSettings: (change) => bridge.invoke('settings:update', change),
    onMenuCommand: (listener) =>
      bridge.on(MENU_EVENT, (command) => {
        if (MENU_COMMANDS.includes(command as MenuCommand)) listener(command as MenuCommand);
      }),
  };
}
