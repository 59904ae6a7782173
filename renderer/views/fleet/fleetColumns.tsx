import type { ReactNode } from 'react';
import { AlarmSummary } from './AlarmSummary';
import { DiskBar } from './DiskBar';
import type { PlatformRow, SortField } from './fleetRows';
import { PollAge } from './PollAge';
import { ReplicationSummary } from './ReplicationSummary';
import { RoleText } from './RoleText';
import { StatusDot } from './StatusDot';
import { TwoLines } from './TwoLines';

export type SortDirection = 'asc' | 'desc';

export interface FleetColumn {
  /** Also the sort field of fleetRows. */
  field: SortField;
  header: string;
  description?: string;
  /** A fixed width in px, or a share of the room left (with a minimum width). */
  width?: number;
  flex?: number;
  minWidth?: number;
  center?: boolean;
  /** The direction of the first click on the header: worst first for states and sizes. */
  firstSort: SortDirection;
  render(row: PlatformRow): ReactNode;
}

export const CHECKBOX_COLUMN_WIDTH = 48;

const muted = <span className="fc-muted">—</span>;

/** The columns after the checkbox. */
export const FLEET_COLUMNS: readonly FleetColumn[] = [
  {
    field: 'state',
    header: 'Status',
    description: 'Whether the last poll reached the platform, and its worst alarm',
    width: 72,
    center: true,
    firstSort: 'desc',
    render: (row) => <StatusDot level={row.level} text={row.levelText} />,
  },
  {
    field: 'name',
    header: 'Platform',
    flex: 0.8,
    minWidth: 130,
    firstSort: 'asc',
    render: (row) => <TwoLines main={row.name} sub={row.address} title={row.tags.length ? `${row.name}, tags: ${row.tags.join(', ')}` : row.name} />,
  },
  {
    field: 'site',
    header: 'Site',
    width: 150,
    firstSort: 'asc',
    render: (row) => <TwoLines main={row.siteName} sub={row.customer} title={row.customer ? `${row.siteName} (${row.customer})` : row.siteName} />,
  },
  {
    field: 'role',
    header: 'Role',
    description: 'The role the inventory expects, and what replication says when it differs',
    width: 100,
    firstSort: 'asc',
    render: (row) => <RoleText expected={row.expectedRole} actual={row.actualRole} mismatch={row.roleMismatch} />,
  },
  { field: 'build', header: 'Build', description: 'Image build of the App Platform', width: 64, firstSort: 'asc', render: (row) => (row.build === null ? muted : row.build) },
  {
    field: 'disk',
    header: 'Disk',
    description: 'Use of the data partition, and when it will be full at the current rate',
    width: 136,
    firstSort: 'desc',
    render: (row) => (row.disk ? <DiskBar disk={row.disk} /> : muted),
  },
  { field: 'replication', header: 'Replication', width: 184, firstSort: 'asc', render: (row) => <ReplicationSummary text={row.replicationText} tone={row.replicationTone} /> },
  { field: 'alarm', header: 'Worst alarm', flex: 1.6, minWidth: 170, firstSort: 'desc', render: (row) => <AlarmSummary alarm={row.alarm} /> },
  { field: 'lastPoll', header: 'Last poll', width: 96, firstSort: 'desc', render: (row) => <PollAge receivedAt={row.receivedAt} /> },
];

/** One CSS grid template for the header and every row, so that their cells line up. */
export function gridTemplate(columns: readonly FleetColumn[]): { template: string; minWidth: number } {
  const tracks = columns.map((c) => (c.width !== undefined ? `${c.width}px` : `minmax(${c.minWidth ?? 80}px, ${c.flex ?? 1}fr)`));
  const minWidth = columns.reduce((sum, c) => sum + (c.width ?? c.minWidth ?? 80), CHECKBOX_COLUMN_WIDTH);
  return { template: [`${CHECKBOX_COLUMN_WIDTH}px`, ...tracks].join(' '), minWidth };
}

/** The next sort after a click on a column's header: its first direction, then the other, then none. */
export function nextSort(current: { field: SortField; direction: SortDirection } | null, column: FleetColumn): { field: SortField; direction: SortDirection } | null {
  if (current?.field !== column.field) return { field: column.field, direction: column.firstSort };
  if (current.direction === column.firstSort) return { field: column.field, direction: column.firstSort === 'asc' ? 'desc' : 'asc' };
  return null;
}
