import * as fault from './faults';
import { reserveBytes } from './lab';
import { readLabFleet } from './labFleetFile';
import { dataDevice } from './labSpec';
import { inPlatform } from './platformNamespace';


async function platformOf(name: string) {
  const fleet = await readLabFleet();
  if (!fleet) throw new Error('No lab is running. Start one with: npm run lab -- up');
  const found = fleet.sites.flatMap((site) => site.platforms).find((p) => p.name === name);
  if (!found) throw new Error(`No lab platform "${name}". See: npm run lab -- status`);
  return found;
}

type Platform = Awaited<ReturnType<typeof platformOf>>;

const number = (value: string | undefined, what: string): number => {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n)) throw new Error(`${what} needs a number`);
  return n;
};

const text = (value: string | undefined, what: string): string => {
  if (!value) throw new Error(`${what} needs a value`);
  return value;
};

const COMMANDS: Record<string, (p: Platform, value: string | undefined) => Promise<unknown>> = {
  'fill-disk': (p, v) => fault.fillDisk(p.name, number(v ?? '100', 'fill-disk')),
  'heal-disk': (p) => fault.healDisk(p.name),
  'remove-reserve': (p) => fault.removeReserve(p.name),
  'restore-reserve': async (p) => {
    const { stdout } = await inPlatform(p.name, ['df', '-BM', '--output=size', '/mnt/sda2']);
    return fault.restoreReserve(p.name, reserveBytes(parseInt(stdout.split('\n')[1] ?? '256', 10)));
  },
  'stop-postgres': (p) => fault.stopPostgres(p.name),
  'start-postgres': (p) => fault.startPostgres(p.name),
  'stop-manager': (p) => fault.stopManager(p.name),
  'start-manager': (p) => fault.startManager(p.name),
  partition: async (p, v) => fault.partition(p.name, (await platformOf(v ?? '')).address),
  'heal-partition': async (p, v) => fault.healPartition(p.name, (await platformOf(v ?? '')).address),
  loss: (p, v) => fault.degradeLink(p.name, { lossPercent: number(v, 'loss') }),
  latency: (p, v) => fault.degradeLink(p.name, { delayMs: number(v, 'latency') }),
  'heal-link': (p) => fault.healLink(p.name),
  'break-manager': (p) => fault.breakManager(p.name),
  'repair-manager': (p) => fault.repairManager(p.name),
  'core-dumps': (p, v) => fault.blockingCoreDumps(p.name, v ?? 'manager'),
  'heal-core-dumps': (p) => fault.healCoreDumps(p.name),
  'custom-certificate': (p, v) => fault.customCertificate(p.name, v),
  'default-certificate': (p) => fault.defaultCertificate(p.name),
  'dirty-filesystem': (p) => fault.dirtyFilesystem(p.name, dataDevice(p.formFactor)),
  'rotate-host-key': (p) => fault.rotateHostKey(p.name, p.sshServer),
  'admin-password': (p, v) => fault.setPassword(p.name, 'admin', text(v, 'admin-password')),
  'root-password': (p, v) => fault.setPassword(p.name, 'root', text(v, 'root-password')),
  build: (p, v) => fault.setBuild(p.name, number(v, 'build')),
};

export const FAULT_NAMES = Object.keys(COMMANDS);

export async function runFault(platform: string, name: string, value: string | undefined): Promise<string> {
  const command = COMMANDS[name];
  if (!command) throw new Error(`Unknown fault "${name}". Faults: ${FAULT_NAMES.join(', ')}`);
  await command(await platformOf(platform), value);
  return `${name} done on ${platform}.`;
}
