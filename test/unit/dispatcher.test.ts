import { describe, expect, it } from 'vitest';
import { ResponseMessage, methods } from '../../electron/core/contract';
import type { AppInfo, MethodName, Settings } from '../../electron/core/contract';
import { ContractError } from '../../electron/core/rpc/contractError';
import { createDispatcher } from '../../electron/core/rpc/dispatcher';
import { defaultSettings } from '../../electron/core/settings/settingsStore';
import type { Handlers } from '../../electron/core/rpc/handlers';
import { ConnectError } from '../../electron/core/connect/connectError';

const info: AppInfo = {
  name: 'AP Console',
  version: '1.2.3',
  mode: 'web',
  versions: { node: '20.0.0', v8: '11.0', electron: null, chrome: null },
  platform: 'linux',
  arch: 'x64',
  dataDir: '/data',
};

interface Setup {
  handlers: Handlers;
  calls: { method: MethodName; params: unknown }[];
  internal: { method: string; error: unknown }[];
}

function setup(overrides: Partial<Handlers> = {}): Setup & ReturnType<typeof createDispatcher> {
  const calls: Setup['calls'] = [];
  const internal: Setup['internal'] = [];
  let settings: Settings = defaultSettings();
  const handlers = {
    ...Object.fromEntries(UNUSED_METHODS.map((method) => [method, notInThisTest])),
    'app.info': async (params) => {
      calls.push({ method: 'app.info', params });
      return info;
    },
    'app.health': async (params) => {
      calls.push({ method: 'app.health', params });
      return { ok: true, startedAt: '2024-01-01T00:00:00.000Z', uptimeSeconds: 1, rssBytes: 1024, checks: [] };
    },
    'settings.get': async (params) => {
      calls.push({ method: 'settings.get', params });
      return settings;
    },
    'settings.update': async (params) => {
      calls.push({ method: 'settings.update', params });
      settings = { ...settings, ...params };
      return settings;
    },
    ...overrides,
  } as Handlers;
  const dispatcher = createDispatcher(handlers, (method, error) => internal.push({ method, error }));
  return { handlers, calls, internal, dispatch: dispatcher.dispatch };
}

const notInThisTest = async (): Promise<never> => {
  throw new Error('not used in this test');
};
/** Every method but the app and settings ones this test drives. */
const UNUSED_METHODS = (Object.keys(methods) as MethodName[]).filter((m) => !m.startsWith('app.') && !m.startsWith('settings.'));

function expectWireValid(response: unknown): void {
  expect(ResponseMessage.safeParse(response).success, JSON.stringify(response)).toBe(true);
}

