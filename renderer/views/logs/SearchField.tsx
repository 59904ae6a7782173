import { Box, Checkbox, FormControlLabel, InputAdornment, TextField } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import type { TextQuery } from './textMatch';

/** A search box with "Regular expression" and "Match case". */
export function SearchField({ query, onChange, label, problem, width = 360 }: { query: TextQuery; onChange(query: TextQuery): void; label: string; problem?: string | null; width?: number }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, flexWrap: 'wrap' }}>
      <TextField
        size="small"
        label={label}
        value={query.text}
        onChange={(event) => onChange({ ...query, text: event.target.value })}
        error={Boolean(problem)}
        helperText={problem ?? undefined}
        sx={{ width, maxWidth: '100%' }}
        slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> }, formHelperText: { sx: { whiteSpace: 'normal' } } }}
      />
      <FormControlLabel control={<Checkbox size="small" checked={query.regex} onChange={(event) => onChange({ ...query, regex: event.target.checked })} />} label="Regular expression" />
      <FormControlLabel control={<Checkbox size="small" checked={query.caseSensitive} onChange={(event) => onChange({ ...query, caseSensitive: event.target.checked })} />} label="Match case" />
    </Box>
  );
}
