import { useEffect } from 'react';
import { Alert, Box, CircularProgress, Paper, Typography } from '@mui/material';
import Inventory2Icon from '@mui/icons-material/Inventory2';
import { EmptyState } from '../../components/EmptyState';
import { useViewer } from '../../store/viewerStore';
import { BundleViewer } from './viewer/BundleViewer';
import { OpenPathForm } from './viewer/OpenPathForm';
import { RecentBundles } from './viewer/RecentBundles';

/** Bundles to open, or the open one: works with no connection at all. */
export function OfflineViewerTab() {
  const { bundle, recent, recentError, opening, openError, loadRecent, open, close } = useViewer();
  useEffect(() => void loadRecent(), [loadRecent]);

  if (bundle && !opening) return <BundleViewer key={bundle.bundleId} bundle={bundle} onClose={() => void close().then(loadRecent)} />;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Paper variant="outlined" sx={{ p: 2.5 }}>
        <Typography variant="h2" component="h2" sx={{ fontSize: '1.05rem', mb: 1.5 }}>
          Open a bundle
        </Typography>
        <OpenPathForm onOpen={(path) => void open(path)} busy={opening !== null} />
        {opening && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mt: 2 }} role="status">
            <CircularProgress size={20} aria-hidden />
            <Typography sx={{ overflowWrap: 'anywhere' }}>{`Unpacking and indexing ${opening}… A large bundle takes a moment the first time; later it opens at once.`}</Typography>
          </Box>
        )}
        {openError && (
          <Alert severity="error" sx={{ mt: 2, '& .MuiAlert-message': { overflowWrap: 'anywhere' } }}>
            {openError}
          </Alert>
        )}
      </Paper>
      {recentError && <Alert severity="error">{recentError}</Alert>}
      {recent && recent.length === 0 && !recentError && (
        <EmptyState icon={<Inventory2Icon />} title="No bundles in the data folder yet">
          <Typography>
            Support bundles you collect on a platform&apos;s Logs tab are kept in the console&apos;s data folder and listed here. They open with no connection: file tree, search
            across all logs, a merged timeline and the platform&apos;s state when they were collected.
          </Typography>
          <Typography>A log.tar.xz made on the platform by hand, as the innovaphone wiki describes, opens too: type its path above.</Typography>
        </EmptyState>
      )}
      {recent && recent.length > 0 && (
        <Box component="section" aria-label="Bundles in the data folder">
          <Typography variant="h2" component="h2" sx={{ fontSize: '1.05rem', mb: 1 }}>
            {`Bundles in the data folder (${recent.length})`}
          </Typography>
          <RecentBundles bundles={recent} onOpen={(path) => void open(path)} busy={opening !== null} />
        </Box>
      )}
    </Box>
  );
}
