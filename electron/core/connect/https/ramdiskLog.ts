import { ConnectError, throwIfAborted } from '../connectError';
import { untrustedCertificateError } from './certificateTrust';
import type { CertificateTrust } from './certificateTrust';
import { httpsUrl } from './httpsEndpoint';
import type { HttpsEndpointInput } from './httpsEndpoint';
import { httpsGet } from './httpsGet';
import { parseEndpoint, parseTrust } from './httpsOptions';
import { OperationDeadline } from './operationDeadline';
import { openTls } from './tlsSession';

export const RAMDISK_LOG_PATH = '/manager/ramdisk.log';
/** The same log on the platform's disk, for SSH when the URL is missing. */
export const RAMDISK_LOG_FILE = '/apps/install_step1.log';

export interface RamdiskLogOptions extends HttpsEndpointInput {
  trust?: CertificateTrust;
  /** At most this many bytes are kept: the end of the log, which tells whether an install finished. */
  maxBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type RamdiskLogResult =
  | { available: true; url: string; text: string; totalBytes: number; truncated: boolean }
  | { available: false; url: string; status: number; message: string };

export const DEFAULT_RAMDISK_LOG_BYTES = 1024 * 1024;
export const DEFAULT_RAMDISK_LOG_TIMEOUT_MS = 30_000;

/**
 * GET /manager/ramdisk.log over a trusted connection. A 404 is a result, not an error: the URL came with the
 * later 13r1 builds, and the 2021 13r1 platforms do not have it.
 */
export async function fetchRamdiskLog(options: RamdiskLogOptions): Promise<RamdiskLogResult> {
  throwIfAborted(options.signal, 'Reading the ramdisk log');
  const endpoint = parseEndpoint(options);
  const trust = parseTrust(options.trust);
  const maxBytes = options.maxBytes ?? DEFAULT_RAMDISK_LOG_BYTES;
  if (!(Number.isInteger(maxBytes) && maxBytes > 0)) throw new ConnectError('local_failed', 'The ramdisk log limit must be a positive number of bytes.');
  const url = httpsUrl(endpoint, RAMDISK_LOG_PATH);
  const deadline = new OperationDeadline(`Reading ${url}`, options.timeoutMs ?? DEFAULT_RAMDISK_LOG_TIMEOUT_MS, options.signal);
  try {
    const { socket, report } = await openTls(endpoint, trust, deadline);
    if (!report.trust.trusted) {
      socket.destroy();
      throw untrustedCertificateError(report.url, report.chain[0], report.trust, trust);
    }
    const answer = await httpsGet(socket, endpoint, RAMDISK_LOG_PATH, { maxBytes, keep: 'tail' }, deadline);
    if (answer.status === 200) {
      return { available: true, url, text: answer.body.text(), totalBytes: answer.body.total, truncated: answer.body.truncated };
    }
    if (answer.status === 404) {
      return {
        available: false,
        url,
        status: 404,
        message: `This App Platform has no ${RAMDISK_LOG_PATH}: older versions (the 13r1 builds of 2021 and before) do not publish it. Read ${RAMDISK_LOG_FILE} over SSH instead.`,
      };
    }
    throw new ConnectError('remote_failed', `${url} answered HTTP ${answer.status} instead of the ramdisk log. Read ${RAMDISK_LOG_FILE} over SSH instead.`, { url, status: answer.status });
  } finally {
    deadline.dispose();
  }
}
