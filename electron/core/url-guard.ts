/**
 * The only URLs GeneShelf hands to the system browser: https, with a host, without credentials.
 * file:, javascript:, data:, http: and UNC paths (\\server\share) are refused, so a link in an
 * imported file can never open a local program or an unencrypted page.
 */
export function isSafeExternalUrl(candidate: unknown): candidate is string {
  if (typeof candidate !== 'string' || candidate.length > 4096) return false;
  if (/[\s\\]/.test(candidate.trim()) || candidate !== candidate.trim()) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
}

/** Opens the URL through `open` (shell.openExternal in the app) only when it passes the guard. */
export async function openExternalSafely(url: unknown, open: (url: string) => Promise<void>): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await open(url);
  return true;
}
