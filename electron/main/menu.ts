import type { MenuItemConstructorOptions } from 'electron';
import { MENU_ITEMS, type MenuCommand } from '../shared/menu';

/**
 * The application menu with the usual shortcuts. Its commands come from shared/menu.ts and are
 * sent to the page, which runs them exactly as its own buttons do.
 */
export function buildMenuTemplate(options: { isMac: boolean; appName: string; send: (command: MenuCommand) => void; showAbout: () => void }): MenuItemConstructorOptions[] {
  const { isMac, send } = options;
  const items = (group: string): MenuItemConstructorOptions[] =>
    MENU_ITEMS.filter((item) => item.group === group).map((item) => ({ label: item.label, accelerator: item.accelerator, click: () => send(item.command) }));
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [...items('file'), { type: 'separator' }, ...items('screens'), { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }],
  };
  const template: MenuItemConstructorOptions[] = [
    file,
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        // Find goes to GeneShelf's search box (Ctrl+K too, which the page handles itself).
        ...items('edit'),
      ],
    },
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
