import type { Platform } from '../contract';
import { sshTargetFor } from '../fleet/sshTargetFor';
import type { Inventory } from '../fleet/inventory';
import { dangerousResizeBuild } from '../platform/buildGates';
import type { PollEntry } from './poller';

/** HTTPS port of the AP webserver. */
const WEBSERVER_PORT = 443;

export interface PollEntriesOptions {
  /** Instances larger than this share of the data partition are flagged. */
  largeInstanceSharePercent: number;
  /** The webserver certificate the user pinned for a platform, if any. */
  certificatePin?: (platformId: string) => string | null;
}

export interface PollEntries {
  entries: PollEntry[];
  /** Platforms that cannot be polled as configured, with the reason. */
  problems: Array<{ platformId: string; message: string }>;
}

function entryFor(inventory: Inventory, platform: Platform, options: PollEntriesOptions): PollEntry {
  const { credentials } = platform;
  const standbys = inventory.platforms.filter((p) => p.expectedPrimaryId === platform.id).length;
  return {
    target: {
      platformId: platform.id,
      name: platform.name,
      ssh: sshTargetFor(inventory, platform.id),
      rootPasswordRef: credentials.rootPasswordRef,
      managerPasswordRef: credentials.managerPasswordRef,
      database: credentials.databaseUser ? { user: credentials.databaseUser, passwordRef: credentials.databasePasswordRef } : null,
      // Behind a jump host only SSH reaches the platform.
      webserver: platform.jumpHostIds.length === 0 ? { host: platform.address, port: WEBSERVER_PORT, pinnedCertSha256: options.certificatePin?.(platform.id) ?? null } : null,
      largeInstanceSharePercent: options.largeInstanceSharePercent,
    },
    expect: {
      thresholdPercent: platform.diskAlarmPercent,
      expectedStandbys: platform.expectedRole === 'primary' || standbys > 0 ? standbys : null,
      dangerousResizeBuild,
    },
    group: { expectedRole: platform.expectedRole, expectedPrimaryId: platform.expectedPrimaryId },
  };
}

/** One platform's entry, or why it cannot be reached as configured; null when the inventory has no such platform. */
export function pollEntryFor(inventory: Inventory, platformId: string, options: PollEntriesOptions): PollEntry | { problem: string } | null {
  const platform = inventory.platforms.find((p) => p.id === platformId);
  if (!platform) return null;
  try {
    return entryFor(inventory, platform, options);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** What the poller needs of every platform of the inventory. */
export function pollEntriesFor(inventory: Inventory, options: PollEntriesOptions): PollEntries {
  const result: PollEntries = { entries: [], problems: [] };
  for (const platform of inventory.platforms) {
    try {
      result.entries.push(entryFor(inventory, platform, options));
    } catch (error) {
      result.problems.push({ platformId: platform.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
