import { useState } from 'react';
import { Alert, Button, FormControl, InputLabel, MenuItem, Select, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import type { Params } from '../../../electron/core/contract';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';
import { downloadText } from './downloadText';

type ExportParams = Params<'fleet.export'>;

/** The inventory as a CSV or JSON file: vault references only, never a password. */
export function ExportPanel() {
  const [format, setFormat] = useState<ExportParams['format']>('csv');
  const [delimiter, setDelimiter] = useState<NonNullable<ExportParams['delimiter']>>(';');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const { text, fileName } = await api.call('fleet.export', format === 'csv' ? { format, delimiter } : { format });
      downloadText(text, fileName, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
    } catch (problem) {
      setError(describeError(problem, 'export the fleet'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={2}>
      <Typography color="text.secondary">The file names vault entries but holds no password, so it can be shared with colleagues.</Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }}>
        <FormControl size="small" sx={{ minWidth: 160 }}>
          <InputLabel id="export-format-label">Format</InputLabel>
          <Select labelId="export-format-label" label="Format" value={format} onChange={(event) => setFormat(event.target.value as ExportParams['format'])}>
            <MenuItem value="csv">CSV (Excel)</MenuItem>
            <MenuItem value="json">JSON</MenuItem>
          </Select>
        </FormControl>
        {format === 'csv' && (
          <FormControl size="small" sx={{ minWidth: 160 }}>
            <InputLabel id="export-delimiter-label">Separator</InputLabel>
            <Select labelId="export-delimiter-label" label="Separator" value={delimiter} onChange={(event) => setDelimiter(event.target.value as NonNullable<ExportParams['delimiter']>)}>
              <MenuItem value=";">Semicolon ;</MenuItem>
              <MenuItem value=",">Comma ,</MenuItem>
            </Select>
          </FormControl>
        )}
        <Button variant="outlined" startIcon={<DownloadIcon />} onClick={() => void run()} disabled={busy}>
          Export the fleet
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}
