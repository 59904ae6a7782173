import { tokensMatch } from './accessToken';

export interface GuardInput {
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  queryToken: string | undefined;
}

export type GuardVerdict =
  | { allowed: true; via: 'cookie' | 'query' }
  | { allowed: false; status: 401 | 403; reason: string };

export interface RequestGuard {
  check(input: GuardInput): GuardVerdict;
  cookieName: string;
}

/**
 * Web mode accepts only requests addressed to our own 127.0.0.1 port (no DNS rebinding),
 * from our own origin (no cross-site pages), carrying the per-start token.
 */
export function createRequestGuard(port: number, token: string): RequestGuard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  const cookieName = `apc_token_${port}`;

  return {
    cookieName,
    check({ host, origin, cookie, queryToken }) {
      if (host === undefined || !hosts.has(host.toLowerCase())) {
        return { allowed: false, status: 403, reason: `Host "${host ?? ''}" is not this console.` };
      }
      if (origin !== undefined && !origins.has(origin.toLowerCase())) {
        return { allowed: false, status: 403, reason: `Origin "${origin}" may not use this console.` };
      }
      if (tokensMatch(token, queryToken)) return { allowed: true, via: 'query' };
      if (tokensMatch(token, readCookie(cookie, cookieName))) return { allowed: true, via: 'cookie' };
      return { allowed: false, status: 401, reason: 'Missing or wrong access token. Open the URL with ?token=… that the console printed at start.' };
    },
  };
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
