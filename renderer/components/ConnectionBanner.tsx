import { Alert } from '@mui/material';
import { useConnection } from '../store/connectionStore';

export function ConnectionBanner() {
  const state = useConnection((s) => s.state);
  if (state !== 'closed') return null;
  return (
    <Alert severity="warning" square role="status">
      Lost the connection to the console engine. Reconnecting… If this lasts, check that "npm run web" is still running.
    </Alert>
  );
}
