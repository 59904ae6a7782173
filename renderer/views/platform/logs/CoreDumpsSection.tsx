import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Box, Button, Chip, Stack, Tooltip, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DeleteIcon from '@mui/icons-material/Delete';
import DownloadIcon from '@mui/icons-material/Download';
import RefreshIcon from '@mui/icons-material/Refresh';
import { DataGrid } from '@mui/x-data-grid';
import type { GridColDef, GridRowSelectionModel } from '@mui/x-data-grid';
import type { CoreDump } from '../../../../electron/core/contract';
import { api } from '../../../api/api';
import { formatDateTime } from '../../../format/age';
import { formatBytes } from '../../../format/bytes';
import { describeError } from '../../../store/describeError';
import { useRetrieval } from '../../../store/retrievalStore';
import { useAnswer } from '../../logs/useAnswer';
import { DeleteCoreDumpsDialog } from './DeleteCoreDumpsDialog';

const NO_SELECTION: GridRowSelectionModel = { type: 'include', ids: new Set() };
type Notice = { severity: 'success' | 'error' | 'warning'; text: string };

const COLUMNS: GridColDef<CoreDump>[] = [
  { field: 'service', headerName: 'Service', width: 150 },
  {
    field: 'path',
    headerName: 'File',
    flex: 1,
    minWidth: 240,
    renderCell: ({ value }) => (
      <Tooltip title={String(value)} placement="bottom-start">
        <Typography variant="body2" noWrap sx={{ fontFamily: 'monospace', lineHeight: 'inherit' }}>
          {String(value).split('/').pop()}
        </Typography>
      </Tooltip>
    ),
  },
  { field: 'modifiedAt', headerName: 'Written', width: 190, valueFormatter: (value: string | null) => (value ? formatDateTime(value) : 'not known') },
  { field: 'sizeBytes', headerName: 'Size', type: 'number', width: 110, valueFormatter: (value: number) => formatBytes(value) },
  {
    field: 'downloaded',
    headerName: 'On this computer',
    width: 200,
    valueGetter: (_value, row) => (row.downloaded ? 1 : 0),
    renderCell: ({ row }) =>
      row.downloaded ? (
        <Tooltip title={`${row.downloaded.localPath}, sha256 ${row.downloaded.sha256}`}>
          <Chip size="small" color="success" variant="outlined" icon={<CheckCircleIcon />} label="Downloaded, checked" />
        </Tooltip>
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ lineHeight: 'inherit' }}>
          Not downloaded
        </Typography>
      ),
  },
];

/** The platform's core dumps: download them, and delete the ones safely on this computer after a confirmation. */
export function CoreDumpsSection({ platformId, platformName }: { platformId: string; platformName: string }) {
  const [selection, setSelection] = useState<GridRowSelectionModel>(NO_SELECTION);
  const [confirming, setConfirming] = useState<CoreDump[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const download = useRetrieval((s) => s.download);
  const jobs = useRetrieval((s) => s.jobs);

  const fetchDumps = useCallback(async () => (await api.call('coreDumps.list', { platformId })).dumps, [platformId]);
  const { data: dumps, error, loading, reload: load } = useAnswer<CoreDump[]>(fetchDumps, `list the core dumps on ${platformName}`);

  // A download of this platform that ends may have made some dumps "downloaded": read the list again.
  const finished = useMemo(() => [...jobs.values()].filter((j) => j.platformId === platformId && j.state === 'done').length, [jobs, platformId]);
  const seen = useRef(finished);
  useEffect(() => {
    if (finished !== seen.current) {
      seen.current = finished;
      load();
    }
  }, [finished, load]);

  const chosen = useMemo(() => (dumps ?? []).filter((d) => selection.ids.has(d.path)), [dumps, selection]);
  const deletable = chosen.filter((d) => d.downloaded);

  const startDownload = async () => {
    setNotice(null);
    const outcome = await download(platformId, chosen.map((d) => d.path));
    if (outcome.ok) {
      setNotice({ severity: 'success', text: `Download started: ${outcome.jobs[0]?.label ?? 'core dumps'}. Once it is checked, the dumps show as downloaded and can be deleted here.` });
      setSelection(NO_SELECTION);
    } else setNotice({ severity: 'error', text: outcome.error });
  };

  const remove = async (targets: CoreDump[]) => {
    setConfirming(null);
    setNotice(null);
    try {
      const { deleted, refused } = await api.call('coreDumps.delete', { platformId, paths: targets.map((d) => d.path), confirm: true });
      const refusedText = refused.map((r) => `${r.path}: ${r.reason}`).join(' ');
      setNotice({
        severity: refused.length ? 'warning' : 'success',
        text: `${deleted.length} core dump${deleted.length === 1 ? '' : 's'} deleted from ${platformName}.${refused.length ? ` Not deleted: ${refusedText}` : ''}`,
      });
      setSelection(NO_SELECTION);
    } catch (e) {
      setNotice({ severity: 'error', text: describeError(e, `delete the core dumps on ${platformName}`) });
    }
    load();
  };

  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="body2" color="text.secondary" role="status" sx={{ flex: 1, minWidth: 240 }}>
          {dumps === null
            ? loading
              ? 'Reading the core dumps…'
              : ''
            : dumps.length === 0
              ? 'No core dumps on the platform.'
              : `${dumps.length} core dump${dumps.length === 1 ? '' : 's'}, ${formatBytes(dumps.reduce((s, d) => s + d.sizeBytes, 0))} together${chosen.length ? `, ${chosen.length} selected` : ''}`}
        </Typography>
        <Button size="small" startIcon={<RefreshIcon />} onClick={() => load()} disabled={loading}>
          Refresh
        </Button>
        <Button size="small" variant="outlined" startIcon={<DownloadIcon />} disabled={chosen.length === 0} onClick={() => void startDownload()}>
          Download
        </Button>
        <Tooltip title={chosen.length > 0 && deletable.length === 0 ? 'Only core dumps this console has downloaded and checked can be deleted.' : ''}>
          <span>
            <Button size="small" color="error" variant="outlined" startIcon={<DeleteIcon />} disabled={deletable.length === 0} onClick={() => setConfirming(deletable)}>
              {deletable.length ? `Delete ${deletable.length}…` : 'Delete…'}
            </Button>
          </span>
        </Tooltip>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mb: 1 }} action={<Button onClick={() => load()}>Try again</Button>}>
          {error}
        </Alert>
      )}
      {notice && (
        <Alert severity={notice.severity} sx={{ mb: 1, '& .MuiAlert-message': { overflowWrap: 'anywhere' } }} onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}
      {dumps && dumps.length > 0 && (
        <Box sx={{ height: Math.min(320, 44 + dumps.length * 40 + 2) }}>
          <DataGrid
            aria-label={`Core dumps on ${platformName}`}
            rows={dumps}
            getRowId={(row) => row.path}
            columns={COLUMNS}
            checkboxSelection
            rowSelectionModel={selection}
            onRowSelectionModelChange={setSelection}
            disableRowSelectionOnClick
            disableRowSelectionExcludeModel
            disableColumnMenu
            paginationMode="server"
            hideFooter
            rowHeight={40}
            columnHeaderHeight={44}
          />
        </Box>
      )}
      {confirming && <DeleteCoreDumpsDialog platformName={platformName} dumps={confirming} onCancel={() => setConfirming(null)} onConfirm={() => void remove(confirming)} />}
    </Box>
  );
}
