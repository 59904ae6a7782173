import { byteText } from '../../format/byteText';
import { MASK, command, pipeline, secret, withErrors, writeTo } from '../remoteCommand';
import type { RemoteCommand } from '../remoteCommand';
import { input } from '../wizardInputs';
import type { PlanContext, StepContext, WizardDefinition } from '../wizardTypes';
import { COUNT_ROWS_SQL, conninfo, countDifferences, localPsql, parseDatabaseHost, readRowCounts, remotePsql, sqlIdent, sqlLiteral } from './externalDatabaseChecks';
import type { DatabaseHost } from './externalDatabaseChecks';
import { dataDisk, exists } from './stepChecks';

const DUMP = '/mnt/sda2/external-database.dump';

const instanceOf = (p: PlanContext) => p.status?.instances?.find((i) => i.database === p.inputs.database?.trim()) ?? null;
const database = (p: PlanContext) => p.inputs.database?.trim() ?? '';
const owner = (p: PlanContext) => instanceOf(p)?.owner ?? database(p);
const hostOf = (p: PlanContext): DatabaseHost => parseDatabaseHost(p.inputs.host ?? '') ?? { host: p.inputs.host ?? '', port: 5432, text: p.inputs.host ?? '' };
const admin = (p: PlanContext) => p.inputs.adminUser?.trim() || 'postgres';
const secretOf = (p: PlanContext, key: string) => p.secrets[key] ?? MASK;

const dumpCommand = (p: PlanContext) => writeTo(command('sudo', '-u', 'postgres', 'pg_dump', '-Fc', '-d', conninfo({ dbname: database(p) })), DUMP);

/** The statements the AP Manager runs to create an instance database (admin-facts P12), the password from a psql variable. */
function createStatements(p: PlanContext): string[] {
  const db = sqlIdent(database(p));
  const user = sqlIdent(owner(p));
  return [
    `CREATE DATABASE ${db} ENCODING 'UTF8';`,
    `CREATE USER ${user};`,
    `ALTER USER ${user} WITH PASSWORD :'owner_password';`,
    `GRANT ALL PRIVILEGES ON DATABASE ${db} TO ${user};`,
    `ALTER DATABASE ${db} OWNER TO ${user};`,
    `REVOKE CONNECT ON DATABASE ${db} FROM public;`,
  ];
}

