/** Sites the console may open in the system browser. Everything else is refused. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['wiki.innovaphone.com', 'www.innovaphone.com', 'download.innovaphone.com', 'store.innovaphone.com'];

export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && allowedHosts.includes(parsed.hostname.toLowerCase());
}
