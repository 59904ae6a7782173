import type { PlatformStatus } from '../../../electron/core/contract';

export type InstanceStatus = NonNullable<PlatformStatus['instances']>[number];

export interface InstanceRow extends InstanceStatus {
  id: string;
  /** Size against the largest database, 0-1, for the bar. */
  ofLargest: number;
}

/** Rows for the instance table, largest first. */
export function instanceRows(instances: readonly InstanceStatus[]): InstanceRow[] {
  const largest = instances.reduce((max, i) => Math.max(max, i.bytes), 0);
  return [...instances]
    .sort((a, b) => b.bytes - a.bytes || a.database.localeCompare(b.database))
    .map((i) => ({ ...i, id: i.database, ofLargest: largest > 0 ? i.bytes / largest : 0 }));
}

const DATABASE_NOTE = /postgres|database|instance/i;

/** The poll's notes that say why the databases could not be read. */
export function databaseNotes(notes: readonly string[]): string[] {
  return notes.filter((note) => DATABASE_NOTE.test(note));
}
