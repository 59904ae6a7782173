import type { SFTPWrapper } from 'ssh2';

export interface SftpReadTuning {
  /** Bytes asked for by one READ; capped at what the server allows. */
  requestBytes?: number;
  /** READs kept in flight at once. */
  parallel?: number;
}

/** Measured on OpenSSH: many 32 KiB READs beat fewer large ones (each fits one SSH packet). */
export const DEFAULT_SFTP_TUNING: Required<SftpReadTuning> = { requestBytes: 32 * 1024, parallel: 64 };

/** The largest READ the session may ask for: ssh2 learns it from the server's limits extension. */
function maxReadLength(sftp: SFTPWrapper): number {
  const learned = (sftp as unknown as { _maxReadLen?: unknown })._maxReadLen;
  return typeof learned === 'number' && learned > 0 ? learned : 32 * 1024;
}

function readOnce(sftp: SFTPWrapper, handle: Buffer, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    sftp.read(handle, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead)));
  });
}

/** Reads [position, position + length), asking again after a short answer; shorter only at the end of the file. */
async function readFully(sftp: SFTPWrapper, handle: Buffer, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const got = await readOnce(sftp, handle, buffer, filled, length - filled, position + filled);
    if (got === 0) break;
    filled += got;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}

function aborted(signal: AbortSignal | undefined): Promise<never> | undefined {
  if (!signal) return undefined;
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * The bytes of [start, end) in order, with several READs in flight: one READ at a time waits a round trip
 * per request, which caps the rate at request size / latency. Ends early when the file is shorter.
 */
export async function* sftpReadRange(sftp: SFTPWrapper, handle: Buffer, start: number, end: number, tuning: SftpReadTuning = {}, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const requestBytes = Math.max(1, Math.min(tuning.requestBytes ?? DEFAULT_SFTP_TUNING.requestBytes, maxReadLength(sftp)));
  const parallel = Math.max(1, tuning.parallel ?? DEFAULT_SFTP_TUNING.parallel);
  const inFlight: Array<{ length: number; data: Promise<Buffer> }> = [];
  const stop = aborted(signal);
  stop?.catch(() => undefined);
  let next = start;
  const fill = () => {
    while (inFlight.length < parallel && next < end) {
      const length = Math.min(requestBytes, end - next);
      const data = readFully(sftp, handle, next, length);
      data.catch(() => undefined);
      inFlight.push({ length, data });
      next += length;
    }
  };
  fill();
  while (inFlight.length > 0) {
    const head = inFlight.shift() as { length: number; data: Promise<Buffer> };
    const chunk = await (stop ? Promise.race([head.data, stop]) : head.data);
    fill();
    if (chunk.length > 0) yield chunk;
    if (chunk.length < head.length) return;
  }
}
