import { Typography } from '@mui/material';
import AutoFixHighIcon from '@mui/icons-material/AutoFixHigh';
import { EmptyState } from '../components/EmptyState';
import { ViewHeader } from '../components/ViewHeader';

export function WizardsView() {
  return (
    <>
      <ViewHeader title="Wizards" subtitle="The App Platform wiki's recovery procedures, run step by step." />
      <EmptyState icon={<AutoFixHighIcon />} title="No wizard runs">
        <Typography>
          A recovery wizard always runs on one platform: it checks the platform first, shows every command before it runs, asks
          before anything destructive, and records each step in the audit log. Wizard runs and their progress appear here.
        </Typography>
      </EmptyState>
    </>
  );
}
