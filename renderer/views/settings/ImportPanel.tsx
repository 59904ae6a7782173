import { useState } from 'react';
import type { ChangeEvent } from 'react';
import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import type { ImportReport, Params } from '../../../electron/core/contract';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';
import { useVault } from '../../store/vaultStore';
import { ImportPreview } from './ImportPreview';

type ImportParams = Params<'fleet.importPreview'>;
type SourceKind = ImportParams['source']['kind'];

const MAX_CSV_BYTES = 32 * 1024 * 1024;

interface CsvFile {
  name: string;
  text: string;
}

/** Brings sites and platforms in from a CSV file, a lab fleet file or an SSH config: preview first, then apply. */
export function ImportPanel() {
  const vaultUnlocked = useVault((state) => state.vault?.status === 'unlocked');
  const [kind, setKind] = useState<SourceKind>('csv');
  const [csv, setCsv] = useState<CsvFile | null>(null);
  const [labPath, setLabPath] = useState('');
  const [labSecretsPath, setLabSecretsPath] = useState('');
  const [labSecrets, setLabSecrets] = useState(false);
  const [sshPath, setSshPath] = useState('');
  const [sshSite, setSshSite] = useState('');
  const [preview, setPreview] = useState<{ params: ImportParams; report: ImportReport } | null>(null);
  const [applied, setApplied] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const paramsNow = (): ImportParams | string => {
    if (kind === 'csv') return csv ? { source: { kind: 'csv', text: csv.text } } : 'Choose a CSV file first.';
    if (kind === 'labFleet') {
      if (!labPath.trim()) return 'Enter the path of the lab fleet file (fleet.json).';
      const source = { kind: 'labFleet' as const, path: labPath.trim(), ...(labSecretsPath.trim() ? { secretsPath: labSecretsPath.trim() } : {}) };
      return { source, secrets: labSecrets && vaultUnlocked };
    }
    return { source: { kind: 'sshConfig', ...(sshPath.trim() ? { path: sshPath.trim() } : {}), ...(sshSite.trim() ? { site: sshSite.trim() } : {}) } };
  };

  const reset = () => {
    setPreview(null);
    setError(null);
  };
  /** Any change of the source drops the preview: it no longer shows what Apply would do. */
  const changed = <T,>(set: (value: T) => void, value: T) => {
    set(value);
    reset();
  };
  const runPreview = async () => {
    const params = paramsNow();
    setApplied(null);
    if (typeof params === 'string') return setError(params);
    setBusy(true);
    setError(null);
    try {
      setPreview({ params, report: await api.call('fleet.importPreview', params) });
    } catch (problem) {
      setPreview(null);
      setError(describeError(problem, 'read the import source'));
    } finally {
      setBusy(false);
    }
  };
  const runApply = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      setApplied(await api.call('fleet.importApply', preview.params));
      setPreview(null);
    } catch (problem) {
      setError(describeError(problem, 'import into the fleet'));
    } finally {
      setBusy(false);
    }
  };
  const pickCsv = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    reset();
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) return setError(`${file.name} is larger than 32 MiB. Split it into smaller files and import them one by one.`);
    try {
      setCsv({ name: file.name, text: await file.text() });
    } catch {
      setError(`Could not read ${file.name}. Check that the file is still there and readable, then choose it again.`);
    }
  };

  return (
    <Stack spacing={2}>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={kind}
        onChange={(_event, value: SourceKind | null) => {
          if (value) {
            setKind(value);
            reset();
          }
        }}
        aria-label="Import from"
      >
        <ToggleButton value="csv">CSV file</ToggleButton>
        <ToggleButton value="labFleet">Lab fleet file</ToggleButton>
        <ToggleButton value="sshConfig">SSH config</ToggleButton>
      </ToggleButtonGroup>

      {kind === 'csv' && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
            Choose CSV file
            <input hidden type="file" accept=".csv,text/csv" onChange={(event) => void pickCsv(event)} />
          </Button>
          <Typography color="text.secondary">{csv ? csv.name : 'As Excel saves it: ";" or "," separated, a header row naming the columns.'}</Typography>
        </Stack>
      )}
      {kind === 'labFleet' && (
        <Stack spacing={2} sx={{ maxWidth: 620 }}>
          <TextField label="Lab fleet file" placeholder="/path/to/fleet.json" size="small" value={labPath} onChange={(event) => changed(setLabPath, event.target.value)} helperText="A path on the computer the console engine runs on." />
          <TextField label="Secrets file (optional)" placeholder="fleet-secrets.json beside it" size="small" value={labSecretsPath} onChange={(event) => changed(setLabSecretsPath, event.target.value)} />
          <FormControlLabel
            control={<Checkbox checked={labSecrets && vaultUnlocked} disabled={!vaultUnlocked} onChange={(event) => changed(setLabSecrets, event.target.checked)} />}
            label={vaultUnlocked ? "Store the lab's passwords in the vault" : "Store the lab's passwords in the vault (unlock the vault first)"}
          />
        </Stack>
      )}
      {kind === 'sshConfig' && (
        <Stack spacing={2} sx={{ maxWidth: 620 }}>
          <TextField label="SSH config file (optional)" placeholder="~/.ssh/config" size="small" value={sshPath} onChange={(event) => changed(setSshPath, event.target.value)} helperText="Empty reads ~/.ssh/config of the user the console engine runs as." />
          <TextField label="Into site (optional)" placeholder="SSH config" size="small" value={sshSite} onChange={(event) => changed(setSshSite, event.target.value)} />
        </Stack>
      )}

      <Box>
        <Button variant="contained" onClick={() => void runPreview()} disabled={busy}>
          Preview import
        </Button>
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {preview && (
        <>
          <ImportPreview report={preview.report} />
          <Stack direction="row" spacing={2}>
            <Button variant="contained" onClick={() => void runApply()} disabled={busy || preview.report.added + preview.report.updated === 0}>
              Apply: add {preview.report.added}, update {preview.report.updated}
            </Button>
            <Button onClick={reset} disabled={busy}>
              Cancel
            </Button>
          </Stack>
        </>
      )}
      {applied && (
        <Alert severity="success" role="status">
          Imported: {applied.added} added, {applied.updated} updated, {applied.skipped} skipped
          {applied.secrets.count > 0 ? `, ${applied.secrets.count} passwords stored in the vault` : ''}. New platforms are polled on the next round;
          confirm their host keys under Host keys.
        </Alert>
      )}
    </Stack>
  );
}
