/**
 * Guards for every web contents the app creates: no navigation away from the app, no redirects,
 * no new windows, no webviews, no permission grants. Written against the few methods it uses so
 * tests can drive it with a fake; main/index.ts applies it to each web contents as it is created.
 */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: { preventDefault(): void }, ...args: unknown[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function hardenWebContents(contents: GuardedContents, onBlocked: (what: string, url: string) => void = () => {}): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    onBlocked('navigation', String(url));
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    onBlocked('redirect', String(url));
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked('new window', url);
    return { action: 'deny' };
  });
}

/** Only the app's own page, in its top frame, may call main. */
export const APP_ORIGIN = 'app://geneshelf';

export function isTrustedSenderUrl(url: string | undefined, origin = APP_ORIGIN): boolean {
  if (!url) return false;
  try {
    // Scheme and host compared one by one: URL.origin is "null" for custom schemes and file:,
    // and two "null"s must not count as the same origin.
    const sender = new URL(url);
    const trusted = new URL(origin);
    return sender.protocol === trusted.protocol && sender.host !== '' && sender.host === trusted.host;
  } catch {
    return false;
  }
}
