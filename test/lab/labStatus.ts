import { netnsName } from './labPaths';
import { readLabFleet } from './labFleetFile';
import { labNamespaces } from './labNetwork';
import { inPlatform } from './platformNamespace';
import { portOpen } from './tcpProbe';


export interface PlatformHealth {
  site: string;
  name: string;
  address: string;
  sshServer: string;
  namespace: boolean;
  sshOpen: boolean;
  dataUse: string;
}


/** What is running now, read from the fleet file and checked live. */
export async function labStatus(): Promise<PlatformHealth[]> {
  const fleet = await readLabFleet();
  if (!fleet) return [];
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
