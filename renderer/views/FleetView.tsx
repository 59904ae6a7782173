import { Typography } from '@mui/material';
import DnsIcon from '@mui/icons-material/Dns';
import { EmptyState } from '../components/EmptyState';
import { ViewHeader } from '../components/ViewHeader';

export function FleetView() {
  return (
    <>
      <ViewHeader title="Fleet" subtitle="Every customer site and App Platform you look after." />
      <EmptyState icon={<DnsIcon />} title="No App Platforms yet">
        <Typography>
          Your fleet is made of customer sites, each with one or more App Platforms. The console reaches each platform over SSH as
          the <strong>admin</strong> user, so for every platform you need its address and the admin and root passwords (or an SSH key).
        </Typography>
        <Typography>
          Start by adding a site and its platforms, or bring in many at once from a CSV file, from the Host entries of your
          SSH config, or from a lab fleet file. Passwords go into the console&apos;s encrypted vault, never into exported files.
        </Typography>
        <Typography>
          Once a platform is in the fleet, the console polls it and shows its image build, disk use, instances and replication here.
        </Typography>
      </EmptyState>
    </>
  );
}
