import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, ButtonBase, Chip, IconButton, Tooltip, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import FolderIcon from '@mui/icons-material/Folder';
import ReportIcon from '@mui/icons-material/Report';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ViewerFile } from '../../../../electron/core/contract';
import { formatBytes } from '../../../format/bytes';
import { viewerTreeRows } from './viewerTree';
import type { ViewerTreeRow } from './viewerTree';

const ROW = 34;
const number = new Intl.NumberFormat();

function Marks({ file }: { file: ViewerFile }) {
  return (
    <>
      {file.binary && <Chip size="small" variant="outlined" label="binary" sx={{ height: 20 }} />}
      {file.encoding === 'latin1' && !file.binary && (
        <Tooltip title="Not valid UTF-8: read as Latin-1">
          <Chip size="small" variant="outlined" label="Latin-1" sx={{ height: 20 }} />
        </Tooltip>
      )}
      {file.verified === true && (
        <Tooltip title="Matches the sha256 in the manifest">
          <CheckCircleIcon fontSize="small" color="success" aria-label="matches the manifest" />
        </Tooltip>
      )}
      {file.verified === false && (
        <Tooltip title="Does not match the sha256 in the manifest">
          <ReportIcon fontSize="small" color="error" aria-label="does not match the manifest" />
        </Tooltip>
      )}
    </>
  );
}

function TreeRow({ row, selected, onToggle, onSelect }: { row: ViewerTreeRow; selected: boolean; onToggle(id: string): void; onSelect(file: ViewerFile): void }) {
  const size = row.folder ? `${formatBytes(row.sizeBytes)}` : `${formatBytes(row.sizeBytes)}${row.file && !row.file.binary ? `, ${number.format(row.lines)} line${row.lines === 1 ? '' : 's'}` : ''}`;
  const content = (
    <>
      <Typography variant="body2" noWrap sx={{ flex: 1, minWidth: 0, fontFamily: row.folder ? undefined : 'monospace', fontWeight: row.folder || selected ? 500 : 400 }}>
        {row.name}
      </Typography>
      {row.file && <Marks file={row.file} />}
      <Typography variant="caption" color="text.secondary" sx={{ flexShrink: 0, fontVariantNumeric: 'tabular-nums' }}>
        {size}
      </Typography>
    </>
  );
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', height: ROW, pl: row.depth * 1.5, pr: 1, gap: 0.5, bgcolor: selected ? 'action.selected' : undefined }}>
      {row.folder ? (
        <>
          <IconButton size="small" aria-expanded={row.expanded} aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${row.id}`} onClick={() => onToggle(row.id)} sx={{ p: 0.25 }}>
            {row.expanded ? <ExpandMoreIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />}
          </IconButton>
          <FolderIcon fontSize="small" color="primary" aria-hidden />
          {content}
        </>
      ) : (
        <ButtonBase
          onClick={() => row.file && onSelect(row.file)}
          aria-current={selected ? 'true' : undefined}
          title={row.id}
          sx={{ flex: 1, minWidth: 0, display: 'flex', gap: 0.75, justifyContent: 'flex-start', height: '100%', pl: 3.25, textAlign: 'left', borderRadius: 1, '&.Mui-focusVisible': { outline: 2, outlineStyle: 'solid', outlineColor: 'primary.main' } }}
        >
          {content}
        </ButtonBase>
      )}
    </Box>
  );
}

/** The bundle's files by folder with size, lines and marks (binary, Latin-1, manifest check); a click opens a file in the reader. */
export function BundleFileTree({ files, selected, onSelect }: { files: readonly ViewerFile[]; selected: string | null; onSelect(file: ViewerFile): void }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => viewerTreeRows(files, collapsed), [files, collapsed]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as it is each render, never memoized
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 12 });
  // The file open in the reader stays in view, also when search or timeline opened it.
  const selectedIndex = rows.findIndex((row) => row.id === selected);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);
  const toggle = (id: string) =>
    setCollapsed((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Box ref={scrollRef} role="navigation" aria-label="Files in the bundle" sx={{ height: '100%', overflow: 'auto' }}>
      <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <Box key={row.id} sx={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}>
              <TreeRow row={row} selected={row.id === selected} onToggle={toggle} onSelect={onSelect} />
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
