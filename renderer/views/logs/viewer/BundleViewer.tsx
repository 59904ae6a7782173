import { useCallback, useMemo, useState } from 'react';
import { Box, Button, Chip, Paper, Tab, Tabs, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import type { ViewerBundle, ViewerFile, ViewerLine } from '../../../../electron/core/contract';
import { CopyPathButton } from '../CopyPathButton';
import { BundleFileTree } from './BundleFileTree';
import { BundleSummaryCard } from './BundleSummaryCard';
import { FileReader } from './FileReader';
import type { JumpTarget } from './FileReader';
import { SearchPanel } from './SearchPanel';
import { TimelinePanel } from './TimelinePanel';

type ViewerTab = 'file' | 'search' | 'timeline';

/** An opened bundle: summary, file tree, and a reader, a search and a merged timeline, all without a connection. */
export function BundleViewer({ bundle, onClose }: { bundle: ViewerBundle; onClose(): void }) {
  // Open on a log (the platform's, not the console's command output) where there is one.
  const firstText = bundle.files.find((f) => !f.binary && /(^|\/)log\//.test(f.path)) ?? bundle.files.find((f) => !f.binary) ?? bundle.files[0] ?? null;
  const [file, setFile] = useState<ViewerFile | null>(firstText);
  const [tab, setTab] = useState<ViewerTab>('file');
  const [jump, setJump] = useState<JumpTarget | null>(null);
  const textFiles = useMemo(() => bundle.files.filter((f) => !f.binary).map((f) => f.path), [bundle.files]);
  const byPath = useMemo(() => new Map(bundle.files.map((f) => [f.path, f])), [bundle.files]);

  const openLine = useCallback(
    (line: ViewerLine) => {
      const target = byPath.get(line.file);
      if (!target) return;
      setFile(target);
      setJump({ line: line.line, nonce: Date.now() });
      setTab('file');
    },
    [byPath],
  );
  const select = (f: ViewerFile) => {
    setFile(f);
    setJump(null);
    setTab('file');
  };

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Button startIcon={<ArrowBackIcon />} onClick={onClose}>
          Close the bundle
        </Button>
        <Typography variant="h2" component="h2" sx={{ fontSize: '1.2rem', overflowWrap: 'anywhere' }}>
          {bundle.name}
        </Typography>
        <Chip size="small" variant="outlined" label={bundle.source === 'bundle' ? 'Support bundle' : 'Log archive'} />
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 }}>
          <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
            {bundle.localPath}
          </Typography>
          <CopyPathButton path={bundle.localPath} />
        </Box>
      </Box>
      <BundleSummaryCard bundle={bundle} />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(360px, 28%) minmax(0, 1fr)', gap: 2, alignItems: 'start' }}>
        <Paper variant="outlined" sx={{ height: 'max(420px, calc(100vh - 250px))', position: 'sticky', top: 8, overflow: 'hidden', display: 'flex', flexDirection: 'column' }}>
          <Typography variant="subtitle2" component="h3" sx={{ px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider' }}>
            {`Files (${bundle.files.length})`}
          </Typography>
          <Box sx={{ flex: 1, minHeight: 0 }}>
            <BundleFileTree files={bundle.files} selected={file?.path ?? null} onSelect={select} />
          </Box>
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }}>
          <Tabs value={tab} onChange={(_event, value: ViewerTab) => setTab(value)} aria-label="Bundle views" sx={{ mb: 1.5, borderBottom: 1, borderColor: 'divider' }}>
            <Tab value="file" label="File" id="viewer-tab-file" aria-controls="viewer-panel-file" />
            <Tab value="search" label="Search" id="viewer-tab-search" aria-controls="viewer-panel-search" />
            <Tab value="timeline" label="Timeline" id="viewer-tab-timeline" aria-controls="viewer-panel-timeline" />
          </Tabs>
          {/* Search and timeline stay mounted so their results survive a look at a file. */}
          <Box role="tabpanel" id="viewer-panel-file" aria-labelledby="viewer-tab-file" hidden={tab !== 'file'}>
            {file ? <FileReader key={file.path} bundleId={bundle.bundleId} file={file} jump={jump} /> : <Typography color="text.secondary">The bundle holds no files.</Typography>}
          </Box>
          <Box role="tabpanel" id="viewer-panel-search" aria-labelledby="viewer-tab-search" hidden={tab !== 'search'}>
            <SearchPanel bundleId={bundle.bundleId} files={textFiles} onOpen={openLine} />
          </Box>
          <Box role="tabpanel" id="viewer-panel-timeline" aria-labelledby="viewer-tab-timeline" hidden={tab !== 'timeline'}>
            {tab === 'timeline' || jump ? <TimelinePanel bundleId={bundle.bundleId} files={textFiles} onOpen={openLine} /> : null}
          </Box>
        </Paper>
      </Box>
    </Box>
  );
}
