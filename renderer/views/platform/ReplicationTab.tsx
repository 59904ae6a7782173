import { useMemo } from 'react';
import { Alert, Box, Typography } from '@mui/material';
import CallSplitIcon from '@mui/icons-material/CallSplit';
import type { Platform } from '../../../electron/core/contract';
import { EmptyState } from '../../components/EmptyState';
import { useFleet } from '../../store/fleetStore';
import { FactList } from './FactList';
import type { Fact } from './FactList';
import { formatDateTime } from '../../format/age';
import { formatBytes } from '../../format/bytes';
import { ReplicationDiagram } from './ReplicationDiagram';
import { lagSecondsText, replicationGroup } from './replicationGroup';
import type { Replication, ReplicationGroup } from './replicationGroup';
import { ReplicationTable } from './ReplicationTable';
import { SectionCard } from './SectionCard';

const yesNo = (value: boolean | null) => (value === null ? 'Not known' : value ? 'Yes' : 'No');

function serverFacts(r: Replication): Fact[] {
  const facts: Fact[] = [
    { label: 'PostgreSQL', value: r.serverVersion },
    { label: 'In recovery', value: yesNo(r.inRecovery) },
    { label: 'standby.conf', value: r.standbyConfPresent === null ? 'Not known' : r.standbyConfPresent ? 'Present' : 'Absent' },
  ];
  if (r.role === 'primary') facts.push({ label: 'Current WAL position', value: r.currentLsn });
  if (r.role === 'standby') {
    const upstream = r.receiver?.upstreamHost ? `${r.receiver.upstreamHost}${r.receiver.upstreamPort ? `:${r.receiver.upstreamPort}` : ''}` : 'Not known';
    facts.push(
      { label: 'Receives from', value: upstream },
      { label: 'Received up to', value: r.receiveLsn ?? 'Not known' },
      { label: 'Replayed up to', value: r.replayLsn ?? 'Not known' },
      { label: 'Replay lag', value: `${r.replayLagBytes !== null ? formatBytes(r.replayLagBytes) : '?'} · ${lagSecondsText(r.replayLagSeconds, r.replayLagBytes)}` },
      { label: 'Last replayed transaction', value: r.lastReplayedTransactionTime ? formatDateTime(r.lastReplayedTransactionTime) : 'Not known' },
      { label: 'Replay paused', value: yesNo(r.replayPaused) },
    );
  }
  return facts;
}

function describe(group: ReplicationGroup): string {
  const links = group.standbys.map((s, i) => {
    const link = group.links[i];
    return `Standby ${s.name}: ${link?.state ?? 'not known'}${link?.problems.length ? ` (${link.problems.join(' ')})` : ''}.`;
  });
  return [`Primary ${group.primary.name}.`, ...links].join(' ');
}

export function ReplicationTab({ platform }: { platform: Platform }) {
  const platforms = useFleet((s) => s.platforms);
  const statuses = useFleet((s) => s.summaries);
  const own = statuses.get(platform.id)?.status.replication ?? null;
  const view = useMemo(() => replicationGroup({ platform, platforms, statusOf: (id) => statuses.get(id)?.status ?? null }), [platform, platforms, statuses]);

  if (view.kind === 'off') {
    return (
      <EmptyState icon={<CallSplitIcon />} title="Replication is off">
        <Typography>
          This platform&apos;s database neither replicates to a standby nor from a primary, and the inventory expects it to be standalone.
        </Typography>
        <Typography>To add a standby, set it up in the AP Manager, then set the standby&apos;s role and primary in the inventory.</Typography>
      </EmptyState>
    );
  }
  if (view.kind === 'unknown') {
    return (
      <EmptyState icon={<CallSplitIcon />} title="Replication not known">
        <Typography>{view.reason}</Typography>
      </EmptyState>
    );
  }

  const group = view.group;
  const broken = group.links.filter((l) => l.ok === false).length;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {own?.statsVisible === false && (
        <Alert severity="warning">
          The database login may not see other sessions&apos; replication details, so most figures read as not known. Grant it pg_read_all_stats
          (or use a superuser) in the inventory&apos;s database credentials.
        </Alert>
      )}
      <SectionCard title="Replication group">
        <Typography color={broken > 0 ? 'error' : 'text.secondary'} sx={{ mb: 1 }}>
          {broken > 0 ? `${broken} of ${group.links.length} links need attention.` : `Primary ${group.primary.name} with ${group.standbys.length} ${group.standbys.length === 1 ? 'standby' : 'standbys'}.`}
        </Typography>
        <ReplicationDiagram group={group} description={describe(group)} />
      </SectionCard>
      <SectionCard title="Standbys">
        <ReplicationTable group={group} />
      </SectionCard>
      <SectionCard title="This server">
        {own ? <FactList columns={3} facts={serverFacts(own)} /> : <Typography color="text.secondary">The last poll could not read this platform&apos;s database.</Typography>}
      </SectionCard>
    </Box>
  );
}
