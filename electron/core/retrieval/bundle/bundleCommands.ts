import { AP_PATHS } from '../../platform/platformPaths';

/** A command whose output goes into the bundle as `commands/<name>.txt`. Its output comes back over the root shell: nothing is written on the platform. */
export interface BundleCommand {
  name: string;
  argv: readonly string[];
}

const INSTANCES_SQL = `SELECT d.datname AS database, r.rolname AS owner, pg_database_size(d.oid) AS bytes, pg_size_pretty(pg_database_size(d.oid)) AS size
  FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE NOT d.datistemplate ORDER BY 3 DESC, 1`;

/** psql as root, as the wiki's procedures run it: no pager, no history, no psqlrc. */
const psql = (...args: string[]) => ['env', 'PAGER=cat', 'PSQL_HISTORY=/dev/null', 'psql', '-X', '-d', 'manager', ...args];

export const BUNDLE_COMMANDS: readonly BundleCommand[] = [
  { name: 'df', argv: ['df', '-h'] },
  { name: 'df-data', argv: ['df', '-kP', AP_PATHS.dataMount] },
  { name: 'mounts', argv: ['cat', '/proc/mounts'] },
  // procps knows -eww -o (full command lines); busybox ps w shows its own columns.
  { name: 'ps', argv: ['sh', '-c', 'ps -eww -o pid,ppid,user,etime,rss,args 2>/dev/null || ps w'] },
  { name: 'image-build', argv: ['cat', AP_PATHS.label] },
  { name: 'instances', argv: psql('-c', INSTANCES_SQL) },
  {
    name: 'replication',
    argv: psql('-x', '-c', 'SELECT pg_is_in_recovery() AS standby, now() AS at', '-c', 'SELECT * FROM pg_stat_replication', '-c', 'SELECT * FROM pg_replication_slots', '-c', 'SELECT * FROM pg_stat_wal_receiver'),
  },
];

export const COMMAND_TIMEOUT_MS = 30_000;
