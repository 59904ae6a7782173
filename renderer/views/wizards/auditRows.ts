import type { Platform, Result } from '../../../electron/core/contract';

type Entry = Result<'audit.list'>['entries'][number];

export interface AuditRow {
  id: string;
  entry: Entry;
  atMs: number;
  platformName: string;
}

/** Audit entries as grid rows: a stable id each, the platform's name (its id when no longer in the fleet). */
export function auditRows(entries: readonly Entry[], platforms: readonly Platform[]): AuditRow[] {
  const names = new Map(platforms.map((p) => [p.id, p.name]));
  return entries.map((entry, i) => ({ id: `${entry.at}/${i}`, entry, atMs: Date.parse(entry.at), platformName: names.get(entry.platformId) ?? entry.platformId }));
}
