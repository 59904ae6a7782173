import { useMemo } from 'react';
import { Alert, Box, Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import AutoFixHighIcon from '@mui/icons-material/AutoFixHigh';
import { EmptyState } from '../../components/EmptyState';
import { useWizards } from '../../store/wizardStore';
import { formatAge, formatDateTime } from '../../format/age';
import { useNow } from '../../format/useNow';
import { currentStepText, sortRuns } from './wizardHelpers';
import { RunStateChip } from './StateChips';

/** Every run, active and interrupted ones first, then the finished ones. */
export function RunsTab() {
  const { runs, loaded, error, openRun } = useWizards();
  const now = useNow(30_000);
  const sorted = useMemo(() => sortRuns(runs.values()), [runs]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (loaded && sorted.length === 0)
    return (
      <EmptyState icon={<AutoFixHighIcon />} title="No wizard runs yet">
        <Typography>
          A recovery wizard always runs on one platform: it checks the platform first, shows every command before it runs, asks before anything
          destructive, and records each command in the audit log.
        </Typography>
        <Typography>Start one from an alarm's Fix button, or from the Catalog tab.</Typography>
      </EmptyState>
    );
  return (
    <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" aria-label="Wizard runs">
        <TableHead>
          <TableRow>
            <TableCell>Platform</TableCell>
            <TableCell>Site</TableCell>
            <TableCell>Wizard</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Current step</TableCell>
            <TableCell>Updated</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((run) => (
            <TableRow key={run.runId} hover>
              <TableCell sx={{ fontWeight: 500 }}>{run.platformName}</TableCell>
              <TableCell>{run.siteName}</TableCell>
              <TableCell>
                <Link component="button" type="button" onClick={() => openRun(run.runId)} sx={{ textAlign: 'left' }} aria-label={`Open ${run.title} on ${run.platformName}`}>
                  {run.title}
                </Link>
              </TableCell>
              <TableCell>
                <RunStateChip state={run.state} />
              </TableCell>
              <TableCell sx={{ maxWidth: 360 }}>
                <Box sx={{ overflowWrap: 'anywhere' }}>{currentStepText(run)}</Box>
              </TableCell>
              <TableCell title={formatDateTime(run.updatedAt)} sx={{ whiteSpace: 'nowrap' }}>
                {formatAge(Date.parse(run.updatedAt), now)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
