import type { ReactNode } from 'react';
import { Box, Paper, Typography } from '@mui/material';

interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  children: ReactNode;
}

export function EmptyState({ icon, title, children }: EmptyStateProps) {
  return (
    <Paper variant="outlined" sx={{ p: 5, maxWidth: 760, mx: 'auto', mt: 6, textAlign: 'center' }}>
      <Box sx={{ color: 'primary.main', '& svg': { fontSize: 56 } }} aria-hidden>
        {icon}
      </Box>
      <Typography variant="h2" component="h2" sx={{ mt: 1.5, mb: 1.5 }}>
        {title}
      </Typography>
      <Box sx={{ color: 'text.secondary', textAlign: 'left', '& p': { mb: 1.5 } }}>{children}</Box>
    </Paper>
  );
}
