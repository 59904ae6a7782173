import { createContext, useContext } from 'react';
import { Box, Button, Typography } from '@mui/material';

export interface FleetFilterState {
  query: string;
  clear(): void;
}

export const FleetFilterContext = createContext<FleetFilterState>({ query: '', clear: () => undefined });

/** The grid's overlay when the filter lets nothing through. */
export function NoMatchOverlay() {
  const { query, clear } = useContext(FleetFilterContext);
  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 1.5, p: 3, textAlign: 'center' }}>
      <Typography sx={{ wordBreak: 'break-word' }}>
        No platform matches <strong>{query.trim()}</strong>.
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Every word must match; check the spelling or the field names (site:, role:, build:, alarm:, tag:, state:).
      </Typography>
      <Button variant="outlined" onClick={clear}>
        Clear filter
      </Button>
    </Box>
  );
}
