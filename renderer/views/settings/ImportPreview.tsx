import { useMemo } from 'react';
import { Box, Chip, Stack, Typography } from '@mui/material';
import { DataGrid } from '@mui/x-data-grid';
import type { GridColDef } from '@mui/x-data-grid';
import type { ImportItem, ImportReport } from '../../../electron/core/contract';

interface ItemRow extends ImportItem {
  rowId: number;
}

const ACTION_CHIP: Record<ImportItem['action'], { label: string; color: 'success' | 'info' | 'warning' }> = {
  add: { label: 'Add', color: 'success' },
  update: { label: 'Update', color: 'info' },
  skip: { label: 'Skip', color: 'warning' },
};

const detailOf = (item: ImportItem) => (item.action === 'skip' ? (item.reason ?? 'Skipped.') : item.action === 'update' ? `Changes ${item.changes.join(', ') || 'nothing'}` : '');

/** What an import adds, updates and skips, and why. */
export function ImportPreview({ report }: { report: ImportReport }) {
  const rows = useMemo<ItemRow[]>(() => report.items.map((item, index) => ({ ...item, rowId: index })), [report]);
  const columns = useMemo<GridColDef<ItemRow>[]>(
    () => [
      { field: 'line', headerName: 'Line', width: 70, type: 'number', valueFormatter: (value: number | null) => (value === null ? '' : String(value)) },
      {
        field: 'action',
        headerName: 'Action',
        width: 100,
        renderCell: ({ row }) => <Chip size="small" variant="outlined" label={ACTION_CHIP[row.action].label} color={ACTION_CHIP[row.action].color} />,
      },
      { field: 'entity', headerName: 'What', width: 90 },
      { field: 'name', headerName: 'Name', width: 180 },
      { field: 'site', headerName: 'Site', width: 150 },
      {
        field: 'detail',
        headerName: 'Reason or changes',
        flex: 1,
        minWidth: 240,
        valueGetter: (_value, row) => detailOf(row),
        renderCell: ({ value }) => (
          <Typography variant="body2" sx={{ py: 1, whiteSpace: 'normal', wordBreak: 'break-word' }}>
            {String(value ?? '')}
          </Typography>
        ),
      },
    ],
    [],
  );
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }} aria-label="Import summary">
        <Chip label={`${report.added} to add`} color="success" variant="outlined" />
        <Chip label={`${report.updated} to update`} color="info" variant="outlined" />
        <Chip label={`${report.skipped} skipped`} color={report.skipped ? 'warning' : 'default'} variant="outlined" />
        {report.secrets.count > 0 && <Chip label={`${report.secrets.count} passwords for the vault`} variant="outlined" />}
      </Stack>
      {report.notes.length > 0 && (
        <Box component="ul" sx={{ m: 0, pl: 3 }}>
          {report.notes.map((note) => (
            <Typography component="li" variant="body2" key={note}>
              {note}
            </Typography>
          ))}
        </Box>
      )}
      <Box sx={{ height: 360 }}>
        <DataGrid
          rows={rows}
          columns={columns}
          getRowId={(row) => row.rowId}
          label="Import preview"
          getRowHeight={() => 'auto'}
          disableRowSelectionOnClick
          density="compact"
          initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
          pageSizeOptions={[25, 50, 100]}
          localeText={{ noRowsLabel: 'The source has no entries.' }}
        />
      </Box>
    </Stack>
  );
}
