/**
 * The only URLs GeneShelf hands to the system browser or renders as links: https, with a host,
 * without credentials, and with no control characters anywhere. file:, javascript:, data:, http:
 * and UNC paths (\\server\share) are refused, so a link in an imported file can never open a
 * local program or an unencrypted page.
 */

/** The URL as parsed and written out again (what is opened is what was checked), or null when it is not safe. */
export function safeExternalUrl(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length > 4096) return null;
  // NUL, tabs, line breaks and the other C0/C1 controls: the URL parser would drop some silently.
  if (/[\s\\\u0000-\u001f\u007f-\u009f]/.test(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname.length === 0 || url.username !== '' || url.password !== '') return null;
  return url.href;
}

export function isSafeExternalUrl(candidate: unknown): candidate is string {
  return safeExternalUrl(candidate) !== null;
}

/**
 * A page's own address as a link: http is upgraded to https (the sites GeneShelf reads serve
 * both), anything else that is not a safe https URL is no link at all.
 */
export function pageLink(pageUrl: string | undefined): string | undefined {
  return safeExternalUrl(pageUrl?.replace(/^http:\/\//i, 'https://')) ?? undefined;
}

/** Opens the URL through `open` (shell.openExternal in the app) only when it passes the guard, as re-serialised. */
export async function openExternalSafely(url: unknown, open: (url: string) => Promise<void>): Promise<boolean> {
  const safe = safeExternalUrl(url);
  if (safe === null) return false;
  await open(safe);
  return true;
}
