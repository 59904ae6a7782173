/** Where a libpq connection string points. Nothing else of it (user, password, options) is kept. */
export interface ConninfoAddress {
  /** host, else hostaddr; a comma list stays as written. */
  host: string | null;
  /** The port when it is one number. */
  port: number | null;
}

/** keyword = value pairs as libpq reads them: values bare or in single quotes, backslash escapes either way. */
function keywordValues(conninfo: string): Map<string, string> {
  const pairs = new Map<string, string>();
  let i = 0;
  const n = conninfo.length;
  const skipSpace = () => {
    while (i < n && /\s/.test(conninfo[i] ?? '')) i++;
  };
  while (i < n) {
    skipSpace();
    if (i >= n) break;
    let keyword = '';
    while (i < n && conninfo[i] !== '=' && !/\s/.test(conninfo[i] ?? '')) keyword += conninfo[i++];
    skipSpace();
    if (conninfo[i] !== '=') break;
    i++;
    skipSpace();
    let value = '';
    if (conninfo[i] === "'") {
      i++;
      while (i < n && conninfo[i] !== "'") {
        if (conninfo[i] === '\\' && i + 1 < n) i++;
        value += conninfo[i++];
      }
      i++;
    } else {
      while (i < n && !/\s/.test(conninfo[i] ?? '')) {
        if (conninfo[i] === '\\' && i + 1 < n) i++;
        value += conninfo[i++];
      }
    }
    pairs.set(keyword, value);
  }
  return pairs;
}

/** postgresql://user:password@host:port/db?host=…&port=… */
function uriValues(conninfo: string): Map<string, string> {
  const pairs = new Map<string, string>();
  let url: URL;
  try {
    url = new URL(conninfo);
  } catch {
    return pairs;
  }
  const host = decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
  if (host) pairs.set('host', host);
  if (url.port) pairs.set('port', url.port);
  for (const key of ['host', 'hostaddr', 'port']) {
    const value = url.searchParams.get(key);
    if (value !== null) pairs.set(key, value);
  }
  return pairs;
}

/** The host and port a WAL receiver's connection string names. */
export function conninfoAddress(conninfo: string | null): ConninfoAddress {
  if (!conninfo) return { host: null, port: null };
  const trimmed = conninfo.trim();
  const pairs = /^postgres(ql)?:\/\//i.test(trimmed) ? uriValues(trimmed) : keywordValues(trimmed);
  const host = pairs.get('host') || pairs.get('hostaddr') || null;
  const portText = pairs.get('port') ?? '';
  const port = /^\d{1,5}$/.test(portText) && Number(portText) <= 65_535 ? Number(portText) : null;
  return { host, port };
}
