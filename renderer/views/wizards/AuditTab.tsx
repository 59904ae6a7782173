import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, MenuItem, TextField, Typography } from '@mui/material';
import { DataGrid } from '@mui/x-data-grid';
import type { GridColDef } from '@mui/x-data-grid';
import DownloadIcon from '@mui/icons-material/Download';
import RefreshIcon from '@mui/icons-material/Refresh';
import type { Result } from '../../../electron/core/contract';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';
import { useFleet } from '../../store/fleetStore';
import { useWizards } from '../../store/wizardStore';
import { formatDateTime } from '../../format/age';
import { downloadText } from '../settings/downloadText';
import { MONO } from './StepDetails';
import { auditRows } from './auditRows';
import type { AuditRow } from './auditRows';

type Entry = Result<'audit.list'>['entries'][number];

/** Every command the console ran on a platform, with its exit code, and every confirmation; newest first, exportable. */
export function AuditTab() {
  const platforms = useFleet((s) => s.platforms);
  const runs = useWizards((s) => s.runs);
  const [platformId, setPlatformId] = useState('');
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { entries: list } = await api.call('audit.list', { limit: 10_000, ...(platformId ? { platformId } : {}) });
      setEntries(list);
      setError(null);
    } catch (e) {
      setError(describeError(e, 'read the audit log'));
    } finally {
      setLoaded(true);
    }
  }, [platformId]);
  useEffect(() => {
    const timer = setTimeout(() => void load(), 300);
    return () => clearTimeout(timer);
  }, [load, runs]);

  const exportAll = async () => {
    setExported(null);
    try {
      const { text, fileName, entries: count } = await api.call('audit.export', {});
      downloadText(text, fileName, 'application/x-ndjson');
      setExported(`Saved ${count} audit entries as ${fileName}.`);
    } catch (e) {
      setError(describeError(e, 'export the audit log'));
    }
  };

  const sortedPlatforms = useMemo(() => [...platforms].sort((a, b) => a.name.localeCompare(b.name)), [platforms]);
  const rows = useMemo(() => auditRows(entries, platforms), [entries, platforms]);
  const columns = useMemo<GridColDef<AuditRow>[]>(
    () => [
      { field: 'atMs', headerName: 'Time', width: 195, renderCell: ({ row }) => formatDateTime(row.entry.at) },
      { field: 'platformName', headerName: 'Platform', width: 140 },
      { field: 'purpose', headerName: 'Purpose', width: 220, valueGetter: (_v, row) => row.entry.purpose, renderCell: ({ value }) => <Wrapped text={String(value)} /> },
      {
        field: 'command',
        headerName: 'Command',
        flex: 1,
        minWidth: 300,
        valueGetter: (_v, row) => row.entry.command,
        renderCell: ({ value }) => (
          <Typography component="code" sx={{ fontFamily: MONO, fontSize: '0.8rem', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {String(value) || '—'}
          </Typography>
        ),
      },
      { field: 'exitCode', headerName: 'Exit code', width: 95, type: 'number', valueGetter: (_v, row) => row.entry.exitCode, renderCell: ({ row }) => (row.entry.command ? (row.entry.exitCode ?? 'none') : '') },
      { field: 'confirmation', headerName: 'Confirmation', width: 240, valueGetter: (_v, row) => row.entry.confirmation ?? '', renderCell: ({ value }) => <Wrapped text={String(value)} /> },
    ],
    [],
  );

  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <TextField select size="small" id="audit-platform" label="Platform" value={platformId} onChange={(e) => setPlatformId(e.target.value)} sx={{ minWidth: 220 }} slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}>
          <MenuItem value="">Every platform</MenuItem>
          {sortedPlatforms.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }} role="status">
          {loaded ? `${rows.length} entries, newest first.` : 'Reading the audit log…'}
        </Typography>
        <Button startIcon={<RefreshIcon />} onClick={() => void load()}>
          Refresh
        </Button>
        <Button variant="outlined" startIcon={<DownloadIcon />} onClick={() => void exportAll()}>
          Export
        </Button>
      </Box>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {exported && (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setExported(null)}>
          {exported}
        </Alert>
      )}
      <Box sx={{ height: 'max(420px, calc(100vh - 330px))' }}>
        <DataGrid
          rows={rows}
          columns={columns}
          label="Audit log"
          getRowHeight={() => 'auto'}
          disableRowSelectionOnClick
          disableColumnFilter
          density="compact"
          loading={!loaded}
          initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
          pageSizeOptions={[25, 50, 100]}
          localeText={{ noRowsLabel: 'No commands recorded yet: every command a wizard runs on a platform shows here, with its exit code.' }}
          sx={{ '& .MuiDataGrid-cell': { py: 1, alignItems: 'flex-start', display: 'flex' } }}
        />
      </Box>
    </Box>
  );
}

function Wrapped({ text }: { text: string }) {
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
      {text}
    </Typography>
  );
}
