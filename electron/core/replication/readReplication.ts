import { ConnectError } from '../connect/connectError';
import type { PlatformDatabase } from '../connect/pg/databaseTypes';
import { MIN_SERVER_VERSION_NUM, SERVER_VERSION_STATEMENT, replicationStatement } from './replicationQueries';
import { StateRow, VersionRow, replicationFromRow, serverVersion } from './replicationRows';
import type { ReplicationHints } from './replicationRows';
import type { ReplicationState } from './replicationState';

export type { ReplicationHints } from './replicationRows';

/**
 * Reads the replication state of one server: its version first, then one statement built for that
 * version. Works on either side of a replication group through any route of PlatformDatabase.
 */
export async function readReplication(db: PlatformDatabase, hints: ReplicationHints): Promise<ReplicationState> {
  const [versionRow] = await db.query(SERVER_VERSION_STATEMENT, [], VersionRow);
  if (!versionRow) throw new ConnectError('protocol', 'PostgreSQL returned no server version. Read the replication state again.');
  const version = serverVersion(versionRow);
  if (version.num < MIN_SERVER_VERSION_NUM) {
    throw new ConnectError(
      'remote_failed',
      `PostgreSQL ${version.text} is older than 10, which the console does not read replication state from. App Platform replication needs image 110002 or later: update the platform's image.`,
      { reason: 'unsupported_version', serverVersionNum: version.num },
    );
  }
  const [row] = await db.query(replicationStatement(version.num), [], StateRow);
  if (!row) throw new ConnectError('protocol', 'PostgreSQL returned no replication state row. Read the replication state again.');
  return replicationFromRow(version, row, hints);
}
