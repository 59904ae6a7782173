import { afterEach, describe, expect, it, vi } from 'vitest';
import { isConnectError } from '../../electron/core/connect/connectError';
import { ByteWindow } from '../../electron/core/connect/https/byteWindow';
import { HttpsEndpoint, hostHeader, httpsUrl, isIpLiteral, tlsServername, urlHost } from '../../electron/core/connect/https/httpsEndpoint';
import { parseEndpoint } from '../../electron/core/connect/https/httpsOptions';
import { networkError } from '../../electron/core/connect/https/networkError';
import { OperationDeadline, formatSeconds } from '../../electron/core/connect/https/operationDeadline';

const errno = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('HTTPS endpoints', () => {
  it('accepts DNS names and IP literals, IPv6 with or without brackets', () => {
    expect(HttpsEndpoint.parse({ host: 'ap.example.com' })).toEqual({ host: 'ap.example.com', port: 443 });
    expect(HttpsEndpoint.parse({ host: '[fd00::5]', port: 8443 })).toEqual({ host: 'fd00::5', port: 8443 });
    expect(HttpsEndpoint.parse({ host: ' 10.0.0.5 ' }).host).toBe('10.0.0.5');
  });

  it('refuses URLs and bad ports with a message for the user', () => {
    for (const input of [{ host: 'https://ap/' }, { host: 'admin@ap' }, { host: '' }, { host: 'ap', port: 0 }, { host: 'ap', port: 70000 }]) {
      expect(HttpsEndpoint.safeParse(input).success).toBe(false);
    }
    const error = (() => {
      try {
        parseEndpoint({ host: 'https://ap/' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isConnectError(error, 'local_failed')).toBe(true);
  });

  it('sends SNI only for DNS names', () => {
    expect(tlsServername('ap.example.com')).toBe('ap.example.com');
    expect(tlsServername('10.0.0.5')).toBeUndefined();
    expect(tlsServername('::1')).toBeUndefined();
    expect(tlsServername('fe80::1%eth0')).toBeUndefined();
    expect(isIpLiteral('web-ap')).toBe(false);
  });

  it('brackets IPv6 in URLs and Host headers', () => {
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('fe80::1%eth0')).toBe('[fe80::1%25eth0]');
    expect(hostHeader({ host: '::1', port: 443 })).toBe('[::1]');
    expect(hostHeader({ host: '::1', port: 8443 })).toBe('[::1]:8443');
    expect(httpsUrl({ host: '10.0.0.5', port: 443 }, '/manager', 'wss')).toBe('wss://10.0.0.5/manager');
    expect(new URL(httpsUrl({ host: 'fd00::5', port: 8443 }, '/manager/ramdisk.log')).hostname).toBe('[fd00::5]');
  });
});

describe('networkError', () => {
  it('maps socket failures to unreachable with the cause and what to check', () => {
    for (const code of ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'ECONNRESET']) {
      const error = networkError(errno(code), 'https://10.0.0.5');
      expect(error.code).toBe('unreachable');
      expect(error.details).toMatchObject({ cause: code, url: 'https://10.0.0.5' });
      expect(error.message).toContain('https://10.0.0.5');
      expect(error.message).toMatch(/Check/);
    }
  });

  it('maps a kernel timeout to timeout and TLS failures to protocol', () => {
    expect(networkError(errno('ETIMEDOUT'), 'https://ap').code).toBe('timeout');
    expect(networkError(errno('ERR_SSL_WRONG_VERSION_NUMBER'), 'https://ap').code).toBe('protocol');
    expect(networkError(errno('EPROTO'), 'https://ap').code).toBe('protocol');
  });
});

describe('ByteWindow', () => {
  it('keeps everything under the cap', () => {
    const window = new ByteWindow(10, 'tail');
    window.push(Buffer.from('abc'));
    window.push(Buffer.from('def'));
    expect(window.text()).toBe('abcdef');
    expect(window.truncated).toBe(false);
    expect(window.total).toBe(6);
  });

  it('keeps the last bytes of a long stream, across chunk borders', () => {
    const window = new ByteWindow(5, 'tail');
    for (const part of ['0123', '4567', '89']) window.push(Buffer.from(part));
    expect(window.text()).toBe('56789');
    expect(window.truncated).toBe(true);
    expect(window.total).toBe(10);
  });

  it('stops at the cap when keeping the head', () => {
    const window = new ByteWindow(5, 'head');
    expect(window.push(Buffer.from('0123'))).toBe(true);
    expect(window.push(Buffer.from('4'))).toBe(true);
    expect(window.push(Buffer.from('5678'))).toBe(false);
    expect(window.text()).toBe('01234');
  });

  it('drops a character cut in half at either edge', () => {
    const tail = new ByteWindow(4, 'tail');
    tail.push(Buffer.from('aä€', 'utf8')); // a, ä (2 bytes), € (3 bytes): the last 4 bytes start inside ä
    expect(tail.text()).toBe('€');
    const head = new ByteWindow(4, 'head');
    head.push(Buffer.from('aä€', 'utf8'));
    expect(head.text()).toBe('aä');
  });
});

describe('OperationDeadline', () => {
  afterEach(() => vi.useRealTimers());

  it('turns a timeout into a timeout error and a cancel into a cancelled error', async () => {
    vi.useFakeTimers();
    const timed = new OperationDeadline('Reading the log', 1500);
    const never = new Promise<never>(() => undefined);
    const racing = timed.race(never);
    vi.advanceTimersByTime(1500);
    await expect(racing).rejects.toMatchObject({ code: 'timeout', message: expect.stringContaining('1.5 s') });
    timed.dispose();

    const controller = new AbortController();
    const cancellable = new OperationDeadline('Reading the log', 60_000, controller.signal);
    const racing2 = cancellable.race(never);
    controller.abort();
    await expect(racing2).rejects.toMatchObject({ code: 'cancelled', message: 'Reading the log was cancelled.' });
    cancellable.dispose();
  });

  it('passes results through and is already expired for an aborted signal', async () => {
    const deadline = new OperationDeadline('x', 1000);
    await expect(deadline.race(Promise.resolve(7))).resolves.toBe(7);
    deadline.dispose();
    const controller = new AbortController();
    controller.abort();
    const aborted = new OperationDeadline('x', 1000, controller.signal);
    expect(() => aborted.throwIfExpired()).toThrow(/cancelled/);
    aborted.dispose();
    expect(formatSeconds(15_000)).toBe('15 s');
  });
});
