import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload, MethodName, Params } from '../../electron/core/contract';
import { ApiError } from '../../renderer/api/apiClient';
import type { ApiClient } from '../../renderer/api/apiClient';
import { connectTerminal, contractSize } from '../../renderer/views/platform/terminal/terminalConnection';
import type { TerminalCallbacks } from '../../renderer/views/platform/terminal/terminalConnection';
import { waitUntil } from './terminalFakeClient';

const ID = 'term-0123456789abcdef0123456789abcdef';

/** An api whose calls are recorded and answered by `answer`, and whose events the test sends. */
function fakeApi(answer: (method: MethodName, params: unknown) => Promise<unknown>) {
  const calls: Array<{ method: MethodName; params: unknown }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Pick<ApiClient, 'call' | 'on'> = {
    call: ((method: MethodName, params: Params<MethodName>) => {
      calls.push({ method, params });
      return answer(method, params);
    }) as ApiClient['call'],
    on: ((event: EventName, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    }) as ApiClient['on'],
  };
  const send = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const listening = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);
  return { api, calls, send, listening };
}

function recorder() {
  const seen = { opened: 0, output: [] as string[], exit: [] as string[], problems: [] as string[] };
  const callbacks: TerminalCallbacks = {
    opened: () => void seen.opened++,
    output: (data) => void seen.output.push(data),
    exit: (message) => void seen.exit.push(message),
    problem: (message) => void seen.problems.push(message),
  };
  return { seen, callbacks };
}

describe('a terminal through the contract', () => {
  it('keeps events that come before the open answer and replays those of its own id', async () => {
    let open: (value: unknown) => void = () => undefined;
    const { api, send } = fakeApi((method) => (method === 'terminal.open' ? new Promise((resolve) => (open = resolve)) : Promise.resolve({})));
    const { seen, callbacks } = recorder();
    connectTerminal(api, 'p1', { cols: 80, rows: 24 }, callbacks);
    send('terminal.output', { terminalId: ID, data: 'first ' });
    send('terminal.output', { terminalId: 'term-ffffffffffffffff', data: 'other' });
    open({ terminalId: ID });
    await waitUntil(() => seen.opened === 1);
    send('terminal.output', { terminalId: ID, data: 'second' });
    send('terminal.exit', { terminalId: ID, message: 'The shell ended.' });
    expect(seen.output).toEqual(['first ', 'second']);
    expect(seen.exit).toEqual(['The shell ended.']);
  });

  it('sends typing in order, one write at a time, large pastes in pieces the contract takes', async () => {
    const { api, calls } = fakeApi(async (method) => (method === 'terminal.open' ? { terminalId: ID } : {}));
    const { callbacks } = recorder();
    const terminal = connectTerminal(api, 'p1', { cols: 5, rows: 1 }, callbacks);
    expect(calls[0]).toEqual({ method: 'terminal.open', params: { platformId: 'p1', cols: 10, rows: 2 } });
    terminal.write('l');
    terminal.write('s\r');
    const paste = `${'x'.repeat(65_535)}😀${'y'.repeat(10)}`;
    await waitUntil(() => calls.some((c) => c.method === 'terminal.write'));
    terminal.write(paste);
    terminal.resize({ cols: 132, rows: 43 });
    await waitUntil(() => calls.filter((c) => c.method === 'terminal.write').map((c) => (c.params as { data: string }).data).join('') === `ls\r${paste}`);
    const writes = calls.filter((c) => c.method === 'terminal.write').map((c) => (c.params as { data: string }).data);
    for (const data of writes) expect(data.length).toBeLessThanOrEqual(65_536);
    expect(writes.some((data) => data.endsWith('😀') || data.startsWith('😀'))).toBe(true);
    await waitUntil(() => calls.some((c) => c.method === 'terminal.resize'));
    expect(calls.find((c) => c.method === 'terminal.resize')?.params).toEqual({ terminalId: ID, cols: 132, rows: 43 });
  });

  it('closes a session that opens after the tab was closed, and stops listening', async () => {
    let open: (value: unknown) => void = () => undefined;
    const { api, calls, listening, send } = fakeApi((method) => (method === 'terminal.open' ? new Promise((resolve) => (open = resolve)) : Promise.resolve({})));
    const { seen, callbacks } = recorder();
    const terminal = connectTerminal(api, 'p1', { cols: 80, rows: 24 }, callbacks);
    terminal.close();
    expect(listening()).toBe(0);
    open({ terminalId: ID });
    await waitUntil(() => calls.some((c) => c.method === 'terminal.close'));
    send('terminal.output', { terminalId: ID, data: 'late' });
    expect(seen.output).toEqual([]);
    expect(seen.opened).toBe(0);
  });

  it("shows the engine's sentence when opening fails", async () => {
    const { api } = fakeApi(async () => {
      throw new ApiError({ code: 'failed', message: 'The host key of ap is not trusted yet. Confirm its fingerprint.' });
    });
    const { seen, callbacks } = recorder();
    connectTerminal(api, 'p1', { cols: 80, rows: 24 }, callbacks);
    await waitUntil(() => seen.problems.length === 1);
    expect(seen.problems).toEqual(['The host key of ap is not trusted yet. Confirm its fingerprint.']);
  });

  it('keeps sizes within the contract', () => {
    expect(contractSize({ cols: 3.7, rows: 0 })).toEqual({ cols: 10, rows: 2 });
    expect(contractSize({ cols: 5000, rows: 900 })).toEqual({ cols: 1000, rows: 500 });
  });
});
