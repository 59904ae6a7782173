import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, Typography } from '@mui/material';
import { HostKeyDecisionAlert } from '../../components/HostKeyDecisionAlert';
import { useFleet } from '../../store/fleetStore';
import { useHostKeys } from '../../store/hostKeyStore';
import { PinnedKeysGrid } from './PinnedKeysGrid';
import type { PinRow } from './PinnedKeysGrid';
import { SettingsSection } from './SettingsSection';

const PENDING_PAGE = 10;

export function HostKeysSection() {
  const { pins, problem, error, load, remove } = useHostKeys();
  const platforms = useFleet((state) => state.platforms);
  const bastions = useFleet((state) => state.bastions);
  const statuses = useFleet((state) => state.summaries);
  const [removing, setRemoving] = useState<PinRow | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [pendingShown, setPendingShown] = useState(PENDING_PAGE);
  useEffect(() => {
    void load();
  }, [load]);

  const names = useMemo(() => new Map([...platforms, ...bastions].map((entry) => [entry.id, entry.name])), [platforms, bastions]);
  const rows = useMemo<PinRow[]>(() => pins.map((pin) => ({ ...pin, rowId: `${pin.id} ${pin.keyType} ${pin.fingerprint}`, owner: names.get(pin.id) ?? pin.id })), [pins, names]);
  const pending = useMemo(
    () =>
      platforms
        .map((platform) => ({ platform, reach: statuses.get(platform.id)?.status.reach }))
        .filter((entry) => entry.reach?.state === 'host_key_changed' || entry.reach?.state === 'host_key_unknown')
        // Changed keys block a platform that worked before: they come first.
        .sort((a, b) => Number(b.reach?.state === 'host_key_changed') - Number(a.reach?.state === 'host_key_changed') || a.platform.name.localeCompare(b.platform.name)),
    [platforms, statuses],
  );
  const onRemove = useCallback((row: PinRow) => {
    setRemoveError(null);
    setRemoving(row);
  }, []);
  const confirmRemove = async () => {
    if (!removing) return;
    const problemText = await remove(removing.id);
    setRemoving(null);
    setRemoveError(problemText);
  };

  return (
    <SettingsSection
      id="host-keys"
      title="Host keys"
      description="The SSH host keys the console trusts, pinned per platform and jump host. A key the console has not met, or one that changed, waits here for your decision."
    >
      <Stack spacing={2}>
        {error && <Alert severity="error">{error}</Alert>}
        {problem && <Alert severity="warning">{problem}</Alert>}
        {removeError && <Alert severity="error">{removeError}</Alert>}
        <Typography variant="h3" sx={{ fontSize: '1.05rem', fontWeight: 600 }}>
          Waiting for a decision ({pending.length})
        </Typography>
        {pending.length === 0 ? (
          <Typography color="text.secondary">No host key waits for a decision.</Typography>
        ) : (
          <Stack spacing={1.5} data-testid="pending-host-keys">
            {pending.slice(0, pendingShown).map(({ platform, reach }) =>
              reach ? <HostKeyDecisionAlert key={platform.id} platformId={platform.id} platformName={platform.name} reach={reach} /> : null,
            )}
            {pending.length > pendingShown && (
              <Button sx={{ alignSelf: 'flex-start' }} onClick={() => setPendingShown(pendingShown + PENDING_PAGE)}>
                Show {Math.min(PENDING_PAGE, pending.length - pendingShown)} more of {pending.length - pendingShown}
              </Button>
            )}
          </Stack>
        )}
        <Typography variant="h3" sx={{ fontSize: '1.05rem', fontWeight: 600, pt: 1 }}>
          Pinned keys ({pins.length})
        </Typography>
        <PinnedKeysGrid rows={rows} onRemove={onRemove} />
      </Stack>
      <Dialog open={removing !== null} onClose={() => setRemoving(null)} aria-labelledby="remove-pin-title">
        <DialogTitle id="remove-pin-title">Remove the pinned host key?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The console forgets every key pinned for {removing?.owner}. The next poll stops at the unknown key until you confirm its
            fingerprint again.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRemoving(null)}>Cancel</Button>
          <Button color="error" variant="contained" onClick={() => void confirmRemove()}>
            Remove
          </Button>
        </DialogActions>
      </Dialog>
    </SettingsSection>
  );
}
