import { Button, FormControl, FormControlLabel, InputLabel, MenuItem, Select, Stack, Switch } from '@mui/material';
import type { Site } from '../../../electron/core/contract';
import type { AlarmFilter } from './alarmRows';
import { NO_ALARM_FILTER, isFiltering } from './alarmRows';
import { kindLabel } from './alarmKinds';

const ALL = '';

interface AlarmFiltersProps {
  filter: AlarmFilter;
  onChange(filter: AlarmFilter): void;
  sites: readonly Site[];
  kinds: readonly string[];
  /** The acknowledged switch matters only for active alarms. */
  showAcknowledgedSwitch: boolean;
}

export function AlarmFilters({ filter, onChange, sites, kinds, showAcknowledgedSwitch }: AlarmFiltersProps) {
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5, mb: 2 }}>
      <FormControl size="small" sx={{ minWidth: 200 }}>
        <InputLabel id="alarm-site-label" shrink>
          Site
        </InputLabel>
        <Select
          labelId="alarm-site-label"
          label="Site"
          notched
          displayEmpty
          value={filter.siteId ?? ALL}
          onChange={(event) => onChange({ ...filter, siteId: event.target.value === ALL ? null : event.target.value })}
        >
          <MenuItem value={ALL}>All sites</MenuItem>
          {sites.map((site) => (
            <MenuItem key={site.id} value={site.id}>
              {site.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl size="small" sx={{ minWidth: 220 }}>
        <InputLabel id="alarm-kind-label" shrink>
          Kind
        </InputLabel>
        <Select
          labelId="alarm-kind-label"
          label="Kind"
          notched
          displayEmpty
          value={filter.kind ?? ALL}
          onChange={(event) => onChange({ ...filter, kind: event.target.value === ALL ? null : event.target.value })}
        >
          <MenuItem value={ALL}>All kinds</MenuItem>
          {kinds.map((kind) => (
            <MenuItem key={kind} value={kind}>
              {kindLabel(kind)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {showAcknowledgedSwitch && (
        <FormControlLabel
          control={<Switch checked={filter.showAcknowledged} onChange={(event) => onChange({ ...filter, showAcknowledged: event.target.checked })} />}
          label="Show acknowledged"
        />
      )}
      {isFiltering(filter) && <Button onClick={() => onChange(NO_ALARM_FILTER)}>Clear filters</Button>}
    </Stack>
  );
}
