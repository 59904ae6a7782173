import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFleetError } from '../../electron/core/fleet/fleetError';
import { applyImport, importDraft, previewImport } from '../../electron/core/fleet/fleetImport';
import type { ImportContext } from '../../electron/core/fleet/fleetImport';
import { createInventoryStore } from '../../electron/core/fleet/inventoryStore';
import type { InventoryStore } from '../../electron/core/fleet/inventoryStore';
import { MIN_SCRYPT_COST } from '../../electron/core/vault/masterKey';
import { createVault } from '../../electron/core/vault/vault';
import type { Vault } from '../../electron/core/vault/vault';
import { isVaultError } from '../../electron/core/vault/vaultError';

/** Laid out as test/lab/lab.ts writes fleet.json and fleet-secrets.json. */
const LAB_FLEET = {
  kind: 'ap-console-lab-fleet',
  version: 1,
  sites: [
    {
      name: 'Muster GmbH',
      platforms: [
        { name: 'muster-ap1', address: '10.231.0.2', sshPort: 22, sshUser: 'admin', formFactor: 'vm', sshServer: 'openssh', expectedRole: 'primary' },
        { name: 'muster-ap1-sb', address: '10.231.0.3', sshPort: 22, sshUser: 'admin', formFactor: 'vm', sshServer: 'openssh', expectedRole: 'standby' },
        { name: 'muster-ap2', address: '10.231.0.4', sshPort: 22, sshUser: 'admin', formFactor: 'gateway-arm64', sshServer: 'dropbear', expectedRole: 'standalone' },
      ],
    },
    { name: 'Beispiel AG', platforms: [{ name: 'beispiel-ap', address: '10.231.0.5', sshPort: 22, sshUser: 'admin', formFactor: 'gateway-arm', sshServer: 'openssh', expectedRole: 'standalone' }] },
  ],
  replication: [{ primary: 'muster-ap1', standbys: [{ platform: 'muster-ap1-sb', standbyName: 'muster_standby' }] }],
};
const PASSWORDS: Record<string, { adminPassword: string; rootPassword: string }> = {
  'muster-ap1': { adminPassword: 'Lab-Admin-1111', rootPassword: 'Lab-Root-1111' },
  'muster-ap1-sb': { adminPassword: 'Lab-Admin-2222', rootPassword: 'Lab-Root-2222' },
  'muster-ap2': { adminPassword: 'Lab-Admin-3333', rootPassword: 'Lab-Root-3333' },
  'beispiel-ap': { adminPassword: 'Lab-Admin-4444', rootPassword: 'Lab-Root-4444' },
};
const LAB_SECRETS = { kind: 'ap-console-lab-secrets', version: 1, platforms: PASSWORDS };
const context: ImportContext = { homeDir: '/nonexistent', username: 'pat', exists: () => false };

let dir: string;
let labDir: string;
let store: InventoryStore;

async function unlockedVault(): Promise<Vault> {
  const vault = await createVault({ file: join(dir, 'data', 'vault.json'), scryptCost: MIN_SCRYPT_COST });
  await vault.initialise('correct horse battery');
  return vault;
}

