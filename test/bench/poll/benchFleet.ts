import type { Lab } from '../../lab/lab';
import { FleetSpec } from '../../lab/labSpec';

export type BenchKind = 'light' | 'full';

/** One lab platform as the benchmark's tools see it. */
export interface BenchPlatform {
  name: string;
  address: string;
  port: number;
  kind: BenchKind;
  sshServer: 'openssh' | 'dropbear';
  adminPassword: string;
  rootPassword: string;
  expectedRole: 'standalone' | 'primary' | 'standby';
  /** A standby's primary. */
  primary: string | null;
  /** A primary's standby count. */
  standbys: number | null;
}

/** Light platforms: SSH and the filesystem only, half OpenSSH, half dropbear. */
export function lightFleet(count: number): FleetSpec {
  return FleetSpec.parse({
    platforms: Array.from({ length: count }, (_, i) => ({ name: `light-${i}`, kind: 'light', diskMiB: 16, sshServer: i % 2 ? 'dropbear' : 'openssh' })),
  });
}

/**
 * Full platforms (PostgreSQL, manager, webserver): a quarter of the count as primary/standby pairs
 * (20 give 5 pairs), the rest standalone. Primaries run OpenSSH, standbys dropbear, standalones alternate.
 */
export function fullFleet(count: number): FleetSpec {
  const pairs = Math.floor(count / 4);
  const name = (i: number) => `full-${i}`;
  const isStandby = (i: number) => i < 2 * pairs && i % 2 === 1;
  return FleetSpec.parse({
    platforms: Array.from({ length: count }, (_, i) => ({
      name: name(i),
      diskMiB: 160,
      sshServer: i % 2 ? 'dropbear' : 'openssh',
      instances: isStandby(i) ? [] : [{ domain: 'bench.example', name: 'users', sizeMiB: 2 }],
    })),
    replication: Array.from({ length: pairs }, (_, k) => ({ primary: name(2 * k), standbys: [{ platform: name(2 * k + 1), standbyName: `sb${k}` }] })),
  });
}

export function benchPlatforms(spec: FleetSpec, lab: Lab): BenchPlatform[] {
  return spec.platforms.map((p) => {
    const running = lab.platforms.find((l) => l.name === p.name);
    if (!running) throw new Error(`the lab did not start ${p.name}`);
    const asPrimary = spec.replication.find((g) => g.primary === p.name);
    const asStandby = spec.replication.find((g) => g.standbys.some((s) => s.platform === p.name));
    return {
      name: p.name,
      address: running.address,
      port: running.sshPort,
      kind: p.kind,
      sshServer: p.sshServer,
      adminPassword: p.adminPassword,
      rootPassword: p.rootPassword,
      expectedRole: asPrimary ? 'primary' : asStandby ? 'standby' : 'standalone',
      primary: asStandby?.primary ?? null,
      standbys: asPrimary ? asPrimary.standbys.length : null,
    };
  });
}
