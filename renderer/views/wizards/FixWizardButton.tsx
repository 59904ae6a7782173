import { Button } from '@mui/material';
import AutoFixHighIcon from '@mui/icons-material/AutoFixHigh';
import { isWizardId } from './wizardTypes';
import { useWizards } from '../../store/wizardStore';
import { wizardName } from '../platform/wizardNames';

/** "Fix: …" on an alarm: opens the start dialog of its wizard for its platform (the screen shows it with StartWizardHost). */
export function FixWizardButton({ wizardId, platformId, tabIndex }: { wizardId: string; platformId: string; tabIndex?: 0 | -1 }) {
  const requestStart = useWizards((s) => s.requestStart);
  const titles = useWizards((s) => s.catalog);
  if (!isWizardId(wizardId)) return null;
  const name = wizardName(wizardId, titles);
  return (
    <Button
      size="small"
      variant="outlined"
      startIcon={<AutoFixHighIcon />}
      tabIndex={tabIndex}
      onClick={() => requestStart({ wizardId, platformId })}
      sx={{ textTransform: 'none', py: 0, lineHeight: 1.6, textAlign: 'left' }}
    >
      Fix: {name}
    </Button>
  );
}
