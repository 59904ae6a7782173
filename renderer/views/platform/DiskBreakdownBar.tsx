import { Box, Tooltip, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import type { Theme } from '@mui/material/styles';
import type { DiskBreakdown, DiskPartKey } from './diskBreakdown';
import { formatBytes, formatPercent } from '../../format/bytes';

function colours(theme: Theme): Record<DiskPartKey, string> {
  return {
    pgsql: theme.palette.primary.main,
    logs: theme.palette.secondary.main,
    coreDumps: theme.palette.error.main,
    reserve: theme.palette.info.main,
    other: theme.palette.grey[theme.palette.mode === 'dark' ? 600 : 500],
    free: theme.palette.action.hover,
    filesystem: theme.palette.action.disabledBackground,
  };
}

/** The data partition as one bar of what fills it, with a legend that carries every figure as text. */
export function DiskBreakdownBar({ breakdown }: { breakdown: DiskBreakdown }) {
  const theme = useTheme();
  const colour = colours(theme);
  const drawn = breakdown.parts.filter((p) => p.bytes !== null && p.bytes > 0);
  const described = drawn.map((p) => `${p.label} ${formatBytes(p.bytes ?? 0)}`).join(', ');
  return (
    <Box>
      <Box
        role="img"
        aria-label={`Data partition of ${formatBytes(breakdown.sizeBytes)}: ${described}`}
        sx={{ display: 'flex', height: 28, borderRadius: 1, overflow: 'hidden', border: 1, borderColor: 'divider' }}
      >
        {drawn.map((p) => (
          <Tooltip key={p.key} describeChild title={`${p.label}: ${formatBytes(p.bytes ?? 0)} (${formatPercent(p.percent ?? 0)})`}>
            <Box aria-hidden sx={{ width: `${p.percent ?? 0}%`, minWidth: 2, bgcolor: colour[p.key] }} />
          </Tooltip>
        ))}
      </Box>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mt: 1.5, display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' }, gap: 1 }}>
        {breakdown.parts.map((p) => (
          <Box component="li" key={p.key} sx={{ display: 'flex', gap: 1, alignItems: 'baseline' }}>
            <Box aria-hidden sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: colour[p.key], border: 1, borderColor: 'divider', flexShrink: 0, alignSelf: 'center' }} />
            <Typography sx={{ flex: 1 }}>{p.label}</Typography>
            <Typography sx={{ fontVariantNumeric: 'tabular-nums', textAlign: 'right' }}>
              {p.bytes === null ? '—' : `${formatBytes(p.bytes)} (${formatPercent(p.percent ?? 0)})`}
              {p.note && (
                <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                  {p.note}
                </Typography>
              )}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
