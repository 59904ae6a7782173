import { useMemo } from 'react';
import { Alert, Box, List, ListItem, Typography } from '@mui/material';
import type { Platform, PlatformStatus } from '../../../electron/core/contract';
import { useAlarms } from '../../store/alarmStore';
import { FactList } from './FactList';
import type { Fact } from './FactList';
import { formatDateTime } from '../../format/age';
import { formatBytes, formatPercent } from '../../format/bytes';
import { PlatformAlarms } from './PlatformAlarms';
import { daysUntil, managerLoginText } from './platformFacts';
import { SectionCard } from './SectionCard';
import { ServiceStates } from './ServiceStates';
import { useNow } from '../../format/useNow';

const UNKNOWN = 'Not known';

function certificateFacts(certificate: PlatformStatus['certificate'], now: number): Fact[] {
  if (!certificate) return [{ label: 'Certificate', value: 'Not read: the webserver did not answer over HTTPS in the last poll.' }];
  const days = daysUntil(certificate.notAfter, now);
  const left = days < 0 ? `expired ${-days} days ago` : days === 0 ? 'expires today' : `in ${days} days`;
  return [
    { label: 'Expires', value: <Typography component="span" color={days < 30 ? 'error' : 'text.primary'}>{`${formatDateTime(certificate.notAfter)} (${left})`}</Typography> },
    { label: 'Trusted', value: certificate.trusted ? 'Yes, by a certificate authority or by your pin' : 'No: the console does not log in to the AP Manager until you trust it' },
    { label: 'SHA-256', value: <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.85rem', overflowWrap: 'anywhere' }}>{certificate.sha256}</Box> },
  ];
}

function systemFacts(status: PlatformStatus | null): Fact[] {
  const load = status?.load1 ?? null;
  const cpus = status?.cpuCount ?? null;
  const memory = status?.memory ?? null;
  const dumps = status?.coreDumps ?? null;
  const loadText = load === null ? UNKNOWN : cpus ? `${load.toFixed(2)} over 1 min on ${cpus} ${cpus === 1 ? 'core' : 'cores'} (${formatPercent((load / cpus) * 100)})` : `${load.toFixed(2)} over 1 min`;
  const used = memory ? memory.totalBytes - memory.availableBytes : 0;
  const memoryText = memory && memory.totalBytes > 0 ? `${formatBytes(used)} used of ${formatBytes(memory.totalBytes)} (${formatPercent((used / memory.totalBytes) * 100)})` : UNKNOWN;
  const dumpsText = dumps === null ? UNKNOWN : dumps.count === 0 ? 'None' : `${dumps.count} (${formatBytes(dumps.bytes)}); see the Logs tab`;
  return [
    { label: 'CPU load', value: loadText },
    { label: 'Memory', value: memoryText },
    { label: 'Core dumps', value: dumpsText },
  ];
}

export function OverviewTab({ platform, status }: { platform: Platform; status: PlatformStatus | null }) {
  const now = useNow(60_000);
  const active = useAlarms((s) => s.active);
  const alarmsError = useAlarms((s) => s.error);
  const alarms = useMemo(() => active.filter((a) => a.platformId === platform.id), [active, platform.id]);

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'repeat(2, minmax(0, 1fr))' }, gap: 2 }}>
      {!status && (
        <Alert severity="info" sx={{ gridColumn: '1 / -1' }}>
          This platform has not been polled yet. Use Poll now to read it.
        </Alert>
      )}
      <Box sx={{ gridColumn: '1 / -1' }}>
        <SectionCard title={`Active alarms (${alarms.length})`}>
          {alarmsError ? <Alert severity="error">{alarmsError}</Alert> : <PlatformAlarms alarms={alarms} />}
        </SectionCard>
      </Box>
      <SectionCard title="Services">
        <ServiceStates services={status?.services ?? null} />
      </SectionCard>
      <SectionCard title="System">
        <FactList facts={systemFacts(status)} />
      </SectionCard>
      <SectionCard title="Webserver certificate">
        <FactList facts={status ? certificateFacts(status.certificate, now) : [{ label: 'Certificate', value: UNKNOWN }]} />
      </SectionCard>
      <SectionCard title="AP Manager">
        <FactList
          facts={[
            { label: 'Login', value: status ? managerLoginText(status.managerLogin) : UNKNOWN },
            { label: 'Version', value: status?.managerVersion ?? (status ? 'Not known: it is read after a login' : UNKNOWN) },
          ]}
        />
      </SectionCard>
      {status && status.notes.length > 0 && (
        <Box sx={{ gridColumn: '1 / -1' }}>
          <SectionCard title="Notes from the last poll">
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              Why some figures are not known:
            </Typography>
            <List dense disablePadding sx={{ listStyleType: 'disc', pl: 3 }}>
              {status.notes.map((note) => (
                <ListItem key={note} sx={{ display: 'list-item', px: 0 }}>
                  <Typography sx={{ overflowWrap: 'anywhere' }}>{note}</Typography>
                </ListItem>
              ))}
            </List>
          </SectionCard>
        </Box>
      )}
    </Box>
  );
}
