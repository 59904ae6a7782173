import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppWebsocketSession } from '../../electron/core/connect/https/appWebsocketSession';
import type { AppSocketTransport } from '../../electron/core/connect/https/appWebsocketSession';

/** Both ends of an in-memory websocket: what the session sent, and a way to answer it. */
function memoryTransport() {
  const sent: Array<Record<string, unknown>> = [];
  let deliver: (text: string) => void = () => undefined;
  let closed: (code: number, reason: string) => void = () => undefined;
  let closeCalls = 0;
  const transport: AppSocketTransport = {
    send: (text) => void sent.push(JSON.parse(text) as Record<string, unknown>),
    close: async () => {
      closeCalls++;
      closed(1000, '');
    },
    onMessage: (listener) => (deliver = listener),
    onClose: (listener) => (closed = listener),
  };
  return {
    transport,
    sent,
    answer: (message: object) => deliver(JSON.stringify(message)),
    raw: (text: string) => deliver(text),
    peerCloses: (code: number, reason: string) => closed(code, reason),
    closeCalls: () => closeCalls,
  };
}

const options = { label: 'The AP Manager at wss://ap/manager', requestTimeoutMs: 1000, keepAliveMs: 20_000 };

describe('AppWebsocketSession', () => {
  afterEach(() => vi.useRealTimers());

  it('gives every request its own src and matches answers by src, in any order', async () => {
    const wire = memoryTransport();
    const session = new AppWebsocketSession(wire.transport, options);
    const first = session.request({ mt: 'AppPlatformInfoRequest' });
    const second = session.request({ mt: 'AppPlatformInfoRequest' });
    const [a, b] = wire.sent;
    expect(a?.src).toEqual(expect.any(String));
    expect(a?.src).not.toBe(b?.src);
    wire.answer({ mt: 'AppPlatformInfoResult', src: b?.src, version: 'second' });
    wire.answer({ mt: 'AppPlatformInfoResult', src: a?.src, version: 'first' });
    await expect(first).resolves.toMatchObject({ version: 'first' });
    await expect(second).resolves.toMatchObject({ version: 'second' });
  });

  it('answers a login step by its mt, ignoring KeepAlive and frames that are not AppWebsocket JSON', async () => {
    const wire = memoryTransport();
    const session = new AppWebsocketSession(wire.transport, options);
    const unsolicited = vi.fn();
    session.onUnsolicited(unsolicited);
    const challenge = session.exchange({ mt: 'AppChallenge' }, 'AppChallengeResult');
    expect(wire.sent).toEqual([{ mt: 'AppChallenge' }]);
    wire.raw('not json');
    wire.raw('{"no":"mt"}');
    wire.answer({ mt: 'KeepAlive' });
    wire.answer({ mt: 'SomethingElse', src: 'elsewhere' });
    wire.answer({ mt: 'AppChallengeResult', challenge: '1234' });
    await expect(challenge).resolves.toMatchObject({ challenge: '1234' });
    expect(unsolicited).toHaveBeenCalledTimes(1);
    expect(unsolicited).toHaveBeenCalledWith({ mt: 'SomethingElse', src: 'elsewhere' });
  });

  it('times out one request without disturbing the others', async () => {
    vi.useFakeTimers();
    const wire = memoryTransport();
    const session = new AppWebsocketSession(wire.transport, options);
    const slow = session.request({ mt: 'Slow' }, { timeoutMs: 500 });
    const fast = session.request({ mt: 'Fast' });
    const slowResult = expect(slow).rejects.toMatchObject({ code: 'timeout', message: expect.stringContaining('did not answer Slow within 0.5 s') });
    vi.advanceTimersByTime(500);
    await slowResult;
    wire.answer({ mt: 'FastResult', src: wire.sent[1]?.src });
    await expect(fast).resolves.toMatchObject({ mt: 'FastResult' });
    // A late answer to the timed-out request goes nowhere.
    wire.answer({ mt: 'SlowResult', src: wire.sent[0]?.src });
  });

  it('cancels a request through its signal', async () => {
    const wire = memoryTransport();
    const session = new AppWebsocketSession(wire.transport, options);
    const controller = new AbortController();
    const pending = session.request({ mt: 'Slow' }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('fails pending and later requests when the peer closes, and tells close listeners once', async () => {
    const wire = memoryTransport();
    const session = new AppWebsocketSession(wire.transport, options);
    const onClose = vi.fn();
    session.onClose(onClose);
    const pending = session.request({ mt: 'AppPlatformInfoRequest' });
    wire.peerCloses(1006, 'gone');
    await expect(pending).rejects.toMatchObject({ code: 'disconnected', message: expect.stringContaining('closed the connection (1006, gone)') });
    await expect(session.request({ mt: 'AppPlatformInfoRequest' })).rejects.toMatchObject({ code: 'disconnected' });
    expect(session.isOpen).toBe(false);
    wire.peerCloses(1006, 'again');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('sends KeepAlive periodically once started, and stops on close', async () => {
    vi.useFakeTimers();
    const wire = memoryTransport();
    const session = new AppWebsocketSession(wire.transport, options);
    vi.advanceTimersByTime(60_000);
    expect(wire.sent).toEqual([]);
    session.startKeepAlive();
    vi.advanceTimersByTime(60_000);
    expect(wire.sent).toEqual([{ mt: 'KeepAlive' }, { mt: 'KeepAlive' }, { mt: 'KeepAlive' }]);
    await session.close();
    expect(wire.closeCalls()).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(wire.sent).toHaveLength(3);
    await session.close();
    expect(wire.closeCalls()).toBe(1);
  });
});
