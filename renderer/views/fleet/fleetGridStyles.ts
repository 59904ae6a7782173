import { alpha } from '@mui/material/styles';
import type { Theme } from '@mui/material/styles';

export const SITE_ROW_CLASS = 'fleet-site-row';
export const SITE_CELL_CLASS = 'fleet-site-cell';

/** A palette color dark enough for small text on light paper and light enough on dark paper. */
const readable = (theme: Theme, tone: 'warning' | 'error' | 'success') => (theme.palette.mode === 'dark' ? theme.palette[tone].light : theme.palette[tone].dark);

/**
 * One stylesheet for every cell of the grid. The cells themselves are plain elements with these classes:
 * thousands of them mount while the user types, and per-cell styled components would cost more than the filter.
 */
export const fleetGridSx = (theme: Theme) => ({
  '& .MuiDataGrid-row': { cursor: 'pointer' },
  [`& .${SITE_ROW_CLASS}`]: { backgroundColor: theme.palette.action.hover },
  [`& .${SITE_ROW_CLASS}:hover`]: { backgroundColor: theme.palette.action.selected },
  [`& .${SITE_CELL_CLASS}`]: { display: 'flex', alignItems: 'center', justifyContent: 'flex-start', paddingLeft: theme.spacing(0.5) },
  '& .MuiDataGrid-cell:focus, & .MuiDataGrid-cell:focus-within': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: -2 },
  '& .fc-check': { width: 18, height: 18, margin: 0, cursor: 'pointer', accentColor: theme.palette.primary.main, colorScheme: theme.palette.mode },
  '& .fc-check:focus-visible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 2 },
  '& .fc-sr': { border: 0, clip: 'rect(0 0 0 0)', height: 1, margin: -1, overflow: 'hidden', padding: 0, position: 'absolute', whiteSpace: 'nowrap', width: 1 },
  '& .fc-two': { minWidth: 0, width: '100%', lineHeight: 1.3 },
  '& .fc-line': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  '& .fc-strong': { fontWeight: 600 },
  '& .fc-sub': { fontSize: theme.typography.caption.fontSize, color: theme.palette.text.secondary },
  '& .fc-muted': { color: theme.palette.text.secondary },
  '& .fc-warning': { color: readable(theme, 'warning'), fontWeight: 600 },
  '& .fc-critical': { color: readable(theme, 'error'), fontWeight: 700 },
  '& .fc-severity': { fontSize: theme.typography.caption.fontSize, fontWeight: 700 },
  '& .fc-icon': { width: 20, height: 20, flexShrink: 0, fill: 'currentColor' },
  '& .fc-status': { display: 'inline-flex', alignItems: 'center' },
  '& .fc-status--ok': { color: theme.palette.success.main },
  '& .fc-status--warning': { color: theme.palette.warning.main },
  '& .fc-status--critical': { color: theme.palette.error.main },
  '& .fc-status--unreachable': { color: theme.palette.text.secondary },
  '& .fc-status--unknown': { color: theme.palette.text.disabled },
  '& .fc-bar': { height: 6, borderRadius: 3, overflow: 'hidden', backgroundColor: alpha(theme.palette.primary.main, 0.25) },
  '& .fc-bar > div': { height: '100%', backgroundColor: theme.palette.primary.main },
  '& .fc-bar--warning': { backgroundColor: alpha(theme.palette.warning.main, 0.25) },
  '& .fc-bar--warning > div': { backgroundColor: theme.palette.warning.main },
  '& .fc-bar--error': { backgroundColor: alpha(theme.palette.error.main, 0.25) },
  '& .fc-bar--error > div': { backgroundColor: theme.palette.error.main },
  '& .fc-bar-label': { marginTop: 2, fontSize: theme.typography.caption.fontSize, lineHeight: 1.4, color: theme.palette.text.secondary, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  '& .fc-bar-label--alert': { color: theme.palette.text.primary, fontWeight: 600 },
  '& .fc-site': { display: 'flex', alignItems: 'center', gap: theme.spacing(1), minWidth: 0, width: '100%' },
  '& .fc-site-name': { fontWeight: 700, whiteSpace: 'nowrap' },
  '& .fc-site-counts': { marginLeft: 'auto', paddingRight: theme.spacing(1), whiteSpace: 'nowrap', color: theme.palette.text.secondary },
  '& .fc-site-counts--trouble': { color: readable(theme, 'error'), fontWeight: 600 },
  '& .fc-toggle': {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: 30,
    height: 30,
    padding: 0,
    border: 0,
    borderRadius: '50%',
    background: 'none',
    color: theme.palette.action.active,
    cursor: 'pointer',
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
});
