import { useCallback, useMemo, useState } from 'react';
import { Alert, Box, Button, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import DownloadIcon from '@mui/icons-material/Download';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import FolderIcon from '@mui/icons-material/Folder';
import InsertDriveFileOutlinedIcon from '@mui/icons-material/InsertDriveFileOutlined';
import LinkIcon from '@mui/icons-material/Link';
import RefreshIcon from '@mui/icons-material/Refresh';
import SubjectIcon from '@mui/icons-material/Subject';
import { DataGrid } from '@mui/x-data-grid';
import type { GridColDef, GridRowSelectionModel } from '@mui/x-data-grid';
import type { Result } from '../../../../electron/core/contract';
import { api } from '../../../api/api';
import { formatDateTime } from '../../../format/age';
import { formatBytes } from '../../../format/bytes';
import { useRetrieval } from '../../../store/retrievalStore';
import { useAnswer } from '../../logs/useAnswer';
import { downloadPaths, logFolders, logTreeRows } from './logTree';
import type { LogTreeRow } from './logTree';

const NO_SELECTION: GridRowSelectionModel = { type: 'include', ids: new Set() };
const ROW_HEIGHT = 36;

type Listing = Result<'logs.list'>;
type Notice = { severity: 'success' | 'error'; text: string };

interface NameCellProps {
  row: LogTreeRow;
  tabIndex: 0 | -1;
  onToggle(path: string): void;
}

function NameCell({ row, tabIndex, onToggle }: NameCellProps) {
  const icon = row.kind === 'dir' ? <FolderIcon fontSize="small" color="primary" /> : row.kind === 'link' ? <LinkIcon fontSize="small" /> : <InsertDriveFileOutlinedIcon fontSize="small" />;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, pl: row.depth * 2.5, minWidth: 0, height: '100%' }}>
      {row.kind === 'dir' ? (
        <IconButton size="small" tabIndex={tabIndex} aria-expanded={row.expanded} aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${row.name}`} onClick={() => onToggle(row.id)} sx={{ p: 0.25 }}>
          {row.expanded ? <ExpandMoreIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />}
        </IconButton>
      ) : (
        <Box sx={{ width: 26, flexShrink: 0 }} />
      )}
      <Box aria-hidden sx={{ display: 'flex', color: 'text.secondary' }}>
        {icon}
      </Box>
      <Tooltip title={row.id} placement="bottom-start">
        <Typography variant="body2" noWrap sx={{ fontFamily: row.kind === 'dir' ? undefined : 'monospace', fontWeight: row.kind === 'dir' ? 500 : undefined }}>
          {row.name}
          {row.kind === 'dir' && (
            <Typography component="span" variant="body2" color="text.secondary">
              {`  ${row.files} file${row.files === 1 ? '' : 's'}`}
            </Typography>
          )}
        </Typography>
      </Tooltip>
    </Box>
  );
}

/** The platform's /var/log as folders and files, read as root: choose files or folders to download, or one file to follow. */
export function LogFileBrowser({ platformId, platformName, onFollow }: { platformId: string; platformName: string; onFollow(path: string): void }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selection, setSelection] = useState<GridRowSelectionModel>(NO_SELECTION);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [starting, setStarting] = useState(false);
  const download = useRetrieval((s) => s.download);

  const fetchListing = useCallback(() => api.call('logs.list', { platformId }), [platformId]);
  const { data: listing, error, loading, reload: load } = useAnswer<Listing>(fetchListing, `read /var/log on ${platformName}`);

  const rows = useMemo(() => (listing ? logTreeRows(listing.entries, listing.root, collapsed) : []), [listing, collapsed]);
  const toggle = useCallback((path: string) => {
    setCollapsed((before) => {
      const next = new Set(before);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  }, []);
  const chosen = useMemo(() => [...selection.ids].map(String), [selection]);
  const rowById = useMemo(() => new Map(rows.map((row) => [row.id, row])), [rows]);
  const singleFile = chosen.length === 1 && rowById.get(chosen[0] ?? '')?.kind !== 'dir' ? (chosen[0] ?? null) : null;

  const startDownload = async (paths: string[]) => {
    setStarting(true);
    setNotice(null);
    const outcome = await download(platformId, downloadPaths(paths));
    setStarting(false);
    if (outcome.ok) {
      const job = outcome.jobs[0];
      setNotice({ severity: 'success', text: `Download started: ${job?.label ?? `${paths.length} item${paths.length === 1 ? '' : 's'}`}. Its progress is under Transfers below and on the Logs screen.` });
      setSelection(NO_SELECTION);
    } else setNotice({ severity: 'error', text: outcome.error });
  };

  const columns = useMemo<GridColDef<LogTreeRow>[]>(
    () => [
      { field: 'name', headerName: 'Name', flex: 1, minWidth: 320, sortable: false, renderCell: ({ row, tabIndex }) => <NameCell row={row} tabIndex={tabIndex} onToggle={toggle} /> },
      { field: 'sizeBytes', headerName: 'Size', type: 'number', width: 110, sortable: false, valueFormatter: (value: number) => formatBytes(value) },
      {
        field: 'modifiedAt',
        headerName: 'Modified',
        width: 190,
        sortable: false,
        valueFormatter: (value: string | null) => (value ? formatDateTime(value) : 'not known'),
      },
      { field: 'owner', headerName: 'Owner', width: 110, sortable: false },
      {
        field: 'follow',
        headerName: 'Follow',
        width: 80,
        sortable: false,
        renderCell: ({ row, tabIndex }) =>
          row.kind === 'dir' ? null : (
            <Tooltip title={`Follow ${row.name} live`}>
              <IconButton size="small" tabIndex={tabIndex} aria-label={`Follow ${row.id}`} onClick={() => onFollow(row.id)}>
                <SubjectIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          ),
      },
    ],
    [toggle, onFollow],
  );

  const folders = useMemo(() => (listing ? logFolders(logTreeRows(listing.entries, listing.root, new Set())) : []), [listing]);
  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="body2" color="text.secondary" role="status" sx={{ flex: 1, minWidth: 240 }}>
          {loading && !listing
            ? `Reading /var/log on ${platformName}…`
            : listing
              ? `${listing.entries.filter((e) => e.kind !== 'dir').length} files in ${listing.root}${chosen.length ? `, ${chosen.length} selected` : ''}`
              : ''}
        </Typography>
        <Button size="small" onClick={() => setCollapsed(new Set(folders))} disabled={!listing}>
          Collapse all
        </Button>
        <Button size="small" onClick={() => setCollapsed(new Set())} disabled={!listing}>
          Expand all
        </Button>
        <Button size="small" startIcon={<RefreshIcon />} onClick={() => load()} disabled={loading}>
          Refresh
        </Button>
        <Button size="small" variant="outlined" startIcon={<SubjectIcon />} disabled={!singleFile} onClick={() => singleFile && onFollow(singleFile)}>
          Follow
        </Button>
        <Button size="small" variant="contained" startIcon={<DownloadIcon />} disabled={chosen.length === 0 || starting} onClick={() => void startDownload(chosen)}>
          {chosen.length > 0 ? `Download ${chosen.length}` : 'Download'}
        </Button>
      </Stack>
      {listing?.truncated && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          /var/log holds more entries than the console lists at once; the deepest ones are left out. Download a folder to get all of it.
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mb: 1 }} action={<Button onClick={() => load()}>Try again</Button>}>
          {error}
        </Alert>
      )}
      {notice && (
        <Alert severity={notice.severity} sx={{ mb: 1 }} onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}
      <Box sx={{ height: 420 }}>
        <DataGrid
          aria-label={`Files in /var/log on ${platformName}`}
          rows={rows}
          columns={columns}
          loading={loading}
          checkboxSelection
          rowSelectionModel={selection}
          onRowSelectionModelChange={setSelection}
          disableRowSelectionOnClick
          disableRowSelectionExcludeModel
          disableColumnMenu
          disableColumnFilter
          sortingMode="server"
          filterMode="server"
          paginationMode="server"
          hideFooter
          rowHeight={ROW_HEIGHT}
          columnHeaderHeight={40}
          localeText={{ noRowsLabel: error ? 'The listing could not be read.' : 'Nothing in /var/log.' }}
        />
      </Box>
    </Box>
  );
}
