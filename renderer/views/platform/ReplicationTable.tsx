import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { formatBytes } from '../../format/bytes';
import { lagSecondsText } from './replicationGroup';
import type { ReplicationGroup } from './replicationGroup';

const SEEN_FROM = { primary: 'the primary', standby: 'the standby', none: '—' } as const;

/** The diagram's figures as a table, one row per standby. */
export function ReplicationTable({ group }: { group: ReplicationGroup }) {
  if (group.standbys.length === 0) return <Typography color="text.secondary">No standby is connected to this primary, and the inventory names none.</Typography>;
  return (
    <TableContainer>
      <Table size="small" aria-label="Standbys of the replication group">
        <TableHead>
          <TableRow>
            <TableCell sx={{ minWidth: 180 }}>Standby</TableCell>
            <TableCell sx={{ minWidth: 120 }}>State</TableCell>
            <TableCell align="right">Lag (bytes)</TableCell>
            <TableCell align="right">Lag (time)</TableCell>
            <TableCell sx={{ minWidth: 180 }}>Slot</TableCell>
            <TableCell align="right">WAL retained</TableCell>
            <TableCell>Read from</TableCell>
            <TableCell>Problems</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {group.standbys.map((member, index) => {
            const link = group.links[index];
            const bad = link?.ok === false;
            return (
              <TableRow key={member.key}>
                <TableCell sx={{ overflowWrap: 'break-word' }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {member.name}
                    {member.current ? ' (this one)' : ''}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {member.address ?? (member.platformId ? '' : 'not in the inventory')}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Typography variant="body2" color={bad ? 'error' : 'text.primary'} sx={{ fontWeight: bad ? 600 : 400 }}>
                    {link?.state ?? '—'}
                  </Typography>
                </TableCell>
                <TableCell align="right">{link?.lagBytes != null ? formatBytes(link.lagBytes) : '—'}</TableCell>
                <TableCell align="right">{link ? lagSecondsText(link.lagSeconds, link.lagBytes) : '—'}</TableCell>
                <TableCell sx={{ overflowWrap: 'break-word' }}>
                  {link?.slot ? (
                    <Typography variant="body2" color={link.slot.active ? 'text.primary' : 'error'}>
                      {link.slot.name} ({link.slot.active ? 'active' : 'inactive'}
                      {link.slot.walStatus ? `, WAL ${link.slot.walStatus}` : ''})
                    </Typography>
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell align="right">{link?.slot?.retainedWalBytes != null ? formatBytes(link.slot.retainedWalBytes) : '—'}</TableCell>
                <TableCell>{SEEN_FROM[link?.seenFrom ?? 'none']}</TableCell>
                <TableCell sx={{ minWidth: 220 }}>
                  {link && link.problems.length > 0 ? (
                    link.problems.map((problem) => (
                      <Typography key={problem} variant="body2" color="error">
                        {problem}
                      </Typography>
                    ))
                  ) : (
                    <Typography variant="body2" color="text.secondary">
                      {link?.ok === true ? 'None' : 'Not known'}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
