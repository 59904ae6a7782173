import { command } from '../remoteCommand';
import type { StepContext, WizardDefinition } from '../wizardTypes';
import { AP } from './apCommands';
import { serviceIs } from './stepChecks';

const DELETE_SQL = "DELETE FROM config WHERE name='webserverCertificate'";
/** Only whether an uploaded certificate is stored, never its text: the value holds the private key. */
const COUNT_SQL = "SELECT count(*) FROM config WHERE name='webserverCertificate'";
const deleteCommand = command('psql', '-d', 'manager', '-c', DELETE_SQL);
const countCommand = command('psql', '-X', '-At', '-d', 'manager', '-c', COUNT_SQL);

async function uploadedCount(ctx: StepContext): Promise<number> {
  const { code, output } = await ctx.exec(countCommand, { quiet: true });
  const n = Number(output.trim().split('\n').pop());
  if (code !== 0 || !Number.isInteger(n)) throw new Error(`The manager database did not answer: ${output.trim().slice(0, 200)}`);
  return n;
}

const short = (sha: string) => (sha.length > 23 ? `${sha.slice(0, 23)}…` : sha);

/** P11: remove an uploaded webserver certificate so the platform serves its default one again. */
export const restoreCertificate: WizardDefinition = {
  id: 'restore-certificate',
  title: 'Restore the default webserver certificate',
  summary: 'The AP Manager has no button to go back once a certificate was uploaded: delete it from the manager database, restart the manager, and check that the webserver serves its default certificate.',
  reference: 'App Platform wiki: "Restore the default webserver certificate" (admin-facts P11)',
  alarmKinds: ['certificate.expiry'],
  inputs: [],
  preconditions: [
    {
      label: 'An uploaded certificate is stored',
      async check(ctx) {
        const n = await uploadedCount(ctx);
        return n > 0 ? { ok: true, detail: 'The manager database holds an uploaded webserver certificate.' } : { ok: false, detail: 'No uploaded certificate is stored: the platform serves its default certificate already. Upload a new certificate in the AP Manager if it needs one.' };
      },
    },
  ],
  steps: [
    {
      id: 'look',
      title: 'Note the certificate served now',
      explanation: 'The console keeps the fingerprint the webserver shows now, to compare it after the restart.',
      kind: 'check',
      commands: () => [],
      async run(ctx) {
        const { status } = await ctx.poll();
        const sha = status?.certificate?.sha256 ?? null;
        if (ctx.data.shaBefore === undefined) ctx.remember('shaBefore', sha);
        ctx.say(sha ? `Served now: SHA-256 ${sha}, valid until ${status?.certificate?.notAfter ?? '?'}.` : 'The webserver shows no certificate now (it does not answer over HTTPS).');
      },
      verify: async (ctx) => ({ ok: true, detail: typeof ctx.data.shaBefore === 'string' ? `Served now: ${short(ctx.data.shaBefore)}.` : 'The webserver does not answer over HTTPS now.' }),
      onFailure: 'The platform could not be polled. Check that it can be reached.',
    },
    {
      id: 'delete',
      title: 'Delete the uploaded certificate',
      explanation: 'Deletes the webserverCertificate entry from the manager database as root, as the wiki says. The uploaded certificate and its key are gone afterwards: keep a copy if you want to upload it again.',
      kind: 'command',
      destructive: true,
      commands: () => [{ command: deleteCommand }],
      verify: async (ctx) => ((await uploadedCount(ctx)) === 0 ? { ok: true, detail: 'The uploaded certificate is deleted.' } : { ok: false, detail: 'The manager database still holds an uploaded certificate.' }),
      onFailure: 'psql could not delete it. Check that PostgreSQL runs (/etc/init.d/S50postgresql restart) and that you are root.',
    },
    {
      id: 'restart-manager',
      title: 'Restart the manager',
      explanation: 'The webserver picks the certificate when the manager starts it.',
      kind: 'command',
      commands: () => [{ command: AP.managerRestart }],
      verify: (ctx) => serviceIs(ctx, 'managerHttps', true, { waitMs: 120_000 }),
      onFailure: 'The manager did not come back. Read /var/log/apps/manager/ and restart it again.',
    },
    {
      id: 'check-certificate',
      title: 'Check the certificate served',
      explanation: 'The webserver must now show another certificate: its default one. Its fingerprint changes, so confirm the new one on the platform page for the console to log in to the AP Manager again.',
      kind: 'check',
      commands: () => [],
      async verify(ctx) {
        const before = typeof ctx.data.shaBefore === 'string' ? ctx.data.shaBefore : null;
        const until = Date.now() + 30_000;
        for (;;) {
          const { status } = await ctx.poll();
          const now = status?.certificate?.sha256 ?? null;
          if (now && now !== before) {
            return {
              ok: true,
              detail: `The webserver serves its default certificate now: the fingerprint changed${before ? ` from ${short(before)}` : ''} to ${now}, as expected. Confirm the new fingerprint on the platform page so the console trusts it again.`,
            };
          }
          if (Date.now() > until) return { ok: false, detail: now ? `The webserver still serves the same certificate (${short(now)}).` : 'The webserver shows no certificate.' };
          await ctx.sleep(2_000);
        }
      },
      onFailure: 'Restart the manager once more (/etc/init.d/S92manager restart). If the certificate stays, check in the AP Manager (Settings, Current Webserver certificates) whether Let\'s Encrypt is on: it brings its own certificate.',
    },
  ],
};
