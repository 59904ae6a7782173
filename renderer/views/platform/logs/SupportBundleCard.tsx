import { useState } from 'react';
import { Alert, Box, Button, Checkbox, FormControlLabel, Typography } from '@mui/material';
import FolderZipIcon from '@mui/icons-material/FolderZip';
import { useRetrieval } from '../../../store/retrievalStore';

/** One action for a support case: logs, disk, mounts, processes, build, instances, replication, alarms and the audit, in one tar.xz. */
export function SupportBundleCard({ platformId }: { platformId: string }) {
  const [withCoreDumps, setWithCoreDumps] = useState(false);
  const [starting, setStarting] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const bundle = useRetrieval((s) => s.bundle);
  const start = async () => {
    setStarting(true);
    setNotice(null);
    const outcome = await bundle([platformId], withCoreDumps);
    setStarting(false);
    setNotice(outcome.ok ? { severity: 'success', text: `${outcome.jobs[0]?.label ?? 'Support bundle'} started. Its progress is under Transfers below.` } : { severity: 'error', text: outcome.error });
  };
  return (
    <Box>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        Collects /var/log, df -h, mounts, the process list, the image build, the instances with their sizes, the replication state, recent alarms and this console&apos;s audit
        entries for the platform into one tar.xz with a manifest. It is streamed to this computer, so it works on a full data partition too.
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <FormControlLabel control={<Checkbox checked={withCoreDumps} onChange={(event) => setWithCoreDumps(event.target.checked)} />} label="Include core dumps (can be large)" />
        <Button variant="contained" startIcon={<FolderZipIcon />} onClick={() => void start()} disabled={starting}>
          Collect support bundle
        </Button>
      </Box>
      {notice && (
        <Alert severity={notice.severity} sx={{ mt: 1 }} onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}
    </Box>
  );
}
