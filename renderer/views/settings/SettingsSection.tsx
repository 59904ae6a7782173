import type { ReactNode } from 'react';
import { Box, Paper, Typography } from '@mui/material';

interface SettingsSectionProps {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** One titled Paper of the Settings screen; `id` is the anchor the section list jumps to. */
export function SettingsSection({ id, title, description, actions, children }: SettingsSectionProps) {
  const headingId = `${id}-heading`;
  return (
    <Paper component="section" id={id} aria-labelledby={headingId} variant="outlined" sx={{ p: 3, scrollMarginTop: 64 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: description ? 0.5 : 2 }}>
        <Typography id={headingId} variant="h2" component="h2" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {actions}
      </Box>
      {description && (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {description}
        </Typography>
      )}
      {children}
    </Paper>
  );
}
