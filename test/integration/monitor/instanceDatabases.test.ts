import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlatformDatabase } from '../../../electron/core/connect/pg/platformDatabase';
import { openRootSession } from '../../../electron/core/connect/root/rootSession';
import type { RootSession } from '../../../electron/core/connect/root/rootSession';
import { readInstanceDatabases, splitInstanceName } from '../../../electron/core/platform/instanceDatabases';
import { psqlAsPostgres } from '../../lab/postgres';
import { isRoot, startConnectLab } from '../connect/connectLab';
import type { ConnectLab } from '../connect/connectLab';

const AP = 'inst-ap';

/** Sizes as the platform's own psql computes them, read by the test independently of the code under test. */
async function platformSizes(): Promise<Map<string, number>> {
  const { stdout } = await psqlAsPostgres(AP, 'postgres', "\\pset format unaligned\n\\pset tuples_only on\nSELECT datname || '|' || pg_database_size(datname) FROM pg_database WHERE datallowconn;\n");
  return new Map(stdout.trim().split('\n').map((line) => [line.split('|')[0] ?? '', Number(line.split('|')[1])]));
}

describe.skipIf(!isRoot)('instance databases of a lab platform', () => {
  let lab: ConnectLab;
  let root: RootSession;

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        {
          name: AP,
          diskMiB: 160,
          instances: [
            { domain: 'example.com', name: 'reporting1', app: 'innovaphone-reporting', sizeMiB: 12 },
            { domain: 'example.com', name: 'files_archive', app: 'innovaphone-files', sizeMiB: 1 },
            { domain: 'kunde.de', name: 'devices', app: 'innovaphone-devices', sizeMiB: 2 },
          ],
        },
      ],
    });
    await lab.trust(lab.target(AP));
    // A database the manager does not list: known by its name only.
    await psqlAsPostgres(AP, 'postgres', 'CREATE DATABASE "other.org_voicemail";\nCREATE DATABASE scratch;\n');
    root = await openRootSession((await lab.connect(AP)).client, 'iplinux', { platformId: AP });
  });
  afterAll(async () => {
    root?.close();
    await lab?.stop();
  });

  it('lists every instance with owner, size and app from the manager registry, largest first, and flags the big ones', async () => {
    const { client } = await lab.connect(AP);
    const db = await openPlatformDatabase({ client, platform: AP, database: 'manager', root: async () => root });
    try {
      const diskBytes = 160 * 1024 * 1024;
      const list = await readInstanceDatabases(db, { dataPartitionBytes: diskBytes, largeSharePercent: 10 });
      const sizes = await platformSizes();
      expect(list.map((i) => i.database).sort()).toEqual(['example.com_files_archive', 'example.com_reporting1', 'kunde.de_devices', 'other.org_voicemail', 'scratch']);
      for (const item of list) expect(item.bytes).toBe(sizes.get(item.database));
      expect(list.map((i) => i.bytes)).toEqual([...list.map((i) => i.bytes)].sort((a, b) => b - a));
      expect(list[0]).toMatchObject({ database: 'example.com_reporting1', owner: 'example.com_reporting1', domain: 'example.com', instance: 'reporting1', app: 'innovaphone-reporting', source: 'manager', large: true });
      expect(list[0]?.sharePercent).toBeCloseTo(((sizes.get('example.com_reporting1') ?? 0) * 100) / diskBytes, 6);
      expect(list.find((i) => i.database === 'example.com_files_archive')).toMatchObject({ instance: 'files_archive', app: 'innovaphone-files', source: 'manager', large: false });
      expect(list.find((i) => i.database === 'other.org_voicemail')).toMatchObject({ domain: 'other.org', instance: 'voicemail', app: null, source: 'name', owner: 'postgres' });
      expect(list.find((i) => i.database === 'scratch')).toMatchObject({ domain: null, instance: null, source: 'name' });
    } finally {
      await db.close();
    }
  });

  it('goes by the names alone when connected to a database without the registry', async () => {
    const { client } = await lab.connect(AP);
    const db = await openPlatformDatabase({ client, platform: AP, database: 'postgres', root: async () => root });
    try {
      const list = await readInstanceDatabases(db, { dataPartitionBytes: null, largeSharePercent: 5 });
      expect(list.every((i) => i.source === 'name' && i.sharePercent === null && !i.large)).toBe(true);
      expect(list.find((i) => i.database === 'example.com_files_archive')).toMatchObject({ domain: 'example.com', instance: 'files_archive' });
    } finally {
      await db.close();
    }
  });
});

describe('instance names', () => {
  it('splits <domain>_<instance> at the first underscore, as domains hold none', () => {
    expect(splitInstanceName('example.com_reporting1')).toEqual({ domain: 'example.com', instance: 'reporting1' });
    expect(splitInstanceName('example.com_files_archive')).toEqual({ domain: 'example.com', instance: 'files_archive' });
    expect(splitInstanceName('scratch')).toBeNull();
    expect(splitInstanceName('_x')).toBeNull();
    expect(splitInstanceName('x_')).toBeNull();
    expect(splitInstanceName('bad domain!_x')).toBeNull();
  });
});
