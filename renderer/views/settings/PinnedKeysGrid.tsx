import { useMemo } from 'react';
import { Box, IconButton, Tooltip } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { DataGrid } from '@mui/x-data-grid';
import type { GridColDef } from '@mui/x-data-grid';
import type { HostKeyPin } from '../../store/hostKeyStore';
import { formatDateTime } from '../../format/age';

export interface PinRow extends HostKeyPin {
  rowId: string;
  /** The platform or bastion the id names, when it is in the fleet. */
  owner: string;
}

interface PinnedKeysGridProps {
  rows: readonly PinRow[];
  onRemove(row: PinRow): void;
}

export function PinnedKeysGrid({ rows, onRemove }: PinnedKeysGridProps) {
  const columns = useMemo<GridColDef<PinRow>[]>(
    () => [
      { field: 'owner', headerName: 'Platform or jump host', width: 170 },
      { field: 'host', headerName: 'Host', width: 150, valueGetter: (_value, row) => (row.port === 22 ? row.host : `${row.host}:${row.port}`) },
      { field: 'keyType', headerName: 'Type', width: 120 },
      {
        field: 'fingerprint',
        headerName: 'SHA256 fingerprint',
        flex: 1,
        minWidth: 220,
        renderCell: ({ value }) => <Box sx={{ fontFamily: 'monospace', wordBreak: 'break-all', whiteSpace: 'normal', py: 0.75 }}>{String(value ?? '')}</Box>,
      },
      { field: 'pinnedAt', headerName: 'Pinned', width: 150, valueGetter: (_value, row) => Date.parse(row.pinnedAt), valueFormatter: (_value, row) => formatDateTime(row.pinnedAt) },
      {
        field: 'remove',
        headerName: '',
        width: 56,
        sortable: false,
        disableColumnMenu: true,
        renderCell: ({ row, tabIndex }) => (
          <Tooltip title="Remove the pinned key">
            <IconButton size="small" tabIndex={tabIndex} aria-label={`Remove the pinned ${row.keyType} key of ${row.owner}`} onClick={() => onRemove(row)}>
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        ),
      },
    ],
    [onRemove],
  );
  return (
    <Box sx={{ height: Math.min(420, 150 + Math.max(rows.length, 1) * 56) }}>
      <DataGrid
        rows={rows}
        columns={columns}
        getRowId={(row) => row.rowId}
        getRowHeight={() => 'auto'}
        label="Pinned host keys"
        disableRowSelectionOnClick
        density="compact"
        initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
        pageSizeOptions={[25, 50, 100]}
        localeText={{ noRowsLabel: 'No host key pinned yet: they are pinned when you trust a platform\'s key.' }}
      />
    </Box>
  );
}
