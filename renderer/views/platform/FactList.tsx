import type { ReactNode } from 'react';
import { Box, Tooltip, Typography } from '@mui/material';

export interface Fact {
  label: string;
  value: ReactNode;
  /** The full value where the shown one is shortened (long paths). */
  title?: string;
  /** Takes two columns: for sentences. */
  wide?: boolean;
}

/** Label and value pairs as a description list; values wrap instead of being cut. */
export function FactList({ facts, columns = 1 }: { facts: readonly Fact[]; columns?: 1 | 2 | 3 | 4 }) {
  return (
    <Box
      component="dl"
      sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', md: `repeat(${columns}, minmax(0, 1fr))` }, columnGap: 3, rowGap: 1.25 }}
    >
      {facts.map((fact) => (
        <Box key={fact.label} sx={{ minWidth: 0, gridColumn: fact.wide && columns > 1 ? { md: 'span 2' } : undefined }}>
          <Typography component="dt" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {fact.label}
          </Typography>
          <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            {fact.title ? (
              <Tooltip title={fact.title}>
                <span>{fact.value}</span>
              </Tooltip>
            ) : (
              fact.value
            )}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
