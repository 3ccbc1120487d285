import { describe, expect, it, vi } from 'vitest';
import { isSafeExternalUrl, openExternalSafely, pageLink } from '../../electron/core/url-guard';
import { getMainWindowOptions } from '../../electron/main/window-options';
import { hardenWebContents, isTrustedSenderUrl } from '../../electron/main/security';
import { registerIpc, type IpcEventLike } from '../../electron/main/ipc';
import { METHODS, type Implementations } from '../../electron/contract';
import { CONTENT_SECURITY_POLICY, resolveAppFile } from '../../electron/main/protocol';
import { buildMenuTemplate } from '../../electron/main/menu';
import { UserStateError } from '../../electron/core/errors';

describe('the main window', () => {
  it('has exactly these webPreferences: isolated, sandboxed, no Node', () => {
    expect(getMainWindowOptions('/app/out/preload/index.cjs').webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
  });

  it('blocks navigation, redirects, webviews and new windows', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const blocked: string[] = [];
    hardenWebContents(
      { on: (event, l) => listeners.set(event, l as never), setWindowOpenHandler: (h) => (openHandler = h) },
      (what, url) => blocked.push(`${what} ${url}`),
    );
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      listeners.get(event)!({ preventDefault }, 'https://evil.example/');
      expect(preventDefault, event).toHaveBeenCalledOnce();
    }
    expect(openHandler!({ url: 'https://evil.example/popup' })).toEqual({ action: 'deny' });
    expect(blocked).toEqual(['navigation https://evil.example/', 'redirect https://evil.example/', 'webview ', 'new window https://evil.example/popup']);
  });

  it('serves only the app files, with a CSP that allows no remote origin', () => {
    expect(resolveAppFile('app://geneshelf/index.html', '/r')).toBe('/r/index.html');
    expect(resolveAppFile('app://geneshelf/', '/r')).toBe('/r/index.html');
    expect(resolveAppFile('app://geneshelf/assets/x.js', '/r')).toBe('/r/assets/x.js');
    // The URL parser folds dot segments, so these stay inside the root...
    expect(resolveAppFile('app://geneshelf/../../etc/passwd', '/r')).toBe('/r/etc/passwd');
    expect(resolveAppFile('app://geneshelf/%2e%2e/%2e%2e/etc/passwd', '/r')).toBe('/r/etc/passwd');
    // ...and encoded slashes, which it does not fold, are caught by the root check.
    expect(resolveAppFile('app://geneshelf/%2F..%2F..%2Fetc%2Fpasswd', '/r')).toBeNull();
    expect(resolveAppFile('app://geneshelf/..%5C..%5Cetc%5Cpasswd', '/r')).not.toBe('/etc/passwd');
    expect(resolveAppFile('app://other/index.html', '/r')).toBeNull();
    expect(resolveAppFile('file:///etc/passwd', '/r')).toBeNull();
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|unsafe-inline|unsafe-eval|\*/);
  });

  it('has a menu with the usual shortcuts that sends commands to the page', () => {
    const sent: string[] = [];
    const template = buildMenuTemplate({ isMac: false, appName: 'GeneShelf', send: (c) => sent.push(c), showAbout: () => {} });
    const file = template[0]!.submenu as Array<{ label?: string; accelerator?: string; click?: () => void }>;
    expect(file.filter((i) => i.accelerator).map((i) => [i.label, i.accelerator])).toEqual([
      ['Import…', 'CmdOrCtrl+O'],
      ['Export Gene…', 'CmdOrCtrl+E'],
      ['Print…', 'CmdOrCtrl+P'],
      ['Save as PDF…', 'CmdOrCtrl+Shift+P'],
      ['Library', 'CmdOrCtrl+L'],
      ['Reading Lists', 'CmdOrCtrl+Shift+L'],
    ]);
    file.forEach((i) => i.click?.());
    expect(sent).toEqual(['import', 'export-gene', 'print', 'save-pdf', 'show-library', 'show-lists']);
  });
});

describe('the external URL guard', () => {
  it.each([
    ['https://pubmed.ncbi.nlm.nih.gov/31015500/', true],
    ['https://doi.org/10.1038/s41467-019-09555-6', true],
    ['http://www.cancer-genetics.org/IKZF1.htm', false],
    ['file:///etc/passwd', false],
    ['file://server/share/x.exe', false],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['\\\\server\\share\\payload.exe', false],
    ['//server/share', false],
    ['https://user:pass@example.org/', false],
    [' https://example.org/', false],
    ['https:\\\\example.org', false],
    ['smb://server/share', false],
    ['https://example.org/a\u0000b', false],
    ['https://example.org/\u0007', false],
    ['https://exa\tmple.org/', false],
    ['', false],
    [42, false],
  ])('%s -> %s', async (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
    const open = vi.fn(async () => {});
    expect(await openExternalSafely(url, open)).toBe(safe);
    expect(open).toHaveBeenCalledTimes(safe ? 1 : 0);
  });
});

