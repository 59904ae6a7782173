import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const spawned = vi.hoisted(() => ({ calls: [] as unknown[][] }));

vi.mock('node:child_process', () => ({
  spawn: (...args: unknown[]) => {
    spawned.calls.push(args);
    throw new Error('spawn must not be called');
  },
}));

const savedOverride = process.env.ELECTRON_OVERRIDE_DIST_PATH;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-launcher-'));
});

afterEach(async () => {
  if (savedOverride === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = savedOverride;
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('launcher', () => {
  it('starts nothing when imported', async () => {
    const log = vi.spyOn(console, 'log');
    const launcher = await import('../../electron/launcher');
    expect(typeof launcher.installedElectron).toBe('function');
    expect(spawned.calls).toEqual([]);
    expect(log).not.toHaveBeenCalled();
  });

  it('finds the Electron executable in ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const executable = join(dir, 'electron');
    await writeFile(executable, '#!/bin/sh\nexit 0\n');
    await chmod(executable, 0o755);
    process.env.ELECTRON_OVERRIDE_DIST_PATH = dir;
    const { installedElectron } = await import('../../electron/launcher');
    expect(installedElectron()).toBe(executable);
  });

  it('returns null when the override folder has no Electron', async () => {
    process.env.ELECTRON_OVERRIDE_DIST_PATH = dir;
    const { installedElectron } = await import('../../electron/launcher');
    expect(installedElectron()).toBeNull();
  });
});
