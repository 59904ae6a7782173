import { statusOverview } from '../contract';
import type { FleetOverview, LastPlatformStatus, Platform, PlatformOverview } from '../contract';
import { totalsOf } from '../fleet/inventory';
import type { Inventory } from '../fleet/inventory';

/** What a platform's row shows of it, with its last status in brief. */
export function platformOverview(platform: Platform, known: LastPlatformStatus | undefined): PlatformOverview {
  const { id, siteId, name, address, tags, expectedRole, expectedPrimaryId, diskAlarmPercent } = platform;
  return { id, siteId, name, address, tags, expectedRole, expectedPrimaryId, diskAlarmPercent, status: known ? statusOverview(known.status, known.ageSeconds) : null };
}

/** Every site and platform of the inventory with what its row shows, and each platform's last status in brief. */
export function fleetOverview(inventory: Inventory, last: readonly LastPlatformStatus[], problems: Pick<FleetOverview, 'problem' | 'statusProblem'>): FleetOverview {
  const statuses = new Map(last.map((entry) => [entry.status.platformId, entry]));
  return {
    sites: inventory.sites.map(({ id, name, customer, tags }) => ({ id, name, customer, tags })),
    platforms: inventory.platforms.map((platform) => platformOverview(platform, statuses.get(platform.id))),
    totals: totalsOf(inventory),
    ...problems,
  };
}
