import { useState } from 'react';
import type { ReactNode } from 'react';
import { AppBar, Box, Drawer, IconButton, List, ListItem, ListItemButton, ListItemIcon, ListItemText, Toolbar, Tooltip, Typography } from '@mui/material';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import HubIcon from '@mui/icons-material/Hub';
import { useNavigation } from '../store/navigationStore';
import { AboutDialog } from './AboutDialog';
import { ConnectionBanner } from './ConnectionBanner';
import { NAV_ITEMS } from './navItems';
import { ThemeMenu } from './ThemeMenu';

const NAV_WIDTH = 220;

export function AppShell({ children }: { children: ReactNode }) {
  const { view: current, go } = useNavigation();
  const view = current === 'platform' ? 'fleet' : current;
  const [aboutOpen, setAboutOpen] = useState(false);

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" color="primary" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar variant="dense" sx={{ gap: 1 }}>
          <HubIcon aria-hidden />
          <Typography variant="h6" component="div" sx={{ flex: 1, fontWeight: 600 }}>
            AP Console
          </Typography>
          <ThemeMenu />
          <Tooltip title="About AP Console">
            <IconButton color="inherit" aria-label="About AP Console" onClick={() => setAboutOpen(true)}>
              <InfoOutlinedIcon />
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Drawer variant="permanent" sx={{ width: NAV_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: NAV_WIDTH, boxSizing: 'border-box' } }}>
        <Toolbar variant="dense" />
        <nav aria-label="Main">
          <List>
            {NAV_ITEMS.map((item) => (
              <ListItem key={item.view} disablePadding>
                <ListItemButton selected={item.view === view} aria-current={item.view === view ? 'page' : undefined} onClick={() => go(item.view)}>
                  <ListItemIcon>{item.icon}</ListItemIcon>
                  <ListItemText primary={item.label} />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <Toolbar variant="dense" />
        <ConnectionBanner />
        <Box sx={{ p: 3, flex: 1 }}>{children}</Box>
      </Box>
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
    </Box>
  );
}
