import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { z } from 'zod';
import { fleetFile, netnsName } from './labPaths';
import { labNamespaces } from './labNetwork';
import { inPlatform } from './platformNamespace';

const FleetFile = z.object({
  sites: z.array(z.object({ name: z.string(), platforms: z.array(z.object({ name: z.string(), address: z.string(), sshPort: z.number(), sshServer: z.string() })) })),
});

export interface PlatformHealth {
  site: string;
  name: string;
  address: string;
  sshServer: string;
  namespace: boolean;
  sshOpen: boolean;
  dataUse: string;
}

function portOpen(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2000 });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** What is running now, read from the fleet file and checked live. */
export async function labStatus(): Promise<PlatformHealth[]> {
  let text: string;
  try {
    text = await readFile(fleetFile(), 'utf8');
  } catch {
    return [];
  }
  const fleet = FleetFile.parse(JSON.parse(text));
  const namespaces = new Set(await labNamespaces());
  const rows: PlatformHealth[] = [];
  for (const site of fleet.sites) {
    for (const p of site.platforms) {
      const namespace = namespaces.has(netnsName(p.name));
      const df = namespace ? await inPlatform(p.name, ['df', '-h', '--output=pcent,size', '/mnt/sda2'], { allowFailure: true }) : null;
      rows.push({
        site: site.name,
        name: p.name,
        address: p.address,
        sshServer: p.sshServer,
        namespace,
        sshOpen: await portOpen(p.address, p.sshPort),
        dataUse: df?.code === 0 ? (df.stdout.trim().split('\n')[1]?.trim().replace(/\s+/g, ' of ') ?? '?') : 'unknown',
      });
    }
  }
  return rows;
}
