import type { Alarm, Bastion, Platform, PlatformStatus, Site } from '../../contract';

export type CallResult<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

export interface PlatformReport {
  site: string;
  name: string;
  address: string;
  reach: PlatformStatus['reach']['state'];
  message: string | null;
  ageSeconds: number | null;
  status: PlatformStatus | null;
  alarms: Alarm[];
}

export interface FleetReport {
  polledAt: string;
  platforms: PlatformReport[];
}

type Caller = <T>(method: string) => Promise<T>;

/** The fleet's status and alarms, platform by platform, as the contract returns them. */
export async function pollReport(call: Caller): Promise<FleetReport> {
  const fleet = await call<{ sites: Site[]; platforms: Platform[]; bastions: Bastion[] }>('fleet.list');
  const { statuses } = await call<{ statuses: Array<{ status: PlatformStatus; ageSeconds: number }> }>('monitor.statuses');
  const { active } = await call<{ active: Alarm[] }>('alarms.list');
  const sites = new Map(fleet.sites.map((s) => [s.id, s.name]));
  const byId = new Map(statuses.map((s) => [s.status.platformId, s]));
  return {
    polledAt: new Date().toISOString(),
    platforms: fleet.platforms.map((platform) => {
      const last = byId.get(platform.id);
      return {
        site: sites.get(platform.siteId) ?? '',
        name: platform.name,
        address: platform.address,
        reach: last?.status.reach.state ?? 'error',
        message: last ? last.status.reach.message : 'Not polled: see its alarm.',
        ageSeconds: last?.ageSeconds ?? null,
        status: last?.status ?? null,
        alarms: active.filter((a) => a.platformId === platform.id),
      };
    }),
  };
}

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

/** One line a platform: site, name, reach, build, disk, replication role and its worst alarm. */
export function reportTable(report: FleetReport): string {
  const rows = report.platforms.map((p) => {
    const disk = p.status?.disk ? `${p.status.disk.percent}%` : '-';
    const worst = [...p.alarms].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1))[0];
    return [pad(p.site, 16), pad(p.name, 20), pad(p.reach, 16), pad(String(p.status?.build ?? '-'), 7), pad(disk, 5), pad(p.status?.replication?.role ?? '-', 8), worst ? `${worst.severity}: ${worst.cause}` : ''].join(' ');
  });
  return [['site'.padEnd(16), 'platform'.padEnd(20), 'reach'.padEnd(16), 'build'.padEnd(7), 'disk'.padEnd(5), 'role'.padEnd(8), 'worst alarm'].join(' '), ...rows].join('\n');
}
