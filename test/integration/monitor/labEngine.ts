import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { FleetList, Platform } from '../../../electron/core/contract';
import { createEngine } from '../../../electron/core/engine';
import type { Engine } from '../../../electron/core/engine';
import { labDown } from '../../lab/lab';
import { fleetFile, platformDir } from '../../lab/labPaths';
import { run } from '../../lab/run';

export interface Answer<T> {
  ok: boolean;
  result: T;
  error?: { code: string; message: string; reason?: string };
}

/** One contract call, answered as a transport would pass it on. */
export async function callEngine<T>(engine: Engine, method: string, params: unknown = {}): Promise<Answer<T>> {
  return (await engine.dispatch({ id: 1, method, params })) as unknown as Answer<T>;
}

/** A web-mode engine on `dataDir` that logs nothing. */
export function quietEngine(dataDir: string): Engine {
  return createEngine({ mode: 'web', dataDir, log: { info: () => undefined, error: () => undefined } });
}

/** Sets up the vault with `masterPassword`, imports the lab fleet with its secrets and returns the platform named `name`. */
export async function importLabFleet(engine: Engine, masterPassword: string, name: string): Promise<Platform> {
  expect((await callEngine(engine, 'vault.initialise', { masterPassword })).ok).toBe(true);
  expect((await callEngine(engine, 'fleet.importApply', { source: { kind: 'labFleet', path: fleetFile() }, secrets: true })).ok).toBe(true);
  const fleet = await callEngine<FleetList>(engine, 'fleet.list');
  const platform = fleet.result.platforms.find((p) => p.name === name);
  expect(platform, `${name} in the imported fleet`).toBeDefined();
  return platform as Platform;
}

/** Closes the engine, takes the lab down and removes the data folder. */
export async function closeLabEngine(engine: Engine | undefined, dataDir: string | undefined): Promise<void> {
  await engine?.close();
  await labDown();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

/** The fingerprint OpenSSH itself computes for the ed25519 host key of a lab platform. */
export async function labHostKeyFingerprint(name: string): Promise<string | undefined> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(platformDir(name), 'ssh', 'ssh_host_ed25519_key.pub')]);
  return stdout.split(' ')[1];
}
