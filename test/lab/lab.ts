import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { writeInitScripts } from './initScripts';
import { writeServiceLogs } from './labLogs';
import { addPlatformNetwork, anyLabRunning, ensureBridge, labNamespaces, namespacePids, removeBridge, removeHostVeths, removeNamespace } from './labNetwork';
import { LAB_DIR, NETNS_PREFIX, fleetFile, platformAddress, platformDir, secretsFile } from './labPaths';
import { FleetSpec, dataDevice } from './labSpec';
import type { PlatformSpec } from './labSpec';
import { writeManagerFiles } from './managerFiles';
import { makeDataImage, writeAccounts, writePlatformTree } from './platformFiles';
import { NAMESPACE_FOLDER, createMountNamespace, ensureNamespaceFolder, inPlatform, releaseNamespaceFolder, removeMountNamespace } from './platformNamespace';
import { createInstance, createManagerDatabase, initPostgres, postgresBin, psqlAsPostgres } from './postgres';
import { setupReplication } from './replication';
import { run } from './run';
import { SSH_PORT, makeHostKey, startSshServer } from './sshServer';
import { waitForPort } from './tcpProbe';

export const MANAGER_HTTPS_PORT = 443;

export interface LabPlatform {
  name: string;
  site: string;
  address: string;
  sshPort: number;
  sshServer: PlatformSpec['sshServer'];
  formFactor: PlatformSpec['formFactor'];
  build: number;
  dataDevice: string;
}

export interface Lab {
  platforms: LabPlatform[];
}

const UP_CONCURRENCY = 8;

export function requireRoot(): void {
  if (process.getuid?.() !== 0) throw new Error('The App Platform lab needs root (network and mount namespaces, loop devices). Run it as root.');
}

async function startPlatform(spec: PlatformSpec, index: number): Promise<LabPlatform> {
  const dir = platformDir(spec.name);
  const address = platformAddress(index);
  await mkdir(dir, { recursive: true });
  await writeAccounts(dir, spec);
  await writePlatformTree(dir, spec);
  const image = await makeDataImage(dir, spec);
  await makeHostKey(dir, spec.sshServer);
  await addPlatformNetwork(spec.name, index, address);
  const loopDevice = (await run('losetup', ['--find', '--show', image])).stdout.trim();
  const device = dataDevice(spec.formFactor);
  await createMountNamespace(spec.name, { dir, loopDevice, dataDevice: device, hideSftp: spec.sshServer === 'dropbear', machine: spec.formFactor === 'gateway-arm' ? 'armv7l' : undefined });
  await startSshServer(spec.name, dir, spec.sshServer);
  await waitForPort(address, SSH_PORT, 10_000);
  if (spec.kind === 'full') await startAppServices(spec, dir, address);
  return { name: spec.name, site: spec.site, address, sshPort: SSH_PORT, sshServer: spec.sshServer, formFactor: spec.formFactor, build: spec.build, dataDevice: device };
}

/** PostgreSQL with the manager database and the instances, then the manager on 443, as an AP boots them. */
async function startAppServices(spec: PlatformSpec, dir: string, address: string): Promise<void> {
  const pgBin = await postgresBin();
  await writeInitScripts(dir, pgBin);
  await writeManagerFiles(dir, spec, address, spec.era === '14r2' ? reserveBytes(spec.diskMiB) : null);
  if (spec.era === '14r2') await inPlatform(spec.name, ['fallocate', '-l', String(reserveBytes(spec.diskMiB)), '/mnt/sda2/empty_if_no_space']);
  await initPostgres(spec.name, pgBin);
  await createManagerDatabase(spec.name);
  for (const instance of spec.instances) await createInstance(spec.name, instance, randomBytes(12).toString('hex'));
  await psqlAsPostgres(spec.name, 'postgres', 'CHECKPOINT;\n');
  await writeServiceLogs(spec.name);
  await inPlatform(spec.name, ['/etc/init.d/S92manager', 'start']);
  await waitForPort(address, MANAGER_HTTPS_PORT, 20_000);
}

