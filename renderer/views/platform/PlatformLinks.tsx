import { useState } from 'react';
import { Alert, Button, Snackbar, Stack, Tooltip } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { managerUrl, rpcapUrl } from './platformLinks';

interface Copied {
  severity: 'success' | 'error';
  message: string;
}

/** The AP Manager's web page and the remote capture address for Wireshark. */
export function PlatformLinks({ address }: { address: string }) {
  const [copied, setCopied] = useState<Copied>({ severity: 'success', message: '' });
  const [open, setOpen] = useState(false);
  const rpcap = rpcapUrl(address);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(rpcap);
      setCopied({ severity: 'success', message: `Copied ${rpcap}. Enable RPCAP in the AP Manager (Diagnostics) first, and disable it after testing.` });
      setOpen(true);
    } catch {
      setCopied({ severity: 'error', message: `Could not copy to the clipboard. Select ${rpcap} and copy it by hand.` });
      setOpen(true);
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
      <Button variant="outlined" size="small" component="a" href={managerUrl(address)} target="_blank" rel="noopener noreferrer" endIcon={<OpenInNewIcon />}>
        Open AP Manager
      </Button>
      <Tooltip describeChild title="For Wireshark's remote capture: Capture, Options, Manage Interfaces, Remote Interfaces">
        <Button variant="outlined" size="small" startIcon={<ContentCopyIcon />} onClick={() => void copy()} sx={{ textTransform: 'none' }}>
          Copy {rpcap}
        </Button>
      </Tooltip>
      <Snackbar open={open} autoHideDuration={8000} onClose={() => setOpen(false)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity={copied.severity} variant="filled" onClose={() => setOpen(false)} sx={{ width: '100%' }}>
          {copied.message}
        </Alert>
      </Snackbar>
    </Stack>
  );
}
