import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useEffect } from 'react';
import { useAppInfo } from '../store/appInfoStore';

export function AboutDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { info, error, loadInfo } = useAppInfo();
  useEffect(() => {
    if (open) void loadInfo();
  }, [open, loadInfo]);

  const rows: Array<[string, string]> = info
    ? [
        ['Version', info.version],
        ['Running as', info.mode === 'electron' ? 'Desktop app (Electron)' : 'Web mode (browser)'],
        ['Electron', info.versions.electron ?? 'not used in web mode'],
        ['Chromium', info.versions.chrome ?? browserVersion()],
        ['Node.js', info.versions.node],
        ['V8', info.versions.v8],
        ['Operating system', `${info.platform} (${info.arch})`],
        ['Data folder', info.dataDir],
      ]
    : [];

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="about-title">
      <DialogTitle id="about-title">About {info?.name ?? 'AP Console'}</DialogTitle>
      <DialogContent>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          Administration of innovaphone App Platforms across customer sites.
        </Typography>
        {error && <Alert severity="error">{error}</Alert>}
        {info && (
          <Table size="small" aria-label="Versions">
            <TableBody>
              {rows.map(([label, value]) => (
                <TableRow key={label}>
                  <TableCell component="th" scope="row" sx={{ width: 170, fontWeight: 600 }}>
                    {label}
                  </TableCell>
                  <TableCell sx={{ wordBreak: 'break-all' }} data-testid={`about-${label.toLowerCase().replace(/\W+/g, '-')}`}>
                    {value}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function browserVersion(): string {
  const match = /(?:Chrome|Chromium|Firefox|Version)\/([\d.]+)/.exec(navigator.userAgent);
  return match ? `${match[1]} (this browser)` : 'this browser';
}
