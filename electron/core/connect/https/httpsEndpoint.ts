import { isIP } from 'node:net';
import { z } from 'zod';

/** Where an App Platform's webserver listens: a DNS name or an IP literal (IPv6 with or without brackets). */
export const HttpsEndpoint = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .transform((host) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host))
    .refine((host) => !/[\s/?#@]/.test(host), 'a host name or an IP address, without scheme, path or user'),
  port: z.number().int().min(1).max(65535).default(443),
});
export type HttpsEndpoint = z.output<typeof HttpsEndpoint>;
export type HttpsEndpointInput = z.input<typeof HttpsEndpoint>;

const withoutZone = (host: string) => host.replace(/%.*$/, '');

export const isIpLiteral = (host: string): boolean => isIP(withoutZone(host)) !== 0;

/** The TLS SNI name: only DNS names are sent (RFC 6066 forbids IP literals). */
export function tlsServername(host: string): string | undefined {
  return isIpLiteral(host) ? undefined : host;
}

/** The host as it stands in a URL or a Host header: IPv6 bracketed, a zone id's % escaped. */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host.replace('%', '%25')}]` : host;
}

/** `host` or `host:port` as a Host header carries it (the port only when it is not 443). */
export function hostHeader(endpoint: HttpsEndpoint): string {
  return endpoint.port === 443 ? urlHost(endpoint.host) : `${urlHost(endpoint.host)}:${endpoint.port}`;
}

/** The endpoint as a URL for messages and the UI: `https://[::1]:8443/path`. */
export function httpsUrl(endpoint: HttpsEndpoint, path = '/', scheme: 'https' | 'wss' = 'https'): string {
  return `${scheme}://${hostHeader(endpoint)}${path}`;
}
