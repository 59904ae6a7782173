import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectError } from '../../../electron/core/connect/connectError';
import { createHostKeyStore } from '../../../electron/core/connect/hostKeyStore';
import type { HostKeyDecision } from '../../../electron/core/connect/hostKeyPin';
import { shellCommand } from '../../../electron/core/connect/shellQuote';
import { connectTarget } from '../../../electron/core/connect/sshConnect';
import type { ConnectOptions } from '../../../electron/core/connect/sshConnect';
import { exec } from '../../../electron/core/connect/sshExec';
import type { SshTarget } from '../../../electron/core/connect/sshTarget';
import { Bastion, FleetList, ImportReport, Platform } from '../../../electron/core/contract';
import type { ResponseMessage } from '../../../electron/core/contract';
import { createEngine } from '../../../electron/core/engine';
import type { Engine } from '../../../electron/core/engine';
import { createInventoryStore } from '../../../electron/core/fleet/inventoryStore';
import { sshTargetFor } from '../../../electron/core/fleet/sshTargetFor';
import { createVault } from '../../../electron/core/vault/vault';
import type { Vault } from '../../../electron/core/vault/vault';
import { VAULT_FILE } from '../../../electron/core/vault/vaultFile';
import { labDown, labUp } from '../../lab/lab';
import type { LabPlatform } from '../../lab/lab';
import { BRIDGE_ADDRESS, fleetFile } from '../../lab/labPaths';
import { inPlatform } from '../../lab/platformNamespace';

const isRoot = process.getuid?.() === 0;
const MASTER = 'fleet lab master password';
const PASSWORDS = { 'fl-a': 'Fleet-A-admin-31', 'fl-b': 'Fleet-B admin $2', 'fl-c': 'Fleet-C-admin-53' };

