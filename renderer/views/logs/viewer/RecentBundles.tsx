import { Box, Button, Tooltip, Typography } from '@mui/material';
import { DataGrid } from '@mui/x-data-grid';
import type { GridColDef } from '@mui/x-data-grid';
import { formatDateTime } from '../../../format/age';
import { formatBytes } from '../../../format/bytes';
import type { RecentBundle } from '../../../store/viewerStore';

/** Bundles and log archives in the data folder, newest first, each one click from the viewer. */
export function RecentBundles({ bundles, onOpen, busy }: { bundles: readonly RecentBundle[]; onOpen(path: string): void; busy: boolean }) {
  const columns: GridColDef<RecentBundle>[] = [
    {
      field: 'name',
      headerName: 'Bundle',
      flex: 1,
      minWidth: 320,
      renderCell: ({ row }) => (
        <Box sx={{ lineHeight: 1.3, py: 0.75, minWidth: 0 }}>
          <Typography variant="body2" sx={{ fontWeight: 500, overflowWrap: 'anywhere', whiteSpace: 'normal' }}>
            {row.name}
          </Typography>
          <Tooltip title={row.localPath} placement="bottom-start">
            <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere', whiteSpace: 'normal', display: 'block' }}>
              {row.localPath}
            </Typography>
          </Tooltip>
        </Box>
      ),
    },
    { field: 'sizeBytes', headerName: 'Size', type: 'number', width: 110, valueFormatter: (value: number) => formatBytes(value) },
    { field: 'modifiedAt', headerName: 'Written', width: 200, valueGetter: (value: string) => Date.parse(value), valueFormatter: (value: number) => formatDateTime(new Date(value).toISOString()) },
    {
      field: 'open',
      headerName: 'Open',
      width: 110,
      sortable: false,
      renderCell: ({ row, tabIndex }) => (
        <Button size="small" variant="outlined" tabIndex={tabIndex} disabled={busy} onClick={() => onOpen(row.localPath)} aria-label={`Open ${row.name}`}>
          Open
        </Button>
      ),
    },
  ];
  return (
    <Box sx={{ height: Math.min(480, 46 + bundles.length * 58 + 2) }}>
      <DataGrid
        aria-label="Bundles in the data folder"
        rows={bundles}
        getRowId={(row) => row.localPath}
        columns={columns}
        getRowHeight={() => 'auto'}
        disableRowSelectionOnClick
        disableColumnMenu
        paginationMode="server"
        hideFooter
        columnHeaderHeight={44}
        sx={{ '& .MuiDataGrid-cell': { display: 'flex', alignItems: 'center' } }}
      />
    </Box>
  );
}