async function everythingWritten(): Promise<string> {
  const files = await readdir(join(dir, 'data'));
  return (await Promise.all(files.map((f) => readFile(join(dir, 'data', f), 'utf8')))).join('\n');
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-lab-import-'));
  labDir = join(dir, 'lab');
  await mkdir(labDir);
  await writeFile(join(labDir, 'fleet.json'), `${JSON.stringify(LAB_FLEET, null, 2)}\n`);
  await writeFile(join(labDir, 'fleet-secrets.json'), `${JSON.stringify(LAB_SECRETS, null, 2)}\n`, { mode: 0o600 });
  store = createInventoryStore(join(dir, 'data'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const source = () => ({ kind: 'labFleet' as const, path: join(labDir, 'fleet.json') });

describe('importing the lab fleet file', () => {
  it('adds its sites and platforms with roles, and puts the passwords into the vault by ref', async () => {
    const vault = await unlockedVault();
    const draft = await importDraft(source(), true, context);
    const preview = await previewImport(store, draft, true);
    expect(preview).toMatchObject({ applied: false, added: 6, updated: 0, skipped: 0, secrets: { count: 8, refs: [] } });
    expect((await store.read()).platforms).toEqual([]);

    const { result } = await applyImport(store, draft, vault);
    expect(result).toMatchObject({ applied: true, added: 6, secrets: { count: 8 } });
    const inventory = await store.read();
    const byName = new Map(inventory.platforms.map((p) => [p.name, p]));
    for (const site of LAB_FLEET.sites) {
      for (const expected of site.platforms) {
        const platform = byName.get(expected.name);
        expect(platform).toMatchObject({ address: expected.address, sshPort: expected.sshPort, sshUser: 'admin', formFactor: expected.formFactor, expectedRole: expected.expectedRole });
        expect(inventory.sites.find((s) => s.id === platform?.siteId)?.name).toBe(site.name);
        const refs = platform?.credentials;
        expect(refs?.passwordRef).toBe(`platform:${platform?.id}:admin-password`);
        expect(refs?.rootPasswordRef).toBe(`platform:${platform?.id}:root-password`);
        expect(await vault.get(refs?.passwordRef ?? '')).toBe(PASSWORDS[expected.name]?.adminPassword);
        expect(await vault.get(refs?.rootPasswordRef ?? '')).toBe(PASSWORDS[expected.name]?.rootPassword);
      }
    }
    expect(byName.get('muster-ap1-sb')?.expectedPrimaryId).toBe(byName.get('muster-ap1')?.id);
    expect(result.secrets.refs.sort()).toEqual(inventory.platforms.flatMap((p) => [p.credentials.passwordRef, p.credentials.rootPasswordRef]).sort());

    const written = `${JSON.stringify(result)}${JSON.stringify(preview)}${await everythingWritten()}`;
    for (const p of Object.values(PASSWORDS)) {
      expect(written).not.toContain(p.adminPassword);
      expect(written).not.toContain(p.rootPassword);
    }
  });

  it('imports without the vault and without reading the secrets file when no secrets are asked for', async () => {
    await rm(join(labDir, 'fleet-secrets.json'));
    const { result } = await applyImport(store, await importDraft(source(), false, context));
    expect(result).toMatchObject({ added: 6, secrets: { count: 0, refs: [] } });
    expect((await store.read()).platforms.every((p) => p.credentials.passwordRef === null && p.credentials.rootPasswordRef === null)).toBe(true);
  });

  it('finds nothing to change on a second import', async () => {
    const vault = await unlockedVault();
    await applyImport(store, await importDraft(source(), true, context), vault);
    const before = await store.read();
    const { result, changedIds } = await applyImport(store, await importDraft(source(), true, context), vault);
    expect(result).toMatchObject({ added: 0, updated: 0, skipped: 6 });
    expect(changedIds).toEqual([]);
    expect(await store.read()).toEqual(before);
  });

  it('refuses a locked vault before it changes anything', async () => {
    const vault = await unlockedVault();
    vault.lock();
    let caught: unknown;
    try {
      await applyImport(store, await importDraft(source(), true, context), vault);
    } catch (error) {
      caught = error;
    }
    expect(isVaultError(caught, 'locked')).toBe(true);
    expect((await store.read()).platforms).toEqual([]);
  });

  it('says what is wrong with a missing, foreign or broken file, never quoting the secrets file', async () => {
    const failure = async (work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        if (isFleetError(error)) return error;
        throw error;
      }
      throw new Error('expected a FleetError');
    };
    expect(await failure(() => importDraft({ kind: 'labFleet', path: join(labDir, 'nope.json') }, false, context))).toMatchObject({ reason: 'source_unreadable', message: expect.stringMatching(/does not exist/) });
    expect(await failure(() => importDraft({ kind: 'labFleet', path: labDir }, false, context))).toMatchObject({ reason: 'source_unreadable' });
    await writeFile(join(labDir, 'other.json'), JSON.stringify({ kind: 'something-else', sites: [] }));
    expect(await failure(() => importDraft({ kind: 'labFleet', path: join(labDir, 'other.json') }, false, context))).toMatchObject({ reason: 'source_invalid', message: expect.stringMatching(/its kind is "something-else"/) });
    await writeFile(join(labDir, 'fleet-secrets.json'), '{"kind":"ap-console-lab-secrets","platforms":{"x":{"adminPassword":"Leak-Me-9999"');
    const broken = await failure(() => importDraft(source(), true, context));
    expect(broken).toMatchObject({ reason: 'source_invalid', message: expect.stringMatching(/not a lab secrets file/) });
    expect(broken.message).not.toContain('Leak-Me');
    await rm(join(labDir, 'fleet-secrets.json'));
    expect(await failure(() => importDraft(source(), true, context))).toMatchObject({ reason: 'source_unreadable', message: expect.stringMatching(/fleet-secrets\.json does not exist/) });
  });
});
