import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../electron/core/contract';
import { ContractError } from '../../electron/core/rpc/contractError';
import { settingsHandlers } from '../../electron/core/settings/settingsHandlers';
import { createSettingsStore, defaultSettings } from '../../electron/core/settings/settingsStore';

let dir: string;
let changed: Settings[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-settings-handlers-'));
  changed = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const handlers = () => settingsHandlers({ store: createSettingsStore(dir), changed: (next) => changed.push(next) });

describe('settings handlers', () => {
  it('replaces the keys given and keeps the others', async () => {
    const h = handlers();
    await h['settings.update']({ pollIntervalSeconds: 300, alarmThresholds: { timeToFullWarningHours: 48 } });
    const next = await h['settings.update']({ theme: 'dark' });
    expect(next).toEqual({ ...defaultSettings(), theme: 'dark', pollIntervalSeconds: 300, alarmThresholds: { timeToFullWarningHours: 48 } });
    expect(changed).toHaveLength(2);
    expect(await h['settings.get']({})).toEqual(next);
  });

  it('refuses limits that contradict each other once laid over the defaults, writing nothing', async () => {
    const h = handlers();
    const refused = await h['settings.update']({ alarmThresholds: { timeToFullCriticalHours: 30 } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ContractError);
    expect((refused as ContractError).toWire()).toEqual({
      code: 'invalid_params',
      field: 'params.alarmThresholds.timeToFullCriticalHours',
      message: 'The critical time to full limit (30 h) is more than the warning limit (24 h), so the warning could never come first: lower the critical limit or raise the warning one.',
    });
    const lag = await h['settings.update']({ alarmThresholds: { replicationLagWarningSeconds: 60, replicationLagCriticalSeconds: 10 } }).catch((error: unknown) => error);
    expect((lag as ContractError).field).toBe('params.alarmThresholds.replicationLagCriticalSeconds');
    expect(changed).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('loads a settings file from before the monitor settings, filling in the defaults', async () => {
    await writeFile(join(dir, 'settings.json'), '{ "theme": "light" }\n');
    expect(await handlers()['settings.get']({})).toEqual({ theme: 'light', pollIntervalSeconds: 60, alarmThresholds: {}, savedFilters: [] });
  });
});
