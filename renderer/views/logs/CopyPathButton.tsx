import { useState } from 'react';
import { IconButton, Tooltip } from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';

/** Copies a local path to the clipboard; says so, or says to copy it by hand. */
export function CopyPathButton({ path }: { path: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(path);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2_500);
  };
  const title = state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy to the clipboard: select the path and copy it by hand' : 'Copy the path';
  return (
    <Tooltip title={title} open={state !== 'idle' ? true : undefined}>
      <IconButton size="small" aria-label={`Copy the path ${path}`} onClick={() => void copy()}>
        {state === 'copied' ? <CheckIcon fontSize="small" color="success" /> : <ContentCopyIcon fontSize="small" />}
      </IconButton>
    </Tooltip>
  );
}
