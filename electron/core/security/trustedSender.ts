/** scheme://host[:port]; WHATWG URL gives "null" as the origin of custom schemes such as app://, so build it. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** True when a frame URL belongs to our own renderer: the packaged app origin, or the dev server in development. */
export function isTrustedRendererUrl(frameUrl: string, appOrigin: string, devServerUrl: string | undefined): boolean {
  const origin = originOf(frameUrl);
  if (origin === null) return false;
  if (origin === appOrigin) return true;
  return devServerUrl !== undefined && origin === originOf(devServerUrl);
}
