import type { ReactNode } from 'react';
import DnsIcon from '@mui/icons-material/Dns';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import AutoFixHighIcon from '@mui/icons-material/AutoFixHigh';
import ArticleIcon from '@mui/icons-material/Article';
import SettingsIcon from '@mui/icons-material/Settings';
import type { ViewId } from '../store/navigationStore';

export const NAV_ITEMS: ReadonlyArray<{ view: ViewId; label: string; icon: ReactNode }> = [
  { view: 'fleet', label: 'Fleet', icon: <DnsIcon /> },
  { view: 'alarms', label: 'Alarms', icon: <NotificationsActiveIcon /> },
  { view: 'wizards', label: 'Wizards', icon: <AutoFixHighIcon /> },
  { view: 'logs', label: 'Logs', icon: <ArticleIcon /> },
  { view: 'settings', label: 'Settings', icon: <SettingsIcon /> },
];
