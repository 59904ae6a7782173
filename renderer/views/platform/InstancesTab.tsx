import { useMemo } from 'react';
import { Box, Tooltip, Typography } from '@mui/material';
import StorageIcon from '@mui/icons-material/Storage';
import { DataGrid } from '@mui/x-data-grid';
import type { GridColDef } from '@mui/x-data-grid';
import type { PlatformStatus } from '../../../electron/core/contract';
import { EmptyState } from '../../components/EmptyState';
import { formatBytes, formatPercent } from '../../format/bytes';
import { databaseNotes, instanceRows } from './instanceRows';
import type { InstanceRow } from './instanceRows';
import { SizeBar } from './SizeBar';

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 48;
const FOOTER_HEIGHT = 52;
/** The MIT grid shows at most 100 rows a page. */
const PAGE_SIZE = 100;
const MAX_GRID_HEIGHT = 640;

/** A cell value in full on hover where the column is too narrow for it. */
function TextCell({ value, mono = false }: { value: string | null; mono?: boolean }) {
  if (value === null) return <span aria-label="not known">—</span>;
  return (
    <Tooltip title={value} placement="bottom-start">
      <Typography variant="body2" noWrap sx={{ lineHeight: 'inherit', fontFamily: mono ? 'monospace' : undefined }}>
        {value}
      </Typography>
    </Tooltip>
  );
}

const COLUMNS: GridColDef<InstanceRow>[] = [
  {
    field: 'database',
    headerName: 'Database',
    flex: 1.6,
    minWidth: 240,
    renderCell: ({ row }) => <TextCell value={row.database} mono />,
  },
  { field: 'domain', headerName: 'Domain', flex: 1, minWidth: 150, renderCell: ({ row }) => <TextCell value={row.domain} /> },
  { field: 'instance', headerName: 'Instance', flex: 1, minWidth: 130, renderCell: ({ row }) => <TextCell value={row.instance} /> },
  { field: 'app', headerName: 'App', flex: 1, minWidth: 140, renderCell: ({ row }) => <TextCell value={row.app} /> },
  { field: 'owner', headerName: 'Owner', flex: 0.8, minWidth: 120, renderCell: ({ row }) => <TextCell value={row.owner} /> },
  {
    field: 'bytes',
    headerName: 'Size',
    type: 'number',
    flex: 1.4,
    minWidth: 260,
    renderCell: ({ row }) => <SizeBar text={formatBytes(row.bytes)} fraction={row.ofLargest} large={row.large} />,
  },
  {
    field: 'sharePercent',
    headerName: 'Partition share',
    description: 'Share of the data partition',
    type: 'number',
    minWidth: 140,
    valueFormatter: (value: number | null) => (value === null ? 'not known' : formatPercent(value)),
  },
];

const SORTED_BY_SIZE = { sorting: { sortModel: [{ field: 'bytes', sort: 'desc' as const }] } };

export function InstancesTab({ status }: { status: PlatformStatus | null }) {
  const rows = useMemo(() => instanceRows(status?.instances ?? []), [status?.instances]);

  if (!status || status.instances === null) {
    const reasons = status ? databaseNotes(status.notes) : [];
    return (
      <EmptyState icon={<StorageIcon />} title="Instances not known">
        <Typography>
          {status
            ? 'The last poll could not read the instance databases from PostgreSQL.'
            : 'This platform has not been polled yet. Use Poll now to read its instances.'}
        </Typography>
        {reasons.map((reason) => (
          <Typography key={reason} sx={{ overflowWrap: 'anywhere' }}>
            {reason}
          </Typography>
        ))}
      </EmptyState>
    );
  }
  if (rows.length === 0) {
    return (
      <EmptyState icon={<StorageIcon />} title="No instances">
        <Typography>PostgreSQL on this platform holds no instance databases: no app has an instance here yet.</Typography>
      </EmptyState>
    );
  }

  const large = rows.filter((r) => r.large).length;
  const paged = rows.length > PAGE_SIZE;
  const total = rows.reduce((sum, r) => sum + r.bytes, 0);
  return (
    <Box>
      <Typography color="text.secondary" sx={{ mb: 1.5 }}>
        {rows.length} {rows.length === 1 ? 'database' : 'databases'}, {formatBytes(total)} together
        {large > 0 ? `; ${large} flagged as large` : ''}. Largest first.
      </Typography>
      <Box sx={{ height: Math.min(MAX_GRID_HEIGHT, HEADER_HEIGHT + rows.length * ROW_HEIGHT + (paged ? FOOTER_HEIGHT : 0) + 2), display: 'flex', flexDirection: 'column' }}>
        <DataGrid
          rows={rows}
          columns={COLUMNS}
          rowHeight={ROW_HEIGHT}
          initialState={SORTED_BY_SIZE}
          disableRowSelectionOnClick
          hideFooter={!paged}
          columnHeaderHeight={HEADER_HEIGHT}
          pageSizeOptions={[PAGE_SIZE]}
          aria-label="Instance databases"
        />
      </Box>
    </Box>
  );
}
