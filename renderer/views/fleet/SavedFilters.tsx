import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Popover,
  TextField,
  Typography,
} from '@mui/material';
import BookmarkBorderIcon from '@mui/icons-material/BookmarkBorder';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import type { SavedFilter } from '../../../electron/core/contract';
import { useSettings } from '../../store/settingsStore';

const NO_FILTERS: readonly SavedFilter[] = [];
const MAX_SAVED = 50;
const MAX_NAME = 60;

/** Filters kept in the settings under a name: apply one, save the current one, delete one. */
export function SavedFilters({ query, onApply }: { query: string; onApply: (query: string) => void }) {
  const saved = useSettings((state) => state.settings?.savedFilters ?? NO_FILTERS);
  const loaded = useSettings((state) => state.settings !== null);
  const update = useSettings((state) => state.update);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const store = async (next: SavedFilter[]) => {
    const problem = await update({ savedFilters: next });
    setError(problem);
    return problem;
  };

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<BookmarkBorderIcon />}
        aria-haspopup="dialog"
        aria-expanded={anchor ? true : undefined}
        disabled={!loaded}
        onClick={(event) => {
          setError(null);
          setAnchor(event.currentTarget);
        }}
        sx={{ flexShrink: 0, height: 40 }}
      >
        Saved filters
      </Button>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { sx: { width: 380, maxHeight: 480 }, role: 'dialog', 'aria-label': 'Saved filters' } }}
      >
        {error && (
          <Alert severity="error" sx={{ m: 1 }}>
            {error}
          </Alert>
        )}
        {saved.length === 0 ? (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            No saved filters yet. Type a filter, then save it here under a name.
          </Typography>
        ) : (
          <List dense aria-label="Saved filters">
            {saved.map((filter) => (
              <ListItem
                key={filter.name}
                disablePadding
                secondaryAction={
                  <IconButton edge="end" aria-label={`Delete saved filter ${filter.name}`} onClick={() => void store(saved.filter((f) => f.name !== filter.name))}>
                    <DeleteOutlineIcon fontSize="small" />
                  </IconButton>
                }
              >
                <ListItemButton
                  selected={filter.query === query}
                  onClick={() => {
                    onApply(filter.query);
                    setAnchor(null);
                  }}
                >
                  <ListItemText primary={filter.name} secondary={filter.query || '(no filter: every platform)'} slotProps={{ secondary: { noWrap: true } }} />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        )}
        <Divider />
        <Box sx={{ p: 1, display: 'flex', justifyContent: 'flex-end' }}>
          <Button
            disabled={!query.trim() || saved.length >= MAX_SAVED}
            title={saved.length >= MAX_SAVED ? `At most ${MAX_SAVED} filters can be saved; delete one first.` : undefined}
            onClick={() => setSaving(true)}
          >
            Save current filter…
          </Button>
        </Box>
      </Popover>
      {saving && (
        <SaveFilterDialog
          query={query}
          existing={saved}
          onCancel={() => setSaving(false)}
          onSave={async (name) => {
            const problem = await store([...saved.filter((f) => f.name !== name), { name, query: query.trim() }]);
            if (!problem) setSaving(false);
            return problem;
          }}
        />
      )}
    </>
  );
}

function SaveFilterDialog({
  query,
  existing,
  onCancel,
  onSave,
}: {
  query: string;
  existing: readonly SavedFilter[];
  onCancel: () => void;
  onSave: (name: string) => Promise<string | null>;
}) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trimmed = name.trim();
  const replaces = existing.some((f) => f.name === trimmed);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed) return;
    setBusy(true);
    setProblem(await onSave(trimmed));
    setBusy(false);
  };

  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="xs" aria-labelledby="save-filter-title">
      <form onSubmit={(event) => void submit(event)}>
        <DialogTitle id="save-filter-title">Save filter</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2, wordBreak: 'break-word' }}>
            {query.trim()}
          </Typography>
          <TextField
            fullWidth
            label="Name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            helperText={replaces ? 'A saved filter with this name exists; saving replaces it.' : 'Shown in the list of saved filters.'}
            slotProps={{ htmlInput: { maxLength: MAX_NAME } }}
          />
          {problem && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {problem}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!trimmed || busy}>
            {replaces ? 'Replace' : 'Save'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
