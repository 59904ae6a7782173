import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ByteWindow } from './byteWindow';
import type { HttpsEndpoint } from './httpsEndpoint';
import { hostHeader, httpsUrl } from './httpsEndpoint';
import { networkError } from './networkError';
import type { OperationDeadline } from './operationDeadline';

export interface HttpsGetResult {
  status: number;
  location: string | null;
  server: string | null;
  contentType: string | null;
  body: ByteWindow;
}

export interface HttpsGetOptions {
  maxBytes: number;
  keep: 'head' | 'tail';
}

const header = (headers: IncomingHttpHeaders, name: string): string | null => {
  const value = headers[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? null) : null;
};

/** One GET on an already opened (and already judged) TLS connection; the connection is closed afterwards. */
export function httpsGet(socket: TLSSocket, endpoint: HttpsEndpoint, path: string, options: HttpsGetOptions, deadline: OperationDeadline): Promise<HttpsGetResult> {
  deadline.throwIfExpired();
  const url = httpsUrl(endpoint, path);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      deadline.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      outcome();
    };
    const onAbort = () => finish(() => reject(deadline.error()));
    const req = request({
      createConnection: () => socket,
      host: endpoint.host,
      port: endpoint.port,
      path,
      method: 'GET',
      headers: { Host: hostHeader(endpoint), Accept: '*/*', Connection: 'close', 'User-Agent': 'AP-Console' },
    });
    req.on('error', (error) => finish(() => reject(networkError(error, url))));
    req.on('response', (response) => {
      const body = new ByteWindow(options.maxBytes, options.keep);
      const result = (): HttpsGetResult => ({
        status: response.statusCode ?? 0,
        location: header(response.headers, 'location'),
        server: header(response.headers, 'server'),
        contentType: header(response.headers, 'content-type'),
        body,
      });
      response.on('data', (chunk: Buffer) => {
        if (!body.push(chunk)) finish(() => resolve(result()));
      });
      response.on('end', () => finish(() => resolve(result())));
      response.on('error', (error) => finish(() => reject(networkError(error, url))));
      response.on('aborted', () => finish(() => reject(networkError(Object.assign(new Error('the connection was closed mid-answer'), { code: 'ECONNRESET' }), url))));
    });
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}