/** The AP keeps 500 MB in reserve on a 16 GB disk; the lab keeps the same share of its smaller disk. */
export function reserveBytes(diskMiB: number): number {
  return Math.max(1, Math.round((diskMiB * 500) / 16384)) * 1024 * 1024;
}

async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    // Let every started platform finish (or fail) before reporting, so cleanup never races a running setup.
    const settled = await Promise.allSettled(items.slice(start, start + size).map((item, offset) => work(item, start + offset)));
    for (const outcome of settled) {
      if (outcome.status === 'rejected') throw outcome.reason;
      results.push(outcome.value);
    }
  }
  return results;
}

/** The fleet file the console imports (no secrets) and, beside it, the secrets file (mode 600). */
async function writeFleetFiles(spec: FleetSpec, platforms: readonly LabPlatform[]): Promise<void> {
  const specs = spec.platforms;
  const roleOf = (name: string) =>
    spec.replication.some((g) => g.primary === name) ? 'primary' : spec.replication.some((g) => g.standbys.some((s) => s.platform === name)) ? 'standby' : 'standalone';
  const sites = [...new Set(platforms.map((p) => p.site))].map((site) => ({
    name: site,
    platforms: platforms.filter((p) => p.site === site).map((p) => ({ name: p.name, address: p.address, sshPort: p.sshPort, sshUser: 'admin', formFactor: p.formFactor, sshServer: p.sshServer, expectedRole: roleOf(p.name) })),
  }));
  const replication = spec.replication.map((g) => ({ primary: g.primary, standbys: g.standbys }));
  await writeFile(fleetFile(), `${JSON.stringify({ kind: 'ap-console-lab-fleet', version: 1, sites, replication }, null, 2)}\n`);
  const secrets = Object.fromEntries(specs.map((s) => [s.name, { adminPassword: s.adminPassword, rootPassword: s.rootPassword }]));
  await writeFile(secretsFile(), `${JSON.stringify({ kind: 'ap-console-lab-secrets', version: 1, platforms: secrets }, null, 2)}\n`, { mode: 0o600 });
}

/** Starts a fleet. Leftovers of an earlier run (even a crashed one) are removed first. */
export async function labUp(input: unknown): Promise<Lab> {
  requireRoot();
  const spec = FleetSpec.parse(input);
  await labDown();
  await mkdir(LAB_DIR, { recursive: true });
  await ensureBridge();
  await ensureNamespaceFolder();
  try {
    const platforms = await inBatches(spec.platforms, UP_CONCURRENCY, startPlatform);
    for (const group of spec.replication) await setupReplication(group, platforms);
    await writeFleetFiles(spec, platforms);
    return { platforms };
  } catch (error) {
    await labDown().catch(() => undefined);
    throw error;
  }
}

/** Removes everything the lab made: processes, mounts, loop devices, namespaces, veths, the bridge and its files. */
export async function labDown(): Promise<void> {
  requireRoot();
  for (const ns of await labNamespaces()) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const pids = await namespacePids(ns);
      if (pids.length === 0) break;
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await removeMountNamespace(ns.slice(NETNS_PREFIX.length));
    await removeNamespace(ns);
  }
  const nsFiles = await readdir(NAMESPACE_FOLDER).catch(() => [] as string[]);
  for (const file of nsFiles) await removeMountNamespace(file);
  await releaseNamespaceFolder();
  const loops = await run('losetup', ['-n', '-l', '-O', 'NAME,BACK-FILE'], { allowFailure: true });
  for (const line of loops.stdout.split('\n')) {
    const [device, backing] = line.trim().split(/\s+/);
    if (device && backing?.startsWith(`${LAB_DIR}/`)) await run('losetup', ['-d', device], { allowFailure: true });
  }
  await removeHostVeths();
  await removeBridge();
  await rm(LAB_DIR, { recursive: true, force: true });
  // The host's /apps is the mount point inside every lab's platforms: it goes with the last lab.
  if (!(await anyLabRunning())) await rmdir('/apps').catch(() => undefined);
}