function createCommand(p: PlanContext): RemoteCommand {
  const host = hostOf(p);
  return withErrors(
    pipeline(
      command('printf', '%s\\n', ...createStatements(p)),
      command('env', secret(`PGPASSWORD=${secretOf(p, 'adminPassword')}`), 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', secret(`owner_password=${secretOf(p, 'ownerPassword')}`), '-d', conninfo({ host: host.host, port: host.port, user: admin(p), dbname: 'postgres' }), '-f', '-'),
    ),
  );
}

function restoreCommand(p: PlanContext): RemoteCommand {
  const host = hostOf(p);
  return withErrors(command('env', secret(`PGPASSWORD=${secretOf(p, 'ownerPassword')}`), 'pg_restore', '--no-owner', '--no-privileges', '--exit-on-error', '-d', conninfo({ host: host.host, port: host.port, user: owner(p), dbname: database(p) }), DUMP));
}

const adminQuery = (p: PlanContext, sql: string) => remotePsql(hostOf(p), admin(p), secretOf(p, 'adminPassword'), 'postgres', sql);
const ownerQuery = (p: PlanContext, sql: string) => remotePsql(hostOf(p), owner(p), secretOf(p, 'ownerPassword'), database(p), sql);
const ownerOfTargetSql = (p: PlanContext) => `SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database WHERE datname = ${sqlLiteral(database(p))}`;

async function sourceCounts(ctx: StepContext, quiet = true) {
  const { code, output } = await ctx.exec(withErrors(localPsql(database(ctx), COUNT_ROWS_SQL)), { quiet });
  if (code !== 0) throw new Error(`The row counts of ${database(ctx)} could not be read on the App Platform: ${output.trim().split('\n').pop() ?? ''}`);
  return readRowCounts(output);
}

async function targetCounts(ctx: StepContext, quiet = true): Promise<Record<string, number> | null> {
  const { code, output } = await ctx.exec(withErrors(ownerQuery(ctx, COUNT_ROWS_SQL)), { quiet });
  return code === 0 ? readRowCounts(output) : null;
}

/** The owner of the database on the external host; null when there is none, undefined when the host cannot be asked. */
async function targetOwner(ctx: StepContext): Promise<string | null | undefined> {
  const { code, output } = await ctx.exec(withErrors(adminQuery(ctx, ownerOfTargetSql(ctx))), { quiet: true });
  if (code !== 0) return undefined;
  return output.trim().split('\n')[0]?.trim() || null;
}

async function compare(ctx: StepContext, quiet: boolean) {
  const source = await sourceCounts(ctx, quiet);
  const target = await targetCounts(ctx, quiet);
  if (!target) return { ok: false, detail: `The console could not read ${database(ctx)} on ${hostOf(ctx).text} as ${owner(ctx)}.` };
  const differences = countDifferences(source, target);
  const tables = Object.keys(source).length;
  return differences.length === 0
    ? { ok: true, detail: `All ${tables} tables have the same row counts on the App Platform and on ${hostOf(ctx).text} (${Object.entries(source).map(([t, n]) => `${t}: ${n}`).join(', ')}).` }
    : { ok: false, detail: `The row counts differ: ${differences.join('; ')}.` };
}

/** P12: move an instance database to an external PostgreSQL host. */
export const externalDatabase: WizardDefinition = {
  id: 'external-database',
  title: 'Move an instance database to an external host',
  summary: 'Dump the instance database on the App Platform, create the database and its owner on the external PostgreSQL host as the AP Manager does, restore it there, compare the row counts table by table, then enter the new database settings on the instance.',
  reference: 'App Platform wiki: "Move instance DB to external host" (admin-facts P12)',
  alarmKinds: [],
  inputs: [
    input('database', 'Instance database', 'text', { help: 'The database of the instance to move, as the Instances tab shows it (<domain>_<instance>).' }),
    input('host', 'External database host', 'text', { help: 'A DNS name, IPv4 or IPv6 address, with an optional :port (5432 by default; [IPv6]:port).' }),
    input('adminUser', 'Administrator on the external host', 'text', { required: false, defaultValue: 'postgres', help: 'A PostgreSQL superuser there (usually postgres): it creates the database and its owner and hands the database over.' }),
    input('adminPassword', 'Administrator password', 'secret'),
    input('ownerPassword', 'Password for the database owner', 'secret', { help: 'The new owner of the database on the external host gets this password; you enter it on the instance in the last step. Use a long random one.' }),
  ],
  checkInputs(p) {
    if (!parseDatabaseHost(p.inputs.host ?? '')) return `"${p.inputs.host ?? ''}" is not a host name or address with an optional :port.`;
    if (!p.status?.instances) return 'The console does not know the instances of this platform yet: poll it first, then choose the database.';
    if (!instanceOf(p)) return `${p.platform.name} has no instance database "${database(p)}". Choose one of: ${p.status.instances.map((i) => i.database).join(', ') || 'none'}.`;
    return null;
  },
  preconditions: [
    {
      label: 'The instance database is on the App Platform',
      async check(ctx) {
        const { status } = await ctx.poll();
        const found = status?.instances?.find((i) => i.database === database(ctx));
        if (!found) return { ok: false, detail: `There is no database ${database(ctx)} on ${ctx.platform.name} now.` };
        const df = await dataDisk(ctx);
        return df.availableBytes > found.bytes
          ? { ok: true, detail: `${found.database} (${byteText(found.bytes)}, owner ${found.owner}); ${byteText(df.availableBytes)} free for the dump.` }
          : { ok: false, detail: `${found.database} is ${byteText(found.bytes)} but only ${byteText(df.availableBytes)} are free on /mnt/sda2 for the dump. Free disk space first.` };
      },
    },
  ],
  steps: [
    {
      id: 'count-source',
      title: 'Count the rows on the App Platform',
      explanation: (p) => `Counts the rows of every table of ${database(p)}, to compare them with the external host after the restore.`,
      kind: 'check',
      commands: (p) => [{ command: localPsql(database(p), COUNT_ROWS_SQL) }],
      async run(ctx) {
        const counts = await sourceCounts(ctx, false);
        ctx.remember('sourceTables', Object.keys(counts).length);
      },
      verify: async (ctx) => ({ ok: true, detail: `${database(ctx)} has ${String(ctx.data.sourceTables)} tables.` }),
      onFailure: 'PostgreSQL on the App Platform did not answer; check that it runs (/etc/init.d/S50postgresql restart).',
    },
    {
      id: 'reach-external',
      title: 'Log in to the external host',
      explanation: (p) => `Logs in to ${hostOf(p).text} as ${admin(p)} from the App Platform, the way the instance will connect, and checks that ${database(p)} is not there with data already.`,
      kind: 'check',
      commands: (p) => [{ command: withErrors(adminQuery(p, 'SELECT version()')) }],
      async run(ctx) {
        await ctx.must(withErrors(adminQuery(ctx, 'SELECT version()')));
      },
      async verify(ctx) {
        const existing = await targetOwner(ctx);
        if (existing === undefined) return { ok: false, detail: `${admin(ctx)} cannot query ${hostOf(ctx).text}.` };
        if (existing === null) return { ok: true, detail: `${hostOf(ctx).text} answers and has no database ${database(ctx)} yet.` };
        const counts = existing === owner(ctx) ? await targetCounts(ctx) : null;
        if (counts && Object.keys(counts).length === 0) return { ok: true, detail: `${hostOf(ctx).text} has an empty database ${database(ctx)} owned by ${existing}; it is used.` };
        return { ok: false, detail: `${hostOf(ctx).text} has a database ${database(ctx)} already (owner ${existing}${counts ? `, ${Object.keys(counts).length} tables` : ''}). Nothing is overwritten: drop it there yourself, or use another host.` };
      },
      onFailure: 'Check the host, the port, the administrator and its password, and that the external host accepts connections from the App Platform (its pg_hba.conf and listen_addresses).',
    },
    {
      id: 'dump',
      title: 'Dump the instance database',
      explanation: (p) => `pg_dump -Fc as postgres writes ${database(p)} to ${DUMP} on the App Platform. Stop the instance in the AP Manager first if nothing may change after the dump.`,
      kind: 'command',
      commands: (p) => [{ command: dumpCommand(p) }],
      async verify(ctx) {
        const { code, output } = await ctx.exec(command('pg_restore', '-l', DUMP), { quiet: true });
        const tables = output.split('\n').filter((l) => l.includes(' TABLE DATA ')).length;
        const size = Number((await ctx.exec(command('stat', '-c', '%s', DUMP), { quiet: true })).output.trim());
        return code === 0 ? { ok: true, detail: `${DUMP}: ${byteText(size)}, ${tables} tables with data.` } : { ok: false, detail: `${DUMP} is not a readable dump.` };
      },
      onFailure: 'pg_dump failed; its message is above. Check the free space on /mnt/sda2 and that PostgreSQL runs.',
    },
    {
      id: 'create',
      title: 'Create the database and its owner on the external host',
      explanation: (p) => `As the AP Manager does: database ${database(p)} (UTF8), user ${owner(p)} with the password you gave, all privileges, ownership, and no CONNECT for public.`,
      kind: 'command',
      idempotent: false,
      commands: (p) => [{ command: createCommand(p) }],
      async skip(ctx) {
        return (await targetOwner(ctx)) === owner(ctx) ? `${database(ctx)} exists on ${hostOf(ctx).text} already, owned by ${owner(ctx)}.` : null;
      },
      async verify(ctx) {
        const existing = await targetOwner(ctx);
        if (existing !== owner(ctx)) return { ok: false, detail: `${database(ctx)} on ${hostOf(ctx).text} is ${existing ? `owned by ${existing}` : 'not there'}.` };
        const login = await ctx.exec(withErrors(ownerQuery(ctx, 'SELECT current_user')), { quiet: true });
        return login.code === 0 ? { ok: true, detail: `${database(ctx)} is owned by ${owner(ctx)}, who can log in with the new password.` } : { ok: false, detail: `${owner(ctx)} cannot log in to ${database(ctx)}: ${login.output.trim().split('\n').pop() ?? ''}` };
      },
      onFailure: 'Creating the database failed; the message is above. A user of the same name may exist there already: choose another host or remove it there.',
    },
    {
      id: 'restore',
      title: 'Restore the dump on the external host',
      explanation: (p) => `pg_restore loads ${DUMP} into ${database(p)} on ${hostOf(p).text} as ${owner(p)}, so every table belongs to the new owner.`,
      kind: 'command',
      destructive: true,
      idempotent: false,
      commands: (p) => [{ command: restoreCommand(p) }],
      verify: (ctx) => compare(ctx, true),
      onFailure: 'pg_restore stopped at the first error (above). Drop the database on the external host and run the wizard again.',
    },
    {
      id: 'compare',
      title: 'Compare the row counts',
      explanation: 'Counts every table on both sides, table by table.',
      kind: 'check',
      commands: (p) => [{ command: localPsql(database(p), COUNT_ROWS_SQL) }, { command: ownerQuery(p, COUNT_ROWS_SQL) }],
      verify: (ctx) => compare(ctx, false),
      onFailure: 'If the instance kept running, data written after the dump is missing: stop the instance, then start the wizard again on an empty external database.',
    },
    {
      id: 'remove-dump',
      title: 'Remove the dump file',
      explanation: `${DUMP} is not needed any more; the data is on the external host.`,
      kind: 'command',
      commands: () => [{ command: command('rm', '-f', DUMP) }],
      verify: async (ctx) => ((await exists(ctx, DUMP)) ? { ok: false, detail: `${DUMP} is still there.` } : { ok: true, detail: `${DUMP} is removed.` }),
      onFailure: `Remove ${DUMP} by hand.`,
    },
    {
      id: 'instance-settings',
      title: 'Enter the database settings on the instance',
      explanation: 'In the AP Manager, the instance now gets the external database. The local database is still created but not used. External databases are backed up as usual, but the AP Manager cannot restore such a backup on the external host.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          `In the AP Manager, open the instance of ${database(p)}${instanceOf(p)?.domain ? ` (${instanceOf(p)?.domain}/${instanceOf(p)?.instance ?? ''})` : ''}.`,
          'Enter the database host, name, user and password below and save.',
          'Start the instance and check that the app works.',
        ],
        values: [
          { label: 'Database host', value: hostOf(p).text },
          { label: 'Database name', value: database(p) },
          { label: 'Database user', value: owner(p) },
          { label: 'Database password', value: `${MASK} (the owner password you entered)` },
        ],
      }),
      verify: async (ctx) => ({ ok: true, detail: `You entered ${hostOf(ctx).text} on the instance; the console does not read the instance's database settings.` }),
      onFailure: 'Check the values on the instance and the connection from the App Platform to the external host.',
    },
  ],
};
