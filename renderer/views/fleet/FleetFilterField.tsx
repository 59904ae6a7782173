import { IconButton, InputAdornment, TextField } from '@mui/material';
import ClearIcon from '@mui/icons-material/Clear';
import SearchIcon from '@mui/icons-material/Search';

export const MAX_QUERY_LENGTH = 200;

/** Filter as you type; Escape clears. */
export function FleetFilterField({ value, onChange }: { value: string; onChange: (query: string) => void }) {
  return (
    <TextField
      id="fleet-filter"
      label="Filter platforms"
      size="small"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && value) {
          event.preventDefault();
          onChange('');
        }
      }}
      helperText="All words must match. Narrow by field: site: role: build: alarm: tag: state: customer: name: (e.g. site:muster role:standby build:>=1400); a leading - excludes."
      sx={{ flex: 1, minWidth: 260 }}
      slotProps={{
        htmlInput: { maxLength: MAX_QUERY_LENGTH, spellCheck: false, autoComplete: 'off', 'data-testid': 'fleet-filter' },
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" aria-hidden />
            </InputAdornment>
          ),
          endAdornment: value ? (
            <InputAdornment position="end">
              <IconButton size="small" aria-label="Clear filter" onClick={() => onChange('')} edge="end">
                <ClearIcon fontSize="small" />
              </IconButton>
            </InputAdornment>
          ) : undefined,
        },
      }}
    />
  );
}
