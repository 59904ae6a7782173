import { Typography } from '@mui/material';
import ArticleIcon from '@mui/icons-material/Article';
import { EmptyState } from '../components/EmptyState';
import { ViewHeader } from '../components/ViewHeader';

export function LogsView() {
  return (
    <>
      <ViewHeader title="Logs" subtitle="Logs, core dumps and support bundles collected from your platforms." />
      <EmptyState icon={<ArticleIcon />} title="Nothing collected yet">
        <Typography>
          Logs and core dumps are fetched from a platform&apos;s /var/log, also when its web interface is down or its data
          partition is full. Support bundles you collect are kept in the console&apos;s data folder and can be read here without
          any connection.
        </Typography>
      </EmptyState>
    </>
  );
}
