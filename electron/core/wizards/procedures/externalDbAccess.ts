import { command, glob, pipeline, withErrors, writeTo } from '../remoteCommand';
import { input } from '../wizardInputs';
import type { PlanContext, StepContext, WizardDefinition } from '../wizardTypes';
import { AP } from './apCommands';
import { backupPath, HBA_BACKUP_PREFIX, HBA_METHODS, HBA_RULES_SQL, hbaComment, hbaLine, hbaRuleProblem, hasRule, newestBackup, PG_HBA, readHbaRules } from './externalDbAccessChecks';
import type { HbaRule } from './externalDbAccessChecks';
import { serviceIs } from './stepChecks';

const WARNING = 'I do this on my own responsibility, I know a wrong pg_hba.conf may break the database server, and the original is backed up first';
const rulesQuery = command('sudo', '-u', 'postgres', 'psql', '-X', '-At', '-F', '|', '-d', 'postgres', '-c', HBA_RULES_SQL);
const NEW_FILE = `${PG_HBA}.new`;

const restoring = (p: PlanContext) => p.inputs.mode === 'restore';
const ruleOf = (p: PlanContext): HbaRule => ({
  address: p.inputs.address?.trim() ?? '',
  database: p.inputs.database?.trim() ?? '',
  user: p.inputs.user?.trim() ?? '',
  method: (p.inputs.method ?? 'scram-sha-256') as HbaRule['method'],
});
const backupOf = (p: PlanContext) => (typeof p.data.backup === 'string' ? p.data.backup : backupPath(new Date()));
const addedAt = (p: PlanContext) => (typeof p.data.addedAt === 'string' ? new Date(p.data.addedAt) : new Date());

/** The rule and its comment go first, so they apply before any broader rule; writing through cat keeps the file's owner and mode. */
const addCommands = (p: PlanContext) => [
  { command: writeTo(pipeline(command('printf', '%s\\n', hbaComment(addedAt(p)), hbaLine(ruleOf(p))), command('cat', '-', PG_HBA)), NEW_FILE) },
  { command: writeTo(command('cat', NEW_FILE), PG_HBA) },
  { command: command('rm', '-f', NEW_FILE) },
];

async function fileRules(ctx: StepContext) {
  return readHbaRules((await ctx.must(rulesQuery, { quiet: true })).output);
}

const sameFiles = async (ctx: StepContext, a: string, b: string) => (await ctx.exec(command('cmp', '-s', a, b), { quiet: true })).code === 0;