describe.skipIf(!isRoot)('the fleet against lab platforms', () => {
  let platforms: LabPlatform[];
  let dataDir: string;
  let engine: Engine;
  let vault: Vault;
  let nextId = 1;

  const call = async <T>(method: string, params: unknown, schema: { parse(value: unknown): T }): Promise<T> => {
    const response: ResponseMessage = await engine.dispatch({ id: nextId++, method, params });
    if (!response.ok) throw new Error(`${method}: ${JSON.stringify(response.error)}`);
    return schema.parse(response.result);
  };
  const lab = (name: string) => {
    const found = platforms.find((p) => p.name === name);
    if (!found) throw new Error(`no lab platform ${name}`);
    return found;
  };
  const inventoryOnDisk = () => createInventoryStore(dataDir).read();

  /** Connects as a user would: every unknown host key on the way is confirmed once, then the command runs. */
  async function runOn(target: SshTarget, command: string): Promise<string> {
    const hostKeys = createHostKeyStore(dataDir);
    const options: ConnectOptions = { pinsFor: (id) => hostKeys.pinsFor(id), secrets: (ref) => vault.get(ref), readyTimeoutMs: 15_000 };
    for (let attempt = 0; attempt <= target.jumps.length + 1; attempt++) {
      try {
        const link = await connectTarget(target, options);
        try {
          const result = await exec(link.client, command, { timeoutMs: 15_000 });
          expect(result.code).toBe(0);
          return result.stdout.toString('utf8').trim();
        } finally {
          link.close();
        }
      } catch (error) {
        if (!isConnectError(error, 'host_key_unknown')) throw error;
        await hostKeys.accept(error.details.decision as HostKeyDecision);
      }
    }
    throw new Error('host keys kept changing');
  }

  beforeAll(async () => {
    ({ platforms } = await labUp({
      platforms: [
        { name: 'fl-a', site: 'Site A', kind: 'light', diskMiB: 32, adminPassword: PASSWORDS['fl-a'] },
        { name: 'fl-b', site: 'Site A', kind: 'light', diskMiB: 32, sshServer: 'dropbear', formFactor: 'gateway-arm64', adminPassword: PASSWORDS['fl-b'], build: 130014 },
        { name: 'fl-c', site: 'Site B', kind: 'light', diskMiB: 32, formFactor: 'gateway-arm', adminPassword: PASSWORDS['fl-c'] },
      ],
    }));
    dataDir = await mkdtemp(join(tmpdir(), 'apc-fleet-lab-'));
    engine = createEngine({ mode: 'web', dataDir, log: { info: () => undefined, error: () => undefined } });
    const initialised = await engine.dispatch({ id: 0, method: 'vault.initialise', params: { masterPassword: MASTER } });
    expect(initialised.ok).toBe(true);
  });
  afterAll(async () => {
    if (isRoot) await labDown();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('imports the fleet file the lab wrote, with its passwords into the vault', async () => {
    const report = await call('fleet.importApply', { source: { kind: 'labFleet', path: fleetFile() }, secrets: true }, ImportReport);
    expect(report).toMatchObject({ applied: true, added: 5, skipped: 0, secrets: { count: 6 } });
    const list = await call('fleet.list', {}, FleetList);
    const siteName = new Map(list.sites.map((s) => [s.id, s.name]));
    expect(list.platforms.map((p) => p.name).sort()).toEqual(platforms.map((p) => p.name).sort());
    for (const platform of list.platforms) {
      const started = lab(platform.name);
      expect(platform).toMatchObject({ address: started.address, sshPort: started.sshPort, sshUser: 'admin', formFactor: started.formFactor, expectedRole: 'standalone' });
      expect(siteName.get(platform.siteId)).toBe(started.site);
    }
    vault = await createVault({ file: join(dataDir, VAULT_FILE) });
    await vault.unlock(MASTER);
    for (const platform of list.platforms) expect(await vault.get(platform.credentials.passwordRef ?? '')).toBe(PASSWORDS[platform.name as keyof typeof PASSWORDS]);
  });

  it('reaches every imported platform with the target the inventory builds', async () => {
    const inventory = await inventoryOnDisk();
    for (const platform of inventory.platforms) {
      const label = await runOn(sshTargetFor(inventory, platform.id), shellCommand(['cat', '/mnt/sda1/label']));
      const own = (await inPlatform(platform.name, ['cat', '/mnt/sda1/label'])).stdout.trim();
      expect(label, platform.name).toBe(own);
    }
  });

  it('goes through a bastion and a platform of another site as jump hosts', async () => {
    const list = await call('fleet.list', {}, FleetList);
    const byName = new Map(list.platforms.map((p) => [p.name, p]));
    const [a, b, c] = ['fl-a', 'fl-b', 'fl-c'].map((n) => byName.get(n));
    if (!a || !b || !c) throw new Error('imported platforms missing');
    const bastion = await call('fleet.addBastion', { name: 'lab-gw', address: lab('fl-b').address, credentials: { passwordRef: b.credentials.passwordRef } }, Bastion);
    await call('fleet.updatePlatform', { id: c.id, jumpHostIds: [bastion.id, a.id] }, Platform);

    const inventory = await inventoryOnDisk();
    const target = sshTargetFor(inventory, c.id);
    expect(target.jumps.map((j) => j.id)).toEqual([bastion.id, a.id]);
    const client = await runOn(target, shellCommand(['sh', '-c', 'echo "$SSH_CLIENT"']));
    expect(client.split(' ')[0]).toBe(lab('fl-a').address);
    const direct = await runOn(sshTargetFor(inventory, a.id), shellCommand(['sh', '-c', 'echo "$SSH_CLIENT"']));
    expect(direct.split(' ')[0]).toBe(BRIDGE_ADDRESS);
  });

  it('imports hosts of an SSH config with their ProxyJump and reaches them the same way', async () => {
    const config = join(dataDir, 'ssh_config');
    await writeFile(
      config,
      [
        'Host cfg-gw',
        `  HostName ${lab('fl-a').address}`,
        '  User admin',
        '',
        'Host cfg-c',
        `  HostName ${lab('fl-c').address}`,
        '  User admin',
        '  ProxyJump cfg-gw',
        '',
      ].join('\n'),
    );
    const report = await call('fleet.importApply', { source: { kind: 'sshConfig', path: config, site: 'From SSH config' } }, ImportReport);
    expect(report.items.map((i) => `${i.entity}:${i.action}:${i.name}`).sort()).toEqual(['bastion:add:cfg-gw', 'platform:add:cfg-c', 'site:add:From SSH config']);
    const refs = (await inventoryOnDisk()).platforms;
    const passwordOf = (name: string) => refs.find((p) => p.name === name)?.credentials.passwordRef ?? null;
    const list = await call('fleet.list', { query: 'cfg' }, FleetList);
    const gw = list.bastions.find((b) => b.name === 'cfg-gw');
    const cfgC = list.platforms.find((p) => p.name === 'cfg-c');
    if (!gw || !cfgC) throw new Error('SSH config hosts missing');
    expect(cfgC.jumpHostIds).toEqual([gw.id]);
    await call('fleet.updateBastion', { id: gw.id, credentials: { passwordRef: passwordOf('fl-a') } }, Bastion);
    await call('fleet.updatePlatform', { id: cfgC.id, credentials: { passwordRef: passwordOf('fl-c') } }, Platform);

    const client = await runOn(sshTargetFor(await inventoryOnDisk(), cfgC.id), shellCommand(['sh', '-c', 'echo "$SSH_CLIENT"']));
    expect(client.split(' ')[0]).toBe(lab('fl-a').address);
  });
});
