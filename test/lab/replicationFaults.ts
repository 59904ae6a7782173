import { PGDATA } from './initScripts';
import { inPlatform } from './platformNamespace';
import { writeInPlatform } from './platformFilesRemote';
import { psqlAsPostgres, quoteLiteral } from './postgres';
import { REPLICATION_USER } from './replication';

const STANDBY_CONF = '/home/root/standby.conf';

/** The replication password a standby connects with (from the primary_conninfo pg_basebackup -R wrote). */
export async function replicationPassword(standby: string): Promise<string> {
  const { stdout } = await inPlatform(standby, ['cat', `${PGDATA}/postgresql.auto.conf`]);
  const password = /password=([^\s']+)/.exec(stdout)?.[1];
  if (!password) throw new Error(`${standby} has no replication password in postgresql.auto.conf`);
  return password;
}

async function promote(name: string): Promise<void> {
  await psqlAsPostgres(name, 'postgres', 'SELECT pg_promote(true, 60);\n');
  await inPlatform(name, ['rm', '-f', STANDBY_CONF]);
}

/** "Disable the replication" in a standby's AP Manager: its database is promoted and it runs standalone. */
export async function disableReplication(standby: string): Promise<void> {
  await promote(standby);
}

/** Replication type standby → primary in the AP Manager: promoted, with a slot for each other standby name (the entries it offers). */
export async function promoteToPrimary(standby: string, otherStandbyNames: readonly string[]): Promise<void> {
  await promote(standby);
  const slots = otherStandbyNames.map((n) => `SELECT pg_create_physical_replication_slot(${quoteLiteral(n)}) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ${quoteLiteral(n)});`);
  if (slots.length) await psqlAsPostgres(standby, 'postgres', `${slots.join('\n')}\n`);
}

/** Replication mode Standby with a host, a standby name and a password in the AP Manager: the whole cluster copied again from that primary. */
export async function attachStandby(standby: string, primaryAddress: string, standbyName: string, password: string): Promise<void> {
  const conninfo = `host=${primaryAddress} port=5432 user=${REPLICATION_USER} password=${password} sslmode=require application_name=${standbyName}`;
  await inPlatform(standby, ['/etc/init.d/S92manager', 'stop']);
  await inPlatform(standby, ['/etc/init.d/S50postgresql', 'stop'], { allowFailure: true });
  await inPlatform(standby, ['sh', '-ec', 'find "$1" -mindepth 1 -delete', 'sh', PGDATA]);
  await inPlatform(standby, ['runuser', '-u', 'postgres', '--', 'pg_basebackup', '-d', conninfo, '-D', PGDATA, '-R', '-S', standbyName, '-X', 'stream', '-c', 'fast']);
  await inPlatform(standby, ['/etc/init.d/S50postgresql', 'start']);
  await writeInPlatform(standby, STANDBY_CONF, `${JSON.stringify({ primary: primaryAddress, name: standbyName }, null, 2)}\n`);
  await inPlatform(standby, ['/etc/init.d/S92manager', 'start']);
}
