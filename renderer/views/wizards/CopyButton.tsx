import { useState } from 'react';
import { IconButton, Tooltip } from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';

/** Copies a command or value to the clipboard; says so, or says to copy it by hand. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2_500);
  };
  const title = state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy to the clipboard: select the text and copy it by hand' : label;
  return (
    <Tooltip title={title} open={state !== 'idle' ? true : undefined}>
      <IconButton size="small" aria-label={label} onClick={() => void copy()}>
        {state === 'copied' ? <CheckIcon fontSize="small" color="success" /> : <ContentCopyIcon fontSize="small" />}
      </IconButton>
    </Tooltip>
  );
}
