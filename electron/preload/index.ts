// Preload, run sandboxed with context isolation: exposes the contract's API and nothing more.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { GeneShelfApi } from '../contract';
import { createApi } from './api';

const api = createApi({
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  on: (channel, listener) => {
    const wrapped = (_event: Electron.IpcRendererEvent, ...args: unknown[]) => listener(...args);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
}) satisfies GeneShelfApi;

contextBridge.exposeInMainWorld('geneshelf', api);
