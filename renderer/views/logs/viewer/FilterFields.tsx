import { Autocomplete, Box, TextField } from '@mui/material';
import type { ViewerFilterForm } from './searchForm';

/** Time range (from, to) and which files, for search and timeline. */
export function FilterFields({ form, onChange, files, problem }: { form: ViewerFilterForm; onChange(form: ViewerFilterForm): void; files: readonly string[]; problem: string | null }) {
  return (
    <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <TextField
        size="small"
        type="datetime-local"
        label="From"
        value={form.from}
        onChange={(event) => onChange({ ...form, from: event.target.value })}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 1 } }}
        error={Boolean(problem)}
        sx={{ width: 230 }}
      />
      <TextField
        size="small"
        type="datetime-local"
        label="To"
        value={form.to}
        onChange={(event) => onChange({ ...form, to: event.target.value })}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 1 } }}
        error={Boolean(problem)}
        helperText={problem ?? undefined}
        sx={{ width: 230, '& .MuiFormHelperText-root': { whiteSpace: 'normal' } }}
      />
      <Autocomplete
        multiple
        size="small"
        options={files as string[]}
        value={form.files as string[]}
        onChange={(_event, value) => onChange({ ...form, files: value })}
        limitTags={2}
        renderInput={(params) => <TextField {...params} label="Only these files" placeholder={form.files.length ? '' : 'All text files'} />}
        sx={{ flex: 1, minWidth: 280 }}
        slotProps={{ listbox: { sx: { fontFamily: 'monospace', fontSize: '0.85rem' } } }}
      />
    </Box>
  );
}
