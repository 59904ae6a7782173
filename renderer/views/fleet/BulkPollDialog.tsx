import { memo, useRef, useState } from 'react';
import { Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, List, ListItem, ListItemIcon, ListItemText, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturbOn';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';
import { useFleet } from '../../store/fleetStore';
import { BULK_POLL_CONCURRENCY, pollEach } from './pollSelection';
import type { PollOutcome } from './pollSelection';

export interface PollTarget {
  id: string;
  name: string;
  siteName: string;
}

type Phase = 'confirm' | 'running' | 'stopping' | 'done';

async function pollOne(id: string): Promise<PollOutcome> {
  const result = await api.call('monitor.pollNow', { platformIds: [id] });
  if (result.polled === 0) return { state: 'gone' };
  return { state: result.reached > 0 ? 'reached' : 'not_reached' };
}

/** "Poll now" for the selected platforms: one confirmation, then how each poll went. */
export function BulkPollDialog({ targets, onClose }: { targets: readonly PollTarget[]; onClose: () => void }) {
  const [phase, setPhase] = useState<Phase>('confirm');
  const [startedAt, setStartedAt] = useState(0);
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, PollOutcome>>(new Map());
  const stopper = useRef(new AbortController());
  const count = targets.length;
  const plural = count === 1 ? 'platform' : 'platforms';

  const start = () => {
    setPhase('running');
    setStartedAt(Date.now());
    void pollEach(
      targets.map((t) => t.id),
      pollOne,
      (id, outcome) => setOutcomes((before) => new Map(before).set(id, outcome)),
      (error) => describeError(error, 'poll the platform'),
      BULK_POLL_CONCURRENCY,
      stopper.current.signal,
    ).then(() => setPhase('done'));
  };
  const stop = () => {
    setPhase('stopping');
    stopper.current.abort();
  };

  const tally = { reached: 0, not_reached: 0, other: 0, cancelled: 0 };
  for (const outcome of outcomes.values()) {
    if (outcome.state === 'reached') tally.reached++;
    else if (outcome.state === 'not_reached') tally.not_reached++;
    else if (outcome.state === 'failed' || outcome.state === 'gone') tally.other++;
    else if (outcome.state === 'cancelled') tally.cancelled++;
  }
  const pending = count - tally.reached - tally.not_reached - tally.other - tally.cancelled;
  const title =
    phase === 'confirm'
      ? `Poll ${count} ${plural} now?`
      : phase === 'done'
        ? tally.cancelled
          ? `Poll stopped: ${count - tally.cancelled} of ${count} ${plural} polled`
          : `Poll of ${count} ${plural} finished`
        : phase === 'stopping'
          ? `Stopping: the running polls finish…`
          : `Polling ${count} ${plural}…`;

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="bulk-poll-title">
      <DialogTitle id="bulk-poll-title">
        {title}
      </DialogTitle>
      <DialogContent>
        {phase === 'confirm' ? (
          <DialogContentText>
            The console connects to each platform over SSH and reads its disk, services, instances and replication, {BULK_POLL_CONCURRENCY} at a time. Nothing is
            changed on the platforms.
          </DialogContentText>
        ) : (
          <Typography role="status" aria-live="polite" sx={{ mb: 1 }}>
            {tally.reached} reached · {tally.not_reached} not reached
            {tally.other ? ` · ${tally.other} failed` : ''}
            {tally.cancelled ? ` · ${tally.cancelled} not polled` : ''}
            {pending ? ` · ${pending} to go` : ''}
          </Typography>
        )}
        <Box sx={{ maxHeight: 320, overflowY: 'auto', mt: 1, border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <List dense aria-label={phase === 'confirm' ? 'Platforms to poll' : 'Poll results'}>
            {targets.map((target) => (
              <PollResultItem key={target.id} target={target} outcome={phase === 'confirm' ? null : (outcomes.get(target.id) ?? { state: 'waiting' })} since={startedAt} />
            ))}
          </List>
        </Box>
      </DialogContent>
      <DialogActions>
        {phase === 'confirm' ? (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="contained" onClick={start}>
              Poll {count} {plural}
            </Button>
          </>
        ) : (
          <>
            {phase !== 'done' && (
              <Button onClick={stop} disabled={phase === 'stopping'} color="warning">
                Stop
              </Button>
            )}
            <Button onClick={onClose} variant={phase === 'done' ? 'contained' : 'text'}>
              {phase === 'done' ? 'Close' : 'Close (polls go on)'}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

function outcomeLook(outcome: PollOutcome, reachMessage: string | null) {
  switch (outcome.state) {
    case 'waiting':
      return { icon: <HourglassEmptyIcon fontSize="small" color="disabled" />, text: 'Waiting' };
    case 'polling':
      return { icon: <CircularProgress size={18} aria-hidden />, text: 'Polling…' };
    case 'reached':
      return { icon: <CheckCircleIcon fontSize="small" color="success" />, text: 'Reached' };
    case 'not_reached':
      return { icon: <LinkOffIcon fontSize="small" color="warning" />, text: `Not reached${reachMessage ? `: ${reachMessage}` : ''}` };
    case 'cancelled':
      return { icon: <DoNotDisturbIcon fontSize="small" color="disabled" />, text: 'Not polled: stopped before its turn.' };
    case 'gone':
      return { icon: <ErrorOutlineIcon fontSize="small" color="error" />, text: 'Not polled: the platform is no longer in the fleet.' };
    case 'failed':
      return { icon: <ErrorOutlineIcon fontSize="small" color="error" />, text: outcome.message };
  }
}

const PollResultItem = memo(function PollResultItem({ target, outcome, since }: { target: PollTarget; outcome: PollOutcome | null; since: number }) {
  // The status of this poll arrives as a live update; older ones say nothing about it.
  const reachMessage = useFleet((state) => {
    const known = state.summaries.get(target.id);
    return known && known.receivedAt >= since && known.status.reach.state !== 'ok' ? known.status.reach.message : null;
  });
  const look = outcome ? outcomeLook(outcome, reachMessage) : null;
  return (
    <ListItem>
      {look && <ListItemIcon sx={{ minWidth: 32 }}>{look.icon}</ListItemIcon>}
      <ListItemText primary={`${target.name} (${target.siteName})`} secondary={look?.text} />
    </ListItem>
  );
});
