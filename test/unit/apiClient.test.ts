import { describe, expect, it } from 'vitest';
import { Settings } from '../../electron/core/contract';
import type { AppInfo, EventMessage, ResponseMessage } from '../../electron/core/contract';
import { ApiError, createApiClient } from '../../renderer/api/apiClient';
import type { ConnectionState, Transport } from '../../renderer/api/transport';

class FakeTransport implements Transport {
  readonly requests: { method: string; params: unknown }[] = [];
  readonly answers: ResponseMessage[] = [];
  private readonly eventListeners = new Set<(message: EventMessage) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();

  async request(method: string, params: unknown): Promise<ResponseMessage> {
    this.requests.push({ method, params });
    const answer = this.answers.shift();
    if (!answer) throw new Error('no answer queued');
    return answer;
  }

  onEvent(listener: (message: EventMessage) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  emit(message: EventMessage): void {
    for (const listener of this.eventListeners) listener(message);
  }

  setState(state: ConnectionState): void {
    for (const listener of this.stateListeners) listener(state);
  }
}

const info: AppInfo = {
  name: 'AP Console',
  version: '0.1.0',
  mode: 'electron',
  versions: { node: '22.0.0', v8: '13.0', electron: '39.0.0', chrome: '142.0' },
  platform: 'linux',
  arch: 'x64',
  dataDir: '/data',
};

describe('createApiClient', () => {
  it('sends the method and params and returns a valid result', async () => {
    const transport = new FakeTransport();
    transport.answers.push({ id: 1, ok: true, result: info });
    const client = createApiClient(transport);
    await expect(client.call('app.info', {})).resolves.toEqual(info);
    transport.answers.push({ id: 2, ok: true, result: Settings.parse({ theme: 'dark' }) });
    await expect(client.call('settings.update', { theme: 'dark' })).resolves.toEqual(Settings.parse({ theme: 'dark' }));
    expect(transport.requests).toEqual([
      { method: 'app.info', params: {} },
      { method: 'settings.update', params: { theme: 'dark' } },
    ]);
  });

  it('throws an ApiError carrying the wire error of a failed response', async () => {
    const transport = new FakeTransport();
    const wire = { code: 'invalid_params', message: 'params.theme: Invalid option', field: 'params.theme' } as const;
    transport.answers.push({ id: 1, ok: false, error: wire });
    const error = await createApiClient(transport)
      .call('settings.update', { theme: 'dark' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).wire).toEqual(wire);
    expect((error as ApiError).message).toBe(wire.message);
    expect((error as ApiError).name).toBe('ApiError');
  });

  it('throws invalid_result when the answer breaks the contract', async () => {
    const transport = new FakeTransport();
    transport.answers.push({ id: 1, ok: true, result: { theme: 'purple' } });
    const error = await createApiClient(transport)
      .call('settings.get', {})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).wire.code).toBe('invalid_result');
    transport.answers.push({ id: 2, ok: true, result: { ...info, secret: 'x' } });
    await expect(createApiClient(transport).call('app.info', {})).rejects.toMatchObject({ wire: { code: 'invalid_result' } });
  });

  it('delivers only valid payloads of the subscribed event', () => {
    const transport = new FakeTransport();
    const received: Settings[] = [];
    const unsubscribe = createApiClient(transport).on('settings.changed', (payload) => received.push(payload));
    transport.emit({ event: 'settings.changed', payload: { theme: 'dark' } });
    transport.emit({ event: 'settings.changed', payload: { theme: 'neon' } });
    transport.emit({ event: 'settings.changed', payload: { theme: 'light', extra: true } });
    transport.emit({ event: 'settings.changed', payload: null });
    transport.emit({ event: 'other.event', payload: { theme: 'light' } });
    transport.emit({ event: 'toString', payload: { theme: 'light' } });
    expect(received).toEqual([Settings.parse({ theme: 'dark' })]);
    unsubscribe();
    transport.emit({ event: 'settings.changed', payload: { theme: 'system' } });
    expect(received).toEqual([Settings.parse({ theme: 'dark' })]);
  });

  it('passes connection states through', () => {
    const transport = new FakeTransport();
    const states: ConnectionState[] = [];
    const unsubscribe = createApiClient(transport).onConnection((state) => states.push(state));
    transport.setState('connecting');
    transport.setState('open');
    unsubscribe();
    transport.setState('closed');
    expect(states).toEqual(['connecting', 'open']);
  });
});
