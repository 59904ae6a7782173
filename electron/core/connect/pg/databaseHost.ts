import { isIP, isIPv6 } from 'node:net';
import { ConnectError } from '../connectError';

export const DEFAULT_PG_PORT = 5432;

export interface DatabaseEndpoint {
  /** Name or address; an IPv6 address without brackets. */
  host: string;
  port: number;
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;

function parsePort(text: string, input: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new ConnectError('local_failed', `"${input}" has no valid port: use a number from 1 to 65535.`);
  return port;
}

/**
 * Reads a database host as the AP Manager accepts it: a DNS name, IPv4 or IPv6, optionally with
 * ":port". An IPv6 address with a port needs brackets ("[2001:db8::5]:5433"); without brackets all of
 * it is the address.
 */
export function parseDatabaseHost(input: string, defaultPort = DEFAULT_PG_PORT): DatabaseEndpoint {
  const text = input.trim();
  const invalid = () => new ConnectError('local_failed', `"${input}" is not a database host: use a DNS name, an IPv4 or IPv6 address, optionally with :port (IPv6 with a port as [address]:port).`);
  if (text === '') throw invalid();
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    const host = bracketed[1] ?? '';
    if (!isIPv6(host)) throw invalid();
    return { host, port: bracketed[2] === undefined ? defaultPort : parsePort(bracketed[2], input) };
  }
  if (isIPv6(text)) return { host: text, port: defaultPort };
  const colon = text.lastIndexOf(':');
  if (text.indexOf(':') !== colon) throw invalid();
  const host = colon < 0 ? text : text.slice(0, colon);
  const port = colon < 0 ? defaultPort : parsePort(text.slice(colon + 1), input);
  if (isIP(host) !== 4 && !(HOSTNAME.test(host) && !/^[\d.]+$/.test(host))) throw invalid();
  return { host, port };
}

/** host:port for messages, with brackets around IPv6. */
export function endpointText({ host, port }: DatabaseEndpoint): string {
  return `${isIPv6(host) ? `[${host}]` : host}:${port}`;
}
