import { Box, Chip, Typography } from '@mui/material';

/** A size with a bar against the largest one and the engine's large flag, so the biggest stand out at a glance. */
export function SizeBar({ text, fraction, large }: { text: string; fraction: number; large: boolean }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, width: '100%', height: '100%' }}>
      <Box sx={{ flex: 1, height: 8, borderRadius: 1, bgcolor: 'action.hover', overflow: 'hidden' }} aria-hidden>
        <Box sx={{ width: `${Math.max(1, Math.round(fraction * 100))}%`, height: '100%', bgcolor: large ? 'warning.main' : 'primary.main' }} />
      </Box>
      <Typography variant="body2" sx={{ minWidth: 72, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
        {text}
      </Typography>
      <Box sx={{ width: 56, display: 'flex' }}>{large && <Chip size="small" color="warning" label="Large" />}</Box>
    </Box>
  );
}
