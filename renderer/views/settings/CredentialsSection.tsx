import { useMemo, useState } from 'react';
import { Stack, Typography } from '@mui/material';
import { useFleet } from '../../store/fleetStore';
import { useVault } from '../../store/vaultStore';
import { ConnectionTest } from './ConnectionTest';
import { CredentialForm } from './CredentialForm';
import { CredentialScopePicker } from './CredentialScopePicker';
import { CredentialStatusTable } from './CredentialStatusTable';
import type { CredentialScope } from './credentialRefs';
import { SettingsSection } from './SettingsSection';

/** Connection tests listed for a site at most; larger sites are tested platform by platform. */
const SITE_TESTS_SHOWN = 20;

export function CredentialsSection() {
  const sites = useFleet((state) => state.sites);
  const platforms = useFleet((state) => state.platforms);
  const vault = useVault((state) => state.vault);
  const [scope, setScope] = useState<CredentialScope | null>(null);
  const vaultRefs = useMemo(() => new Set(vault?.refs ?? []), [vault]);
  const scoped = useMemo(
    () => (scope === null ? [] : platforms.filter((p) => (scope.kind === 'site' ? p.siteId === scope.id : p.id === scope.id))),
    [scope, platforms],
  );
  return (
    <SettingsSection
      id="credentials"
      title="Credentials"
      description="The admin and root passwords the console logs in with, per platform or shared by a whole site, and the optional AP Manager and database logins."
    >
      {platforms.length === 0 ? (
        <Typography color="text.secondary">Add or import platforms first; their credentials are set here.</Typography>
      ) : (
        <Stack spacing={3}>
          <CredentialScopePicker sites={sites} platforms={platforms} value={scope} onChange={setScope} />
          {scope && scoped.length === 0 && <Typography color="text.secondary">That entry is no longer in the fleet. Pick another.</Typography>}
          {scope && scoped.length > 0 && (
            <>
              <CredentialStatusTable scope={scope} platforms={scoped} vaultRefs={vaultRefs} />
              <CredentialForm key={`${scope.kind}:${scope.id}`} scope={scope} platforms={scoped} vaultUnlocked={vault?.status === 'unlocked'} />
              <Stack spacing={2}>
                {scoped.slice(0, SITE_TESTS_SHOWN).map((p) => (
                  <ConnectionTest key={p.id} platformId={p.id} platformName={p.name} />
                ))}
                {scoped.length > SITE_TESTS_SHOWN && (
                  <Typography color="text.secondary">
                    {scoped.length - SITE_TESTS_SHOWN} more platforms: pick one of them above to test it.
                  </Typography>
                )}
              </Stack>
            </>
          )}
        </Stack>
      )}
    </SettingsSection>
  );
}