describe('links from imported files', () => {
  it('opens the URL as parsed and written out again, not the string it was given', async () => {
    const open = vi.fn(async (_url: string) => {});
    expect(await openExternalSafely('https://EXAMPLE.org/a b'.replace(' ', '%20'), open)).toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.org/a%20b');
  });

  it('a provenance page address is a link only when it is https (http is upgraded); javascript: and file: are text', () => {
    expect(pageLink('http://www.cancer-genetics.org/IKZF1.htm')).toBe('https://www.cancer-genetics.org/IKZF1.htm');
    expect(pageLink('javascript:alert(1)')).toBeUndefined();
    expect(pageLink('file:///etc/passwd')).toBeUndefined();
    expect(pageLink('https://example.org/\u0000')).toBeUndefined();
    expect(pageLink(undefined)).toBeUndefined();
  });
});

describe('IPC: sender and argument checks', () => {
  const app = { senderFrame: { url: 'app://geneshelf/index.html', parent: null } };
  function setup() {
    const registered = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
    const calls: string[] = [];
    const handlers = Object.fromEntries(METHODS.map((c) => [c, async (...args: unknown[]) => calls.push(`${c}(${args.join(',')})`)])) as unknown as Implementations;
    registerIpc({ handle: (channel, l) => registered.set(channel, l) }, handlers, (url) => isTrustedSenderUrl(url));
    return { registered, calls };
  }

  it('registers the contract methods and only those, each on the channel of its name', () => {
    expect([...setup().registered.keys()].sort()).toEqual([...METHODS].sort());
  });

  it('answers with a Reply: the value, or the one sentence that says what went wrong', async () => {
    const registered = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
    const handlers = Object.fromEntries(METHODS.map((c) => [c, () => 'fine'])) as unknown as Implementations;
    handlers.renameList = async () => {
      throw new UserStateError('A list called “Ward round” already exists.');
    };
    handlers.listGenes = () => {
      throw new Error('EIO: i/o error');
    };
    registerIpc({ handle: (channel, l) => registered.set(channel, l) }, handlers, (url) => isTrustedSenderUrl(url));
    expect(await registered.get('getGene')!(app, 'IKZF1')).toEqual({ ok: true, value: 'fine' });
    expect(await registered.get('renameList')!(app, 'reading-list', 'Ward round')).toEqual({ ok: false, message: 'A list called “Ward round” already exists.' });
    expect(await registered.get('listGenes')!(app)).toEqual({ ok: false, message: 'GeneShelf could not finish this: EIO: i/o error' });
  });

  it('passes a valid call from the app page through to its handler', async () => {
    const { registered, calls } = setup();
    await registered.get('getGene')!(app, 'IKZF1');
    await registered.get('toggleBookmark')!(app, 'key-1e810e348482933e');
    await registered.get('setMembership')!(app, 'doi:10.1182/blood.2020001234', 'list-0123456789ab', false);
    await registered.get('reorderItem')!(app, 'reading-list', 'pmid:31015500', 0);
    await registered.get('exportList')!(app, 'all', 'bibtex');
    await registered.get('getPublications')!(app, 'IKZF1', 'Multiple Myeloma', 100, 100, null);
    await registered.get('getPublications')!(app, 'IKZF1', null, 0, 100, { sort: 'newest', years: { from: 2015, to: 2019 }, freeFullText: true, text: 'relapse', around: 'pmid:1' });
    await registered.get('search')!(app, { query: 'IKAROS relapse', limit: 25, offset: 25, gene: 'IKZF1', years: { from: 2015, to: 2019 }, inList: true, read: false, freeFullText: true });
    expect(calls).toEqual([
      'getGene(IKZF1)',
      'toggleBookmark(key-1e810e348482933e)',
      'setMembership(doi:10.1182/blood.2020001234,list-0123456789ab,false)',
      'reorderItem(reading-list,pmid:31015500,0)',
      'exportList(all,bibtex)',
      'getPublications(IKZF1,Multiple Myeloma,100,100,)',
      'getPublications(IKZF1,,0,100,[object Object])',
      'search([object Object])',
    ]);
  });

  it.each([
    ['a remote page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file: page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['a subframe of the app', { senderFrame: { url: 'app://geneshelf/index.html', parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
    ['a look-alike host', { senderFrame: { url: 'app://geneshelf.evil/index.html', parent: null } }],
  ])('refuses %s', async (_name, event) => {
    const { registered, calls } = setup();
    expect(() => registered.get('listGenes')!(event as IpcEventLike)).toThrow(/untrusted sender/);
    expect(calls).toEqual([]);
  });

  it.each([
    ['getGene', []],
    ['getGene', ['<script>']],
    ['getGene', ['IKZF1', 'extra']],
    ['getGene', [{ symbol: 'IKZF1' }]],
    ['getPublications', ['IKZF1', null, 0, 100]],
    ['getPublications', ['IKZF1', null, 0, 100, { sort: 'random' }]],
    ['getPublications', ['IKZF1', null, 0, 100, { text: 'x', script: true }]],
    ['getPublications', ['IKZF1', null, 0, 100, { years: { from: 2015 } }]],
    ['getPublications', ['IKZF1', null, 0, 100, { around: '../x' }]],
    ['search', ['IKZF1']],
    ['search', [{}]],
    ['search', [{ query: 'x'.repeat(1001) }]],
    ['search', [{ query: 'x', limit: 0 }]],
    ['search', [{ query: 'x', gene: '<b>' }]],
    ['search', [{ query: 'x', constructor: 1 }]],
    ['search', [JSON.parse('{"query":"x","__proto__":{"limit":1}}')]],
    ['importPath', ['relative/path.txt']],
    ['importPath', ['/tmp/x\0.txt']],
    ['openExternal', [42]],
    ['setLastGene', [undefined]],
    ['listGenes', ['unexpected']],
    ['toggleBookmark', ['../../etc/passwd']],
    ['toggleBookmark', ['pmid:12a']],
    ['toggleBookmark', ['key-XYZ']],
    ['setMembership', ['pmid:1', 'reading-list', 'yes']],
    ['setMembership', ['pmid:1', '__proto__', true]],
    ['getList', ['constructor']],
    ['createList', ['x'.repeat(501)]],
    ['createList', [{ toString: () => 'x' }]],
    ['reorderItem', ['reading-list', 'pmid:1', -1]],
    ['reorderItem', ['reading-list', 'pmid:1', 1.5]],
    ['transferItem', ['pmid:1', 'reading-list', 'list-0123456789ab', 'delete']],
    ['setNote', ['reading-list', 'pmid:1', 'x'.repeat(100_001)]],
    ['undo', ['undo-1; rm -rf']],
    ['exportList', ['reading-list', 'xlsx']],
    ['exportList', ['reading-list', 'hasOwnProperty']],
    ['updateSettings', [{ neutraliseCsvFormulas: 'no' }]],
    ['updateSettings', [{ neutraliseCsvFormulas: true, exportFolder: '/' }]],
    ['exportGenes', [[]]],
    ['exportGenes', [['IKZF1', '../x']]],
    ['commitImport', ['not-a-token', []]],
    ['commitImport', ['0123456789abcdef01', [-1]]],
    ['importPath', ['/tmp/x.nbib']],
    ['importWithDialog', ['<svg>']],
    ['chooseImportGene', ['0123456789abcdef01', 7]],
    ['getPublications', ['IKZF1', null, 0, 100_000]],
    ['getPublications', ['IKZF1', null, -5, 100]],
    ['savePdf', [42]],
    ['savePdf', ['x'.repeat(201)]],
    ['printPage', ['now']],
    ['copyCitation', [[], 'vancouver']],
    ['copyCitation', [['pmid:1'], 'harvard']],
    ['copyCitation', [['pmid:1'], 'constructor']],
    ['copyCitation', [['../x'], 'apa']],
    ['copyCitation', ['pmid:1', 'apa']],
    ['copyBibliography', ['__proto__', 'ama']],
    ['copyBibliography', ['reading-list', 'mla']],
    ['updateSettings', [{ citationStyle: 'harvard' }]],
    ['updateSettings', [{ theme: 'sepia' }]],
    ['updateSettings', [{ sidebarCollapsed: 'yes' }]],
    ['updateSettings', [{ theme: 'dark', sidebar: true }]],
  ])('refuses %s with arguments %j', async (channel, args) => {
    const { registered, calls } = setup();
    expect(() => registered.get(channel)!(app, ...(args as unknown[]))).toThrow(/invalid arguments/);
    expect(calls).toEqual([]);
  });
});
