import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppHealth, AppInfo } from '../../electron/core/contract';
import type { EventMessage, Settings } from '../../electron/core/contract';
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

const DEFAULTS: Settings = { theme: 'system', pollIntervalSeconds: 60, alarmThresholds: {}, savedFilters: [] };
const DARK: Settings = { ...DEFAULTS, theme: 'dark' };

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
    expect(await engine.dispatch({ id: 1, method: 'settings.get' })).toEqual({ id: 1, ok: true, result: DEFAULTS });
    expect(await engine.dispatch({ id: 2, method: 'settings.update', params: { theme: 'dark' } })).toEqual({ id: 2, ok: true, result: DARK });
    expect(first).toEqual([{ event: 'settings.changed', payload: DARK }]);
    expect(second).toEqual(first);
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual(DARK);
    unsubscribe();
    await engine.dispatch({ id: 3, method: 'settings.update', params: {} });
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual(DARK);
    const reopened = createEngine({ mode: 'web', dataDir, log });
    expect(await reopened.dispatch({ id: 4, method: 'settings.get' })).toEqual({ id: 4, ok: true, result: DARK });
  });

  it('changes one setting and keeps the others', async () => {
    const engine = createEngine({ mode: 'web', dataDir, log });
    await engine.dispatch({ id: 1, method: 'settings.update', params: { pollIntervalSeconds: 300, alarmThresholds: { timeToFullWarningHours: 48 } } });
    const response = await engine.dispatch({ id: 2, method: 'settings.update', params: { theme: 'dark' } });
    expect(response).toEqual({ id: 2, ok: true, result: { ...DARK, pollIntervalSeconds: 300, alarmThresholds: { timeToFullWarningHours: 48 } } });
  });

  it('refuses alarm limits that contradict each other, with a sentence naming the field', async () => {
    const engine = createEngine({ mode: 'web', dataDir, log });
    const events: EventMessage[] = [];
    engine.subscribe((message) => events.push(message));
    const response = await engine.dispatch({ id: 1, method: 'settings.update', params: { alarmThresholds: { replicationLagWarningSeconds: 120, replicationLagCriticalSeconds: 60 } } });
    expect(response).toEqual({
      id: 1,
      ok: false,
      error: {
        code: 'invalid_params',
        field: 'params.alarmThresholds.replicationLagCriticalSeconds',
        message: 'The critical replication lag limit (60 s) is less than the warning limit (120 s), so the warning could never come first: raise the critical limit or lower the warning one.',
      },
    });
    const tooFast = await engine.dispatch({ id: 2, method: 'settings.update', params: { pollIntervalSeconds: 5 } });
    expect(tooFast).toMatchObject({ ok: false, error: { code: 'invalid_params', field: 'params.pollIntervalSeconds' } });
    expect(events).toEqual([]);
    expect(await readdir(dataDir)).not.toContain('settings.json');
  });

  it('says clearly when an alarm or a platform it is asked about is not there', async () => {
    const engine = createEngine({ mode: 'web', dataDir, log });
    expect(await engine.dispatch({ id: 1, method: 'alarms.acknowledge', params: { alarmId: 'ap9/disk.usage/1', note: '' } })).toEqual({
      id: 1,
      ok: false,
      error: { code: 'invalid_params', field: 'params.alarmId', message: 'No such alarm: it may belong to a platform that was removed. Reload the alarms and try again.' },
    });
    expect(await engine.dispatch({ id: 2, method: 'monitor.history', params: { platformId: 'ap9' } })).toMatchObject({
      ok: false,
      error: { code: 'failed', reason: 'not_found', message: expect.stringContaining('There is no platform with id ap9') },
    });
    expect(await engine.dispatch({ id: 3, method: 'fleet.testConnection', params: { platformId: 'ap9' } })).toMatchObject({
      ok: false,
      error: { code: 'failed', reason: 'not_found', message: expect.stringContaining('There is no platform with id ap9') },
    });
    await engine.close();
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
    expect(response).toEqual({ id: 1, ok: true, result: { ...DEFAULTS, theme: 'light' } });
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
    expect(await engine.dispatch({ id: 2, method: 'settings.get' })).toEqual({ id: 2, ok: true, result: DEFAULTS });
  });

  it('answers malformed requests through the dispatcher', async () => {
    const engine = createEngine({ mode: 'web', dataDir, log });
    expect(await engine.dispatch({ id: 1, method: 'toString' })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await engine.dispatch('nonsense')).toMatchObject({ id: null, ok: false, error: { code: 'bad_message' } });
  });
});
