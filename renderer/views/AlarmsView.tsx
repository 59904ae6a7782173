import { Typography } from '@mui/material';
import NotificationsNoneIcon from '@mui/icons-material/NotificationsNone';
import { EmptyState } from '../components/EmptyState';
import { ViewHeader } from '../components/ViewHeader';

export function AlarmsView() {
  return (
    <>
      <ViewHeader title="Alarms" subtitle="Active alarms across the whole fleet, worst first." />
      <EmptyState icon={<NotificationsNoneIcon />} title="No alarms">
        <Typography>
          Alarms are raised from the polls of your App Platforms: a disk filling up, a standby that stopped streaming, a service
          that is down, a host key that changed. With no platforms in the fleet there is nothing to raise them yet.
        </Typography>
      </EmptyState>
    </>
  );
}
