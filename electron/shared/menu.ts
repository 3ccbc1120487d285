/**
 * The commands the application menu sends to the page, which runs them exactly as its own buttons
 * do. One list for main (which builds the menu from it) and the renderer (whose route table names
 * the command that opens each screen). Plain data with no imports.
 */
export const MENU_ITEMS = [
  { command: 'import', label: 'Import…', accelerator: 'CmdOrCtrl+O', group: 'file' },
  { command: 'export-gene', label: 'Export Gene…', accelerator: 'CmdOrCtrl+E', group: 'file' },
  { command: 'print', label: 'Print…', accelerator: 'CmdOrCtrl+P', group: 'file' },
  { command: 'save-pdf', label: 'Save as PDF…', accelerator: 'CmdOrCtrl+Shift+P', group: 'file' },
  { command: 'show-library', label: 'Library', accelerator: 'CmdOrCtrl+L', group: 'screens' },
  { command: 'show-lists', label: 'Reading Lists', accelerator: 'CmdOrCtrl+Shift+L', group: 'screens' },
  { command: 'find', label: 'Find…', accelerator: 'CmdOrCtrl+F', group: 'edit' },
] as const;

export type MenuCommand = (typeof MENU_ITEMS)[number]['command'];

export const MENU_COMMANDS: readonly MenuCommand[] = MENU_ITEMS.map((item) => item.command);
