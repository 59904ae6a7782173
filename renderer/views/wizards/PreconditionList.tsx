import { Box, List, ListItem, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import type { PreconditionView } from './wizardTypes';

/** The wizard's preconditions: ok, failed or not checked yet, each with what was found. */
export function PreconditionList({ preconditions, label }: { preconditions: readonly PreconditionView[]; label: string }) {
  if (preconditions.length === 0) return <Typography color="text.secondary">This wizard has no preconditions.</Typography>;
  return (
    <List dense disablePadding aria-label={label}>
      {preconditions.map((p) => (
        <ListItem key={p.label} disableGutters alignItems="flex-start" sx={{ gap: 1 }}>
          <Box sx={{ mt: '2px' }}>
            {p.ok === true ? (
              <CheckCircleIcon color="success" fontSize="small" titleAccess="Met" />
            ) : p.ok === false ? (
              <CancelIcon color="error" fontSize="small" titleAccess="Not met" />
            ) : (
              <HelpOutlineIcon color="disabled" fontSize="small" titleAccess="Checked when the wizard starts" />
            )}
          </Box>
          <Box sx={{ minWidth: 0 }}>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {p.label}
            </Typography>
            {p.detail && (
              <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                {p.detail}
              </Typography>
            )}
          </Box>
        </ListItem>
      ))}
    </List>
  );
}
