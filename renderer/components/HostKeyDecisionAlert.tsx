import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, AlertTitle, Box, Button, Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';
import type { HostKeyDecision, PlatformStatus } from '../../electron/core/contract';
import { useHostKeys } from '../store/hostKeyStore';

interface HostKeyDecisionAlertProps {
  platformId: string;
  platformName: string;
  reach: PlatformStatus['reach'];
}

/** The first-connect prompt for an unknown SSH host key, or the blocking warning for a changed one. */
export function HostKeyDecisionAlert({ platformId, platformName, reach }: HostKeyDecisionAlertProps) {
  if (reach.state !== 'host_key_unknown' && reach.state !== 'host_key_changed') return null;
  if (!reach.hostKey) {
    return (
      <Alert severity={reach.state === 'host_key_changed' ? 'error' : 'warning'}>
        <AlertTitle>{reach.state === 'host_key_changed' ? `The SSH host key of ${platformName} has changed` : `The SSH host key of ${platformName} is not confirmed yet`}</AlertTitle>
        {reach.message ?? 'The last poll did not bring the key along.'} Poll the platform again to see the key to decide on.
      </Alert>
    );
  }
  const decision = reach.hostKey;
  // Key and fingerprint in the React key: a different offer starts a fresh prompt.
  return reach.state === 'host_key_changed' ? (
    <ChangedKeyAlert key={decision.fingerprint} platformId={platformId} platformName={platformName} decision={decision} />
  ) : (
    <UnknownKeyAlert key={decision.fingerprint} platformId={platformId} platformName={platformName} decision={decision} />
  );
}

interface DecisionProps {
  platformId: string;
  platformName: string;
  decision: HostKeyDecision;
}

function useDecision() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    const problem = await work();
    setBusy(false);
    setError(problem);
    setDone(problem === null);
  };
  return { busy, error, done, run };
}

function UnknownKeyAlert({ platformId, platformName, decision }: DecisionProps) {
  const trust = useHostKeys((state) => state.trust);
  const { busy, error, done, run } = useDecision();
  return (
    <Alert severity="warning" role="region" aria-label={`Host key of ${platformName} to confirm`} data-testid="host-key-unknown">
      <AlertTitle>Confirm the SSH host key of {platformName}</AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }}>
        The console has not met this SSH server before. Compare the fingerprint with the one the platform shows (on its console, or from
        whoever installed it) before you trust it; the console connects only once you do.
      </Typography>
      <DecisionOutcome decision={decision} platformId={platformId} error={error} done={done} doneText={`Key trusted. Polling ${platformName} again…`}>
        <Button sx={{ mt: 1.5 }} variant="contained" color="warning" disabled={busy} onClick={() => void run(() => trust(platformId, decision))}>
          Trust this key
        </Button>
      </DecisionOutcome>
    </Alert>
  );
}

function ChangedKeyAlert({ platformId, platformName, decision }: DecisionProps) {
  const replace = useHostKeys((state) => state.replace);
  const { busy, error, done, run } = useDecision();
  const [checked, setChecked] = useState(false);
  return (
    <Alert severity="error" variant="outlined" data-testid="host-key-changed" sx={{ borderWidth: 2 }}>
      <AlertTitle sx={{ fontWeight: 700 }}>The SSH host key of {platformName} has changed: the console stopped connecting</AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }}>
        The server now presents a different key than the one pinned. That happens when the platform was reinstalled or its keys were
        regenerated, but it can also mean that someone is intercepting the connection. Check the new fingerprint on the platform itself
        before you replace the pinned key; until then nothing, no password either, is sent to it.
      </Typography>
      <DecisionOutcome decision={decision} platformId={platformId} error={error} done={done} doneText={`Pinned key replaced. Polling ${platformName} again…`}>
        <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <FormControlLabel
            control={<Checkbox checked={checked} onChange={(event) => setChecked(event.target.checked)} />}
            label="I checked the new fingerprint on the platform"
          />
          <Button variant="contained" color="error" disabled={!checked || busy} onClick={() => void run(() => replace(platformId, decision))}>
            Replace pinned key
          </Button>
        </Stack>
      </DecisionOutcome>
    </Alert>
  );
}

interface DecisionOutcomeProps {
  decision: HostKeyDecision;
  platformId: string;
  error: string | null;
  done: boolean;
  /** What happened, once done. */
  doneText: string;
  /** The controls to decide with, shown until decided. */
  children: ReactNode;
}

/** The key on offer, the last error, then the controls or, once decided, what happened. */
function DecisionOutcome({ decision, platformId, error, done, doneText, children }: DecisionOutcomeProps) {
  return (
    <>
      <KeyFacts decision={decision} platformId={platformId} />
      {error && (
        <Typography color="error" variant="body2" sx={{ mt: 1 }} role="alert">
          {error}
        </Typography>
      )}
      {done ? (
        <Typography variant="body2" sx={{ mt: 1 }} role="status">
          {doneText}
        </Typography>
      ) : (
        children
      )}
    </>
  );
}

function KeyFacts({ decision, platformId }: { decision: HostKeyDecision; platformId: string }) {
  const rows: Array<{ label: string; value: string; code?: boolean }> = [
    { label: 'Server', value: `${decision.host} port ${decision.port}${decision.id === platformId ? '' : ` (jump host ${decision.id})`}` },
    { label: 'Key type', value: decision.keyType },
  ];
  if (decision.previousFingerprint) rows.push({ label: 'Pinned fingerprint', value: decision.previousFingerprint, code: true });
  rows.push({ label: decision.previousFingerprint ? 'New fingerprint' : 'Fingerprint', value: decision.fingerprint, code: true });
  return (
    <Box component="dl" aria-label="Host key" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
      {rows.map(({ label, value, code }) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
            {label}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, fontFamily: code ? 'monospace' : undefined, wordBreak: 'break-all' }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