describe('createDispatcher', () => {
  it('has a handler for every contract method in the test setup', () => {
    expect(Object.keys(setup().handlers).sort()).toEqual(Object.keys(methods).sort());
  });

  it('passes a connection failure on with its reason and the host key decision, and nothing internal', async () => {
    const decision = { id: 'ap1', host: '10.0.0.5', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:new', key: 'AAAA', previousFingerprint: 'SHA256:old' };
    const { dispatch, internal } = setup({
      'hostKeys.accept': async () => {
        throw new ConnectError('host_key_changed', 'Host key changed for ap1: pinned SHA256:old, now offered SHA256:new.', { decision, stack: 'secret internals' });
      },
    });
    const response = await dispatch({ id: 7, method: 'hostKeys.accept', params: { id: 'ap1', host: '10.0.0.5', port: 22, key: 'AAAAC3NzaC1lZDI1NTE5AAAAIA==' } });
    expectWireValid(response);
    expect(response).toEqual({ id: 7, ok: false, error: { code: 'failed', reason: 'host_key_changed', message: 'Host key changed for ap1: pinned SHA256:old, now offered SHA256:new.', hostKey: decision } });
    expect(internal).toEqual([]);
  });

  it('runs a valid request and returns the checked result with its id', async () => {
    const { dispatch, calls } = setup();
    const response = await dispatch({ id: 'abc', method: 'settings.update', params: { theme: 'dark' } });
    expect(response).toEqual({ id: 'abc', ok: true, result: { ...defaultSettings(), theme: 'dark' } });
    expect(calls).toEqual([{ method: 'settings.update', params: { theme: 'dark' } }]);
    expectWireValid(response);
  });

  it('treats missing params as an empty object', async () => {
    const { dispatch, calls } = setup();
    const response = await dispatch({ id: 4, method: 'app.info' });
    expect(response).toEqual({ id: 4, ok: true, result: info });
    expect(calls).toEqual([{ method: 'app.info', params: {} }]);
  });

  it('answers a malformed envelope with bad_message, the failing field, and the id when it is valid', async () => {
    const { dispatch, calls } = setup();
    const missingMethod = await dispatch({ id: 9, params: {} });
    expect(missingMethod).toMatchObject({ id: 9, ok: false, error: { code: 'bad_message', field: 'message.method' } });
    const extraKey = await dispatch({ id: 'r1', method: 'app.info', extra: 1 });
    expect(extraKey).toMatchObject({ id: 'r1', ok: false, error: { code: 'bad_message', field: 'message' } });
    expect(calls).toEqual([]);
    expectWireValid(missingMethod);
    expectWireValid(extraKey);
  });

  it('answers with a null id when the id itself is not valid', async () => {
    const { dispatch } = setup();
    for (const raw of [{ id: -1, method: 'app.info' }, { id: 1.5, method: 'app.info' }, { id: '', method: 'app.info' }, { id: 'x'.repeat(65), method: 'app.info' }, 'hello', null, [1, 2], 42]) {
      const response = await dispatch(raw);
      expect(response.ok, JSON.stringify(raw)).toBe(false);
      expect(response.id, JSON.stringify(raw)).toBeNull();
      if (!response.ok) expect(response.error.code).toBe('bad_message');
    }
  });

  it('keeps its own answer inside the response contract for an integer id beyond the safe range', async () => {
    const { dispatch } = setup();
    const response = await dispatch({ id: 2 ** 53, method: 'app.info' });
    expect(response.ok).toBe(false);
    expect(response.id).toBeNull();
    expectWireValid(response);
  });

  it('refuses unknown methods, including names inherited from Object.prototype', async () => {
    const { dispatch, calls } = setup();
    for (const method of ['no.such', 'toString', '__proto__', 'constructor']) {
      const response = await dispatch({ id: 1, method });
      expect(response, method).toMatchObject({ id: 1, ok: false, error: { code: 'unknown_method', field: 'method' } });
      expectWireValid(response);
    }
    expect(calls).toEqual([]);
  });

  it('refuses invalid params with a dotted field and does not run the handler', async () => {
    const { dispatch, calls } = setup();
    const badTheme = await dispatch({ id: 1, method: 'settings.update', params: { theme: 'purple' } });
    expect(badTheme).toMatchObject({ id: 1, ok: false, error: { code: 'invalid_params', field: 'params.theme' } });
    if (!badTheme.ok) expect(badTheme.error.message).toContain('settings.update');
    const extra = await dispatch({ id: 2, method: 'app.info', params: { verbose: true } });
    expect(extra).toMatchObject({ id: 2, ok: false, error: { code: 'invalid_params', field: 'params' } });
    const notObject = await dispatch({ id: 3, method: 'settings.get', params: 'all' });
    expect(notObject).toMatchObject({ id: 3, ok: false, error: { code: 'invalid_params' } });
    expect(calls).toEqual([]);
  });

  it('hides the message of an unexpected error and hands the error to the sink', async () => {
    const secret = new Error('password=hunter2 at /home/admin/.ssh/id_rsa');
    const { dispatch, internal } = setup({
      'settings.get': async () => {
        throw secret;
      },
    });
    const response = await dispatch({ id: 5, method: 'settings.get' });
    expect(response).toMatchObject({ id: 5, ok: false, error: { code: 'internal' } });
    const text = JSON.stringify(response);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('id_rsa');
    expect(internal).toEqual([{ method: 'settings.get', error: secret }]);
    expectWireValid(response);
  });

  it('passes a ContractError through with its code, message and field', async () => {
    const { dispatch, internal } = setup({
      'app.health': async () => {
        throw new ContractError('unavailable', 'The data folder is busy.', 'params.folder');
      },
    });
    const response = await dispatch({ id: 6, method: 'app.health' });
    expect(response).toEqual({ id: 6, ok: false, error: { code: 'unavailable', message: 'The data folder is busy.', field: 'params.folder' } });
    expect(internal).toEqual([]);
  });

  it('omits the field of a ContractError that has none', async () => {
    const { dispatch } = setup({
      'app.health': async () => {
        throw new ContractError('unavailable', 'Later.');
      },
    });
    const response = await dispatch({ id: 6, method: 'app.health' });
    expect(response).toEqual({ id: 6, ok: false, error: { code: 'unavailable', message: 'Later.' } });
  });

  it('refuses a result that breaks the contract with invalid_result and reports it', async () => {
    const { dispatch, internal } = setup({
      'app.info': async () => ({ ...info, mode: 'desktop' }) as unknown as AppInfo,
    });
    const response = await dispatch({ id: 7, method: 'app.info' });
    expect(response).toMatchObject({ id: 7, ok: false, error: { code: 'invalid_result', field: 'result.mode' } });
    expect(JSON.stringify(response)).not.toContain('desktop');
    expect(internal).toHaveLength(1);
    expect(internal[0]?.method).toBe('app.info');
    expectWireValid(response);
  });
});
