import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract';

/**
 * The application menu with the usual shortcuts. Import and Export are sent to the page, which
 * runs them exactly as its own buttons do.
 */
export function buildMenuTemplate(options: { isMac: boolean; appName: string; send: (command: MenuCommand) => void; showAbout: () => void }): MenuItemConstructorOptions[] {
  const { isMac, send } = options;
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => send('import') },
      { label: 'Export Gene…', accelerator: 'CmdOrCtrl+E', click: () => send('export-gene') },
      { type: 'separator' },
      { label: 'Library', accelerator: 'CmdOrCtrl+L', click: () => send('show-library') },
      { label: 'Reading Lists', accelerator: 'CmdOrCtrl+Shift+L', click: () => send('show-lists') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    file,
    { label: '&Edit', role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Window', role: 'windowMenu' },
    { label: '&Help', role: 'help', submenu: [{ label: `About ${options.appName}`, click: options.showAbout }] },
  ];
  if (isMac) template.unshift({ label: options.appName, role: 'appMenu' });
  return template;
}
