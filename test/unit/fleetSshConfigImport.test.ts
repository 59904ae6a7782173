import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSshConfigHost, toSshTarget } from '../../electron/core/connect/sshConfigFile';
import { SshTarget } from '../../electron/core/connect/sshTarget';
import type { SshHop } from '../../electron/core/connect/sshTarget';
import { isFleetError } from '../../electron/core/fleet/fleetError';
import { importDraft } from '../../electron/core/fleet/fleetImport';
import type { ImportContext } from '../../electron/core/fleet/fleetImport';
import { planImport } from '../../electron/core/fleet/importPlan';
import { emptyInventory } from '../../electron/core/fleet/inventory';
import { sshTargetFor } from '../../electron/core/fleet/sshTargetFor';

const CONFIG = `
Host partner-gw
  HostName 203.0.113.10
  Port 2200
  User jump
  IdentityFile ~/.ssh/partner_key

Host customer-gw
  HostName 198.51.100.7
  User ops
  ProxyJump partner-gw

Host ap1
  HostName 10.0.0.1
  User admin
  ProxyJump customer-gw

Host ap2
  HostName 10.0.0.2
  User admin
  Port 2022
  ProxyJump customer-gw,admin@10.0.0.1

Host ap3
  HostName 10.0.0.3
  ProxyJump admin@ap1:2222

Host broken
  HostName 10.0.0.9
  ProxyCommand nc %h %p

Host *.wild
  User wildcard

Host github.com
  User git
`;

let home: string;
let context: ImportContext;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'apc-ssh-config-import-'));
  await mkdir(join(home, '.ssh'));
  await writeFile(join(home, '.ssh', 'config'), CONFIG);
  await writeFile(join(home, '.ssh', 'partner_key'), 'not read by the import\n');
  context = { homeDir: home, username: 'pat', exists: (path) => existsSync(path) };
});
afterEach(async () => rm(home, { recursive: true, force: true }));

/** A hop as it connects: the inventory's id and the name messages use are not part of that. */
const withoutId = ({ id: _id, name: _name, ...hop }: SshHop) => hop;

describe('importing an SSH config', () => {
  it('turns ProxyJump targets into bastions and the other hosts into platforms of one site', async () => {
    const draft = await importDraft({ kind: 'sshConfig' }, false, context);
    const plan = planImport(emptyInventory(), draft, { withSecrets: false });
    const summary = plan.items.map((i) => `${i.entity}:${i.action}:${i.name}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'site:add:SSH config',
        'bastion:add:partner-gw',
        'bastion:add:customer-gw',
        'bastion:add:admin@10.0.0.1:22',
        'bastion:add:admin@10.0.0.1:2222',
        'platform:add:ap1',
        'platform:add:ap2',
        'platform:add:ap3',
        'platform:add:github.com',
        'platform:skip:broken',
      ]),
    );
    expect(summary).toHaveLength(10);
    expect(plan.items.find((i) => i.name === 'broken')?.reason).toMatch(/ProxyCommand/);
    expect(plan.inventory.bastions.find((b) => b.name === 'partner-gw')?.credentials.privateKeyPath).toBe(join(home, '.ssh', 'partner_key'));
    expect(plan.inventory.platforms.find((p) => p.name === 'github.com')).toMatchObject({ address: 'github.com', sshUser: 'git', credentials: { privateKeyPath: null } });
  });

  it('reaches every host the way the SSH config itself resolves it', async () => {
    const draft = await importDraft({ kind: 'sshConfig', path: join(home, '.ssh', 'config'), site: 'Partner' }, false, context);
    const { inventory } = planImport(emptyInventory(), draft, { withSecrets: false });
    for (const platform of inventory.platforms) {
      const fromInventory = sshTargetFor(inventory, platform.id);
      const fromConfig = SshTarget.parse(toSshTarget(resolveSshConfigHost(CONFIG, platform.name, context), { platform: platform.id }, context.exists));
      expect(withoutId(fromInventory.hop), platform.name).toEqual(withoutId(fromConfig.hop));
      expect(fromInventory.jumps.map(withoutId), platform.name).toEqual(fromConfig.jumps.map(withoutId));
    }
    expect(inventory.sites.map((s) => s.name)).toEqual(['Partner']);
  });

  it('imports only the hosts asked for, with the jump hosts they need', async () => {
    const draft = await importDraft({ kind: 'sshConfig', hosts: ['ap1', 'nothere'] }, false, context);
    expect(draft.notes).toEqual([expect.stringMatching(/no Host nothere/)]);
    const { inventory } = planImport(emptyInventory(), draft, { withSecrets: false });
    expect(inventory.platforms.map((p) => p.name)).toEqual(['ap1']);
    expect(inventory.bastions.map((b) => b.name).sort()).toEqual(['customer-gw', 'partner-gw']);
  });

  it('explains a missing or unreadable config', async () => {
    let caught: unknown;
    try {
      await importDraft({ kind: 'sshConfig', path: join(home, 'missing') }, false, context);
    } catch (error) {
      caught = error;
    }
    expect(isFleetError(caught, 'source_unreadable')).toBe(true);
    await writeFile(join(home, 'binary'), Buffer.from([0, 1, 2, 3]));
    await expect(importDraft({ kind: 'sshConfig', path: join(home, 'binary') }, false, context)).rejects.toThrow(/not a text file/);
  });
});