/** P19: let a client from outside reach PostgreSQL, and put the original pg_hba.conf back. */
export const externalDbAccess: WizardDefinition = {
  id: 'external-db-access',
  title: 'Allow external database access',
  summary: 'Backs up /mnt/sda2/pgsql/pg_hba.conf, adds one rule for a client from outside and restarts PostgreSQL; or puts the original pg_hba.conf back.',
  reference: 'App Platform wiki: "External PostgreSQL access" (admin-facts P19)',
  alarmKinds: [],
  inputs: [
    input('mode', 'What to do', 'choice', {
      options: [{ value: 'allow', label: 'Allow a client from outside' }, { value: 'restore', label: 'Restore the original pg_hba.conf' }],
      required: false,
      defaultValue: 'allow',
      help: 'The wiki prefers your own local app with local database access; open PostgreSQL to the outside only when you must.',
    }),
    input('address', 'Client address with prefix length', 'text', { required: false, help: 'The address the client connects from, e.g. 192.0.2.10/32 for one host or 192.0.2.0/24 for a network.' }),
    input('database', 'Database', 'text', { required: false, help: 'An instance database (e.g. example.com_app1) or "all".' }),
    input('user', 'Database user', 'text', { required: false, help: 'The user the client logs in as (e.g. example.com_app1) or "all".' }),
    input('method', 'Login method', 'choice', { required: false, options: HBA_METHODS.map((m) => ({ value: m, label: m })), defaultValue: 'scram-sha-256' }),
    input('attest', WARNING, 'attest', { help: 'The wiki: "do this on your own responsibility … create a backup of the original pg_hba.conf … you may break your database server".' }),
  ],
  checkInputs: (p) => (restoring(p) ? null : hbaRuleProblem({ ...ruleOf(p), method: p.inputs.method ?? 'scram-sha-256' })),
  preconditions: [
    {
      label: 'PostgreSQL reads its pg_hba.conf',
      async check(ctx) {
        if (restoring(ctx)) return { ok: true, detail: 'Restoring works also when PostgreSQL does not start because of the file.' };
        const { code, output } = await ctx.exec(rulesQuery, { quiet: true });
        if (code !== 0) return { ok: false, detail: `PostgreSQL did not answer (${output.trim().slice(0, 200)}). Start it first (/etc/init.d/S50postgresql restart).` };
        const rules = readHbaRules(output);
        const broken = rules.filter((r) => r.error);
        return broken.length === 0
          ? { ok: true, detail: `${PG_HBA} holds ${rules.length} rules.` }
          : { ok: false, detail: `${PG_HBA} has errors already (line ${broken.map((r) => `${r.line}: ${r.error}`).join('; ')}). Fix them or restore a backup first.` };
      },
    },
  ],
  steps: [
    {
      id: 'look',
      title: 'Read the current rules',
      explanation: 'Shows the rules PostgreSQL reads from pg_hba.conf now. By default only local users and the replication users may log in; requests from outside are declined.',
      kind: 'check',
      commands: () => [{ command: command('cat', PG_HBA) }],
      async run(ctx) {
        await ctx.must(command('cat', PG_HBA));
        if (!restoring(ctx)) ctx.say(`The rule to add: ${hbaLine(ruleOf(ctx))}`);
      },
      verify: async (ctx) => ({ ok: true, detail: `PostgreSQL reads ${(await fileRules(ctx)).length} rules.` }),
      onFailure: `${PG_HBA} could not be read. Check that /mnt/sda2 is mounted.`,
    },
    {
      id: 'backup',
      title: 'Back up pg_hba.conf',
      explanation: (p) => `Copies the original to ${backupOf(p)} beside it, so it can be put back (run this wizard again with "Restore the original pg_hba.conf").`,
      kind: 'command',
      commands: (p) => [{ command: command('cp', '-p', PG_HBA, backupOf(p)) }],
      skip: async (ctx) => (restoring(ctx) ? 'Restoring: the current file is replaced by a backup.' : null),
      async run(ctx) {
        const at = new Date();
        ctx.remember('backup', backupPath(at));
        ctx.remember('addedAt', at.toISOString());
        await ctx.must(command('cp', '-p', PG_HBA, backupPath(at)));
      },
      async verify(ctx) {
        const backup = backupOf(ctx);
        return (await sameFiles(ctx, PG_HBA, backup)) ? { ok: true, detail: `The original is kept as ${backup}.` } : { ok: false, detail: `${backup} is missing or differs from ${PG_HBA}.` };
      },
      onFailure: 'Nothing was changed. Check the free space on /mnt/sda2 (df -h) and try again.',
    },
    {
      id: 'add-rule',
      title: 'Add the rule',
      explanation: (p) => `Writes "${hbaLine(ruleOf(p))}" at the top of pg_hba.conf, so it applies before the default rules. It lets ${ruleOf(p).user} log in to ${ruleOf(p).database} from ${ruleOf(p).address} with a password.`,
      kind: 'command',
      destructive: true,
      commands: (p) => (restoring(p) ? [] : addCommands(p)),
      async skip(ctx) {
        if (restoring(ctx)) return 'Restoring: no rule is added.';
        const { code } = await ctx.exec(command('grep', '-qxF', hbaLine(ruleOf(ctx)), PG_HBA), { quiet: true });
        return code === 0 ? `${PG_HBA} holds this rule already.` : null;
      },
      async verify(ctx) {
        const { code } = await ctx.exec(command('grep', '-qxF', hbaLine(ruleOf(ctx)), PG_HBA), { quiet: true });
        return code === 0 ? { ok: true, detail: `${PG_HBA} holds the rule.` } : { ok: false, detail: `The rule is not in ${PG_HBA}.` };
      },
      onFailure: `The file could not be written. Restore the backup (${HBA_BACKUP_PREFIX}…) with this wizard's restore mode before you restart PostgreSQL.`,
    },
    {
      id: 'find-backup',
      title: 'Find the backup',
      explanation: `Looks for the newest ${HBA_BACKUP_PREFIX}… copy this wizard made.`,
      kind: 'check',
      commands: (p) => (restoring(p) ? [{ command: withErrors(command('ls', '-1', glob(`${HBA_BACKUP_PREFIX}*`))) }] : []),
      skip: async (ctx) => (restoring(ctx) ? null : 'Adding a rule: no backup is restored.'),
      async run(ctx) {
        const { output } = await ctx.exec(withErrors(command('ls', '-1', glob(`${HBA_BACKUP_PREFIX}*`))));
        const found = newestBackup(output);
        if (found) ctx.remember('restoreFrom', found);
      },
      verify: async (ctx) =>
        typeof ctx.data.restoreFrom === 'string'
          ? { ok: true, detail: `The newest backup is ${ctx.data.restoreFrom}.` }
          : { ok: false, detail: `There is no ${HBA_BACKUP_PREFIX}… file on the platform.` },
      onFailure: 'Without a backup the original cannot be put back: edit pg_hba.conf by hand as root and remove the lines you added, then restart PostgreSQL.',
    },
    {
      id: 'restore',
      title: 'Put the original back',
      explanation: (p) => `Writes the backup ${typeof p.data.restoreFrom === 'string' ? p.data.restoreFrom : '(the newest one)'} over ${PG_HBA}; the file keeps its owner and mode.`,
      kind: 'command',
      destructive: true,
      commands: (p) => (restoring(p) && typeof p.data.restoreFrom === 'string' ? [{ command: writeTo(command('cat', p.data.restoreFrom), PG_HBA) }] : []),
      skip: async (ctx) => (restoring(ctx) ? null : 'Adding a rule: nothing is restored.'),
      async verify(ctx) {
        const from = String(ctx.data.restoreFrom);
        return (await sameFiles(ctx, PG_HBA, from)) ? { ok: true, detail: `${PG_HBA} is the original again (${from}).` } : { ok: false, detail: `${PG_HBA} differs from ${from}.` };
      },
      onFailure: 'The file could not be written. Check that /mnt/sda2 is not read-only, then resume.',
    },
    {
      id: 'restart-postgres',
      title: 'Restart PostgreSQL',
      explanation: 'PostgreSQL reads pg_hba.conf when it starts. The apps lose their database connections for a moment.',
      kind: 'command',
      commands: () => [{ command: AP.postgresRestart }],
      verify: (ctx) => serviceIs(ctx, 'postgres', true),
      onFailure: 'PostgreSQL did not start: the file may be wrong. Run this wizard with "Restore the original pg_hba.conf", and look at /var/log/apps/postgresql.',
    },
    {
      id: 'check-rules',
      title: 'Check the rules PostgreSQL uses',
      explanation: (p) => (restoring(p) ? 'pg_hba_file_rules must show the original rules, without errors.' : 'pg_hba_file_rules must show the new rule, without errors. Then try the connection from the client.'),
      kind: 'check',
      commands: () => [{ command: rulesQuery }],
      run: async (ctx) => void (await ctx.must(rulesQuery)),
      async verify(ctx) {
        const rules = await fileRules(ctx);
        const broken = rules.filter((r) => r.error);
        if (broken.length > 0) return { ok: false, detail: `PostgreSQL reports errors in pg_hba.conf: ${broken.map((r) => `line ${r.line}: ${r.error}`).join('; ')}.` };
        if (restoring(ctx)) return { ok: true, detail: `PostgreSQL uses the original ${rules.length} rules again.` };
        return hasRule(rules, ruleOf(ctx))
          ? { ok: true, detail: `PostgreSQL accepts ${ruleOf(ctx).user} on ${ruleOf(ctx).database} from ${ruleOf(ctx).address}. Connect from the client to try it.` }
          : { ok: false, detail: 'PostgreSQL does not show the new rule.' };
      },
      onFailure: 'Run this wizard with "Restore the original pg_hba.conf" to go back to the working file.',
    },
    {
      id: 'apps',
      title: 'Check the apps',
      explanation: 'If the apps misbehave after the change, the wiki says: stop the manager, restart PostgreSQL, start the manager. This step does that only when the AP Manager does not answer.',
      kind: 'command',
      commands: () => [{ command: AP.managerStop }, { command: AP.postgresRestart }, { command: AP.managerStart }],
      async skip(ctx) {
        const https = await serviceIs(ctx, 'managerHttps', true, { waitMs: 10_000 });
        return https.ok ? `${https.detail} The apps need no restart.` : null;
      },
      verify: (ctx) => serviceIs(ctx, 'managerHttps', true, { waitMs: 120_000 }),
      onFailure: 'The apps did not come back. Restore the original pg_hba.conf with this wizard, then look at /var/log/apps/manager.',
    },
  ],
};
