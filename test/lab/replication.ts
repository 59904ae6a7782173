import { randomBytes } from 'node:crypto';
import type { LabPlatform } from './lab';
import type { ReplicationGroupSpec } from './labSpec';
import { PGDATA } from './initScripts';
import { inPlatform } from './platformNamespace';
import { writeInPlatform } from './platformFilesRemote';
import { psqlAsPostgres, quoteLiteral } from './postgres';

export const REPLICATION_USER = 'replicator';

/**
 * Asynchronous streaming replication over TLS: a replication user and one physical slot per standby on the primary;
 * each standby rebuilt by pg_basebackup with its standby name as application_name, and /home/root/standby.conf.
 */
export async function setupReplication(group: ReplicationGroupSpec, platforms: readonly LabPlatform[]): Promise<string> {
  const primary = platforms.find((p) => p.name === group.primary);
  if (!primary) throw new Error(`replication primary ${group.primary} is not running`);
  const password = randomBytes(16).toString('hex');
  const slots = group.standbys.map((s) => `SELECT pg_create_physical_replication_slot(${quoteLiteral(s.standbyName)});`).join('\n');
  await psqlAsPostgres(primary.name, 'postgres', `CREATE ROLE ${REPLICATION_USER} REPLICATION LOGIN PASSWORD ${quoteLiteral(password)};\n${slots}\n`);
  for (const standby of group.standbys) {
    const conninfo = `host=${primary.address} port=5432 user=${REPLICATION_USER} password=${password} sslmode=require application_name=${standby.standbyName}`;
    await inPlatform(standby.platform, ['/etc/init.d/S92manager', 'stop']);
    await inPlatform(standby.platform, ['/etc/init.d/S50postgresql', 'stop']);
    await inPlatform(standby.platform, ['sh', '-ec', 'find "$1" -mindepth 1 -delete', 'sh', PGDATA]);
    await inPlatform(standby.platform, ['runuser', '-u', 'postgres', '--', 'pg_basebackup', '-d', conninfo, '-D', PGDATA, '-R', '-S', standby.standbyName, '-X', 'stream', '-c', 'fast']);
    await inPlatform(standby.platform, ['/etc/init.d/S50postgresql', 'start']);
    await writeInPlatform(standby.platform, '/home/root/standby.conf', `${JSON.stringify({ primary: primary.address, name: standby.standbyName }, null, 2)}\n`);
    await inPlatform(standby.platform, ['/etc/init.d/S92manager', 'start']);
  }
  return password;
}
