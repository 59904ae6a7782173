import { Chip, Stack } from '@mui/material';
import type { FleetCounts as Counts } from './fleetRows';

const number = new Intl.NumberFormat();

/** The header's figures for the whole fleet. */
export function FleetCounts({ counts }: { counts: Counts }) {
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', justifyContent: 'flex-end' }} aria-label="Fleet summary" role="group">
      <Chip label={`${number.format(counts.platforms)} platform${counts.platforms === 1 ? '' : 's'}`} variant="outlined" />
      <Chip label={`${number.format(counts.reachable)} reachable`} color={counts.reachable < counts.platforms ? 'default' : 'success'} variant="outlined" />
      <Chip label={`${number.format(counts.critical)} critical`} color={counts.critical ? 'error' : 'default'} variant={counts.critical ? 'filled' : 'outlined'} />
      <Chip label={`${number.format(counts.warning)} warning`} color={counts.warning ? 'warning' : 'default'} variant={counts.warning ? 'filled' : 'outlined'} />
    </Stack>
  );
}
