import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppHealth, AppInfo } from '../../electron/core/contract';
import type { EventMessage } from '../../electron/core/contract';
import { createEngine } from '../../electron/core/engine';
import type { EngineLog } from '../../electron/core/engineLog';

interface RecordingLog extends EngineLog {
  infos: string[];
  errors: { message: string; error: unknown }[];
}

function recordingLog(): RecordingLog {
  const infos: string[] = [];
  const errors: RecordingLog['errors'] = [];
  return { infos, errors, info: (message) => infos.push(message), error: (message, error) => errors.push({ message, error }) };
}

let dataDir: string;
let log: RecordingLog;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'apc-engine-'));
  log = recordingLog();
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function packageJson(): Promise<{ version: string; productName: string }> {
  const text = await readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8');
  return JSON.parse(text) as { version: string; productName: string };
}

describe('createEngine', () => {
  it('answers app.info with mode, data folder, version and host versions', async () => {
    const engine = createEngine({ mode: 'web', dataDir, log });
    const response = await engine.dispatch({ id: 1, method: 'app.info' });
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    const info = AppInfo.parse(response.result);
    const pkg = await packageJson();
    expect(info.mode).toBe('web');
    expect(info.dataDir).toBe(dataDir);
    expect(info.version).toBe(pkg.version);
    expect(info.name).toBe(pkg.productName);
    expect(info.versions.node).toBe(process.versions.node);
    expect(info.versions.electron).toBeNull();
    expect(info.platform).toBe(process.platform);
  });

  it('reports the host versions it is given', async () => {
    const engine = createEngine({ mode: 'electron', dataDir, log, host: { electron: '39.0.0', chrome: '142.0' } });
    const response = await engine.dispatch({ id: 1, method: 'app.info' });
    expect(response).toMatchObject({ ok: true, result: { mode: 'electron', versions: { electron: '39.0.0', chrome: '142.0' } } });
  });

  it('answers app.health with ok and a writable data folder check', async () => {
    const engine = createEngine({ mode: 'web', dataDir, log });
    const response = await engine.dispatch({ id: 2, method: 'app.health' });
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    const health = AppHealth.parse(response.result);
    expect(health.ok).toBe(true);
    expect(health.checks.find((check) => check.name === 'Data folder')).toMatchObject({ ok: true });
    expect(health.checks.find((check) => check.name === 'Settings')).toMatchObject({ ok: true });
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(log.errors).toEqual([]);
  });

  it('persists settings.update, emits settings.changed, and returns the new settings', async () => {
    const engine = createEngine({ mode: 'web', dataDir, log });
    const first: EventMessage[] = [];
    const second: EventMessage[] = [];
    engine.subscribe((message) => first.push(message));
    const unsubscribe = engine.subscribe((message) => second.push(message));
    expect(await engine.dispatch({ id: 1, method: 'settings.get' })).toEqual({ id: 1, ok: true, result: { theme: 'system' } });
    expect(await engine.dispatch({ id: 2, method: 'settings.update', params: { theme: 'dark' } })).toEqual({ id: 2, ok: true, result: { theme: 'dark' } });
    expect(first).toEqual([{ event: 'settings.changed', payload: { theme: 'dark' } }]);
    expect(second).toEqual(first);
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ theme: 'dark' });
    unsubscribe();
    await engine.dispatch({ id: 3, method: 'settings.update', params: {} });
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ theme: 'dark' });
    const reopened = createEngine({ mode: 'web', dataDir, log });
    expect(await reopened.dispatch({ id: 4, method: 'settings.get' })).toEqual({ id: 4, ok: true, result: { theme: 'dark' } });
  });

  it('refuses an invalid theme without touching the file or emitting', async () => {
    const engine = createEngine({ mode: 'web', dataDir, log });
    const events: EventMessage[] = [];
    engine.subscribe((message) => events.push(message));
    const response = await engine.dispatch({ id: 1, method: 'settings.update', params: { theme: 'purple' } });
    expect(response).toMatchObject({ ok: false, error: { code: 'invalid_params', field: 'params.theme' } });
    expect(events).toEqual([]);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('logs a failing event listener without failing the update', async () => {
    const engine = createEngine({ mode: 'web', dataDir, log });
    engine.subscribe(() => {
      throw new Error('listener broke');
    });
    const response = await engine.dispatch({ id: 1, method: 'settings.update', params: { theme: 'light' } });
    expect(response).toEqual({ id: 1, ok: true, result: { theme: 'light' } });
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]?.error).toBeInstanceOf(Error);
  });

  it('reports a corrupt settings file in app.health and falls back to defaults', async () => {
    await writeFile(join(dataDir, 'settings.json'), '{"theme": ');
    const engine = createEngine({ mode: 'web', dataDir, log });
    const response = await engine.dispatch({ id: 1, method: 'app.health' });
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    const health = AppHealth.parse(response.result);
    expect(health.ok).toBe(false);
    const settingsCheck = health.checks.find((check) => check.name === 'Settings');
    expect(settingsCheck?.ok).toBe(false);
    expect(settingsCheck?.detail).toContain(join(dataDir, 'settings.json'));
    expect(settingsCheck?.detail).toContain('.unreadable-');
    expect(health.checks.find((check) => check.name === 'Data folder')?.ok).toBe(true);
    expect(await engine.dispatch({ id: 2, method: 'settings.get' })).toEqual({ id: 2, ok: true, result: { theme: 'system' } });
  });

  it('answers malformed requests through the dispatcher', async () => {
    const engine = createEngine({ mode: 'web', dataDir, log });
    expect(await engine.dispatch({ id: 1, method: 'toString' })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await engine.dispatch('nonsense')).toMatchObject({ id: null, ok: false, error: { code: 'bad_message' } });
  });
});
