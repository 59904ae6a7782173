import type { TLSSocket } from 'node:tls';
import { WebSocket } from 'ws';
import { appLoginDigest } from '../appWebsocketDigest';
import { ConnectError, throwIfAborted } from '../connectError';
import { AppWebsocketSession } from './appWebsocketSession';
import type { AppRequest, AppRequestOptions } from './appWebsocketSession';
import { untrustedCertificateError } from './certificateTrust';
import type { CertificateTrust } from './certificateTrust';
import { httpsUrl } from './httpsEndpoint';
import type { HttpsEndpoint, HttpsEndpointInput } from './httpsEndpoint';
import { parseEndpoint, parseTrust } from './httpsOptions';
import { AppChallengeResult, AppLoginResult, AppPlatformInfoResult, MANAGER_LOGIN, MANAGER_PATH } from './managerMessages';
import type { AppMessage } from './managerMessages';
import { networkError } from './networkError';
import { OperationDeadline } from './operationDeadline';
import { openTls } from './tlsSession';
import type { TlsSessionReport } from './tlsSession';
import { wsAppTransport } from './wsAppTransport';

export interface ManagerConnectOptions extends HttpsEndpointInput {
  /** The AP Manager password. Used only for the login digest; never sent, logged or returned. */
  password: string;
  trust?: CertificateTrust;
  /** For the whole connect: TLS, websocket upgrade, login and AppPlatformInfo. */
  timeoutMs?: number;
  /** Default for each later request. */
  requestTimeoutMs?: number;
  keepAliveMs?: number;
  signal?: AbortSignal;
}

/** A logged-in AP Manager websocket. */
export interface ManagerConnection {
  url: string;
  /** AppPlatformInfoResult's version. */
  version: string;
  tls: TlsSessionReport;
  request(message: AppRequest, options?: AppRequestOptions): Promise<AppMessage>;
  onUnsolicited(listener: (message: AppMessage) => void): () => void;
  onClose(listener: (error: ConnectError) => void): () => void;
  readonly isOpen: boolean;
  close(): Promise<void>;
}

export const DEFAULT_MANAGER_TIMEOUT_MS = 15_000;
export const DEFAULT_MANAGER_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_KEEP_ALIVE_MS = 30_000;
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** The websocket upgrade on the TLS connection whose certificate was already accepted. */
function openWebsocket(socket: TLSSocket, endpoint: HttpsEndpoint, deadline: OperationDeadline): Promise<WebSocket> {
  const url = httpsUrl(endpoint, MANAGER_PATH, 'wss');
  const reuse = () => socket;
  const ws = new WebSocket(url, { createConnection: reuse, perMessageDeflate: false, maxPayload: MAX_MESSAGE_BYTES, followRedirects: false });
  return new Promise<WebSocket>((resolve, reject) => {
    const fail = (error: ConnectError) => {
      deadline.signal.removeEventListener('abort', onAbort);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      socket.destroy();
      reject(error);
    };
    const onAbort = () => fail(deadline.error());
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    ws.once('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      fail(new ConnectError('protocol', `${url} answered HTTP ${status} instead of opening the AP Manager websocket. Check that the address is an App Platform and that its AP Manager is running.`, { url, status }));
    });
    ws.once('error', (error) => fail(networkError(error, url)));
    ws.once('open', () => {
      deadline.signal.removeEventListener('abort', onAbort);
      ws.removeAllListeners();
      resolve(ws);
    });
  });
}

async function login(session: AppWebsocketSession, password: string, url: string, deadline: OperationDeadline): Promise<void> {
  const challengeAnswer = AppChallengeResult.safeParse(await deadline.race(session.exchange({ mt: 'AppChallenge' }, 'AppChallengeResult')));
  if (!challengeAnswer.success) throw new ConnectError('protocol', `${url} sent an unreadable login challenge. Check that the address is an App Platform's AP Manager.`, { url });
  const digest = appLoginDigest(MANAGER_LOGIN, challengeAnswer.data.challenge, password);
  const result = AppLoginResult.safeParse(await deadline.race(session.exchange({ mt: 'AppLogin', ...MANAGER_LOGIN, digest }, 'AppLoginResult')));
  if (!result.success || result.data.ok !== true) {
    throw new ConnectError('auth_failed', `The AP Manager at ${url} refused the login. Check the manager password under the platform's credentials (after the install it is the global admin password).`, { url });
  }
}

async function platformVersion(session: AppWebsocketSession, url: string, deadline: OperationDeadline): Promise<string> {
  const answer = AppPlatformInfoResult.safeParse(await deadline.race(session.request({ mt: 'AppPlatformInfoRequest' })));
  if (!answer.success) throw new ConnectError('protocol', `The AP Manager at ${url} answered AppPlatformInfoRequest without a version. Check the platform's AP Manager.`, { url });
  return answer.data.version;
}

/**
 * Connects to wss://<host>/manager and logs in as the AP Manager's admin. The certificate is judged right
 * after the TLS handshake: nothing derived from the password is sent over an untrusted connection.
 */
export async function connectManager(options: ManagerConnectOptions): Promise<ManagerConnection> {
  throwIfAborted(options.signal, 'Connecting to the AP Manager');
  const endpoint = parseEndpoint(options);
  const trust = parseTrust(options.trust);
  const url = httpsUrl(endpoint, MANAGER_PATH, 'wss');
  const deadline = new OperationDeadline(`Connecting to the AP Manager at ${url}`, options.timeoutMs ?? DEFAULT_MANAGER_TIMEOUT_MS, options.signal);
  let session: AppWebsocketSession | undefined;
  try {
    const { socket, report } = await openTls(endpoint, trust, deadline);
    if (!report.trust.trusted) {
      socket.destroy();
      throw untrustedCertificateError(report.url, report.chain[0], report.trust, trust);
    }
    const ws = await openWebsocket(socket, endpoint, deadline);
    const activeSession = new AppWebsocketSession(wsAppTransport(ws), {
      label: `The AP Manager at ${url}`,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_MANAGER_REQUEST_TIMEOUT_MS,
      keepAliveMs: options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
    });
    session = activeSession;
    await login(activeSession, options.password, url, deadline);
    const version = await platformVersion(activeSession, url, deadline);
    activeSession.startKeepAlive();
    return {
      url,
      version,
      tls: report,
      request: (message, requestOptions) => activeSession.request(message, requestOptions),
      onUnsolicited: (listener) => activeSession.onUnsolicited(listener),
      onClose: (listener) => activeSession.onClose(listener),
      get isOpen() {
        return activeSession.isOpen;
      },
      close: () => activeSession.close(),
    };
  } catch (error) {
    await session?.close();
    if (deadline.expired && !(error instanceof ConnectError && (error.code === 'timeout' || error.code === 'cancelled'))) throw deadline.error();
    throw error instanceof ConnectError ? error : networkError(error, url);
  } finally {
    deadline.dispose();
  }
}
