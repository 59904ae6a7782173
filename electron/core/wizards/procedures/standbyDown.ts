import { byteText, hoursText } from '../../format/byteText';
import { input } from '../wizardInputs';
import type { PlanContext, StepContext, WizardDefinition } from '../wizardTypes';
import { AP } from './apCommands';
import { serviceIs } from './stepChecks';
import {
  PRIMARY_PORT,
  addressOf,
  buildGate,
  hoursUntilFull,
  idsOf,
  inactiveSlots,
  nameOf,
  reachCommand,
  receiverText,
  replicationAlarmsOn,
  slotNameOn,
  streamingFrom,
  streamingNames,
  waitUntil,
} from './replicationChecks';
import type { WalSample } from './replicationChecks';

const REFERENCE = 'App Platform wiki: "App Platform replication", Failover: Standby down (admin-facts P14, 3b)';
const ALARMS = ['replication.slotInactive', 'replication.standbyMissing', 'replication.walRetained', 'replication.notStreaming', 'replication.roleMismatch'];

/** Which side is which: the primary is the one whose database serves standbys; found in the first step, guessed from the last status before. */
function sides(p: PlanContext): { primaryId: string; standbyId: string } {
  if (typeof p.data.primaryId === 'string' && typeof p.data.standbyId === 'string') return { primaryId: p.data.primaryId, standbyId: p.data.standbyId };
  const peer = idsOf(p, 'peer')[0] ?? p.platform.id;
  return p.status?.replication?.role === 'primary' ? { primaryId: p.platform.id, standbyId: peer } : { primaryId: peer, standbyId: p.platform.id };
}

const standbyName = (p: PlanContext) => (typeof p.data.standbyName === 'string' ? p.data.standbyName : p.inputs.standbyName?.trim() || 'the standby name');

async function streaming(ctx: StepContext) {
  const { primaryId } = sides(ctx);
  return streamingFrom(ctx, primaryId, [standbyName(ctx)]);
}

/** Whether the standby reaches the primary's PostgreSQL port (pg_isready answers 0 or 1 when something answers). */
async function reachesPrimary(ctx: StepContext): Promise<boolean> {
  const { primaryId, standbyId } = sides(ctx);
  const { code } = await ctx.exec(reachCommand(addressOf(ctx, primaryId)), { on: standbyId, quiet: true });
  return code === 0 || code === 1;
}

/** P14 "Standby down": fix the standby; if replication does not return, set it up again (full resync). */
export const standbyDown: WizardDefinition = {
  id: 'standby-down',
  title: 'Bring a standby back',
  summary:
    'A standby no longer replicates: find out why (reachable, PostgreSQL, WAL receiver, WAL kept on the primary and the time until its disk is full), start what stopped, restore the network, and if replication does not return, set the standby up again with a full resync.',
  reference: REFERENCE,
  alarmKinds: ALARMS,
  inputs: [
    input('peer', 'The other side of the replication', 'platform', {
      help: 'Started on the primary: the standby that is down. Started on the standby: its primary.',
    }),
    input('standbyName', 'Standby name', 'text', {
      required: false,
      help: 'The name the standby has in the primary\'s replication settings. Left empty, the console reads it from the standby or from the primary\'s only unused slot.',
    }),
  ],
  peerInputs: ['peer'],
  checkInputs: (p) => (idsOf(p, 'peer').length !== 1 ? 'Choose one other platform: the standby (when you start on the primary) or the primary (when you start on the standby).' : null),
  preconditions: [
    { label: 'Both platforms run an image with replication (110002 or later)', check: (ctx) => buildGate(ctx, [ctx.platform.id, ...idsOf(ctx, 'peer')]) },
    {
      label: 'One of the two is the primary',
      async check(ctx) {
        const peer = idsOf(ctx, 'peer')[0] ?? '';
        for (const id of [ctx.platform.id, peer]) {
          const { status } = await ctx.poll(id);
          if (status?.replication?.role === 'primary') return { ok: true, detail: `${nameOf(ctx, id)} is the primary.` };
        }
        return { ok: false, detail: `Neither ${ctx.platform.name} nor ${nameOf(ctx, peer)} answers as a primary. If the primary is down, run "Primary down" instead.` };
      },
    },
  ],
  steps: [
    {
      id: 'diagnose',
      title: 'Find out why the standby does not replicate',
      explanation:
        'Reads both sides: whether the standby can be reached, whether its PostgreSQL runs, its WAL receiver (pg_stat_wal_receiver), and on the primary the WAL kept for this standby and when the primary\'s disk would be full at the current rate. The primary keeps WAL for a standby until it fetches it: fix broken replications soon, before the primary\'s disk fills.',
      kind: 'check',
      commands: () => [],
      async run(ctx) {
        const peer = idsOf(ctx, 'peer')[0] ?? '';
        const own = await ctx.poll();
        const primaryId = own.status?.replication?.role === 'primary' ? ctx.platform.id : peer;
        const standbyId = primaryId === ctx.platform.id ? peer : ctx.platform.id;
        ctx.remember('primaryId', primaryId);
        ctx.remember('standbyId', standbyId);
        const standby = (await ctx.poll(standbyId)).status;
        const reach = standby?.reach.state ?? 'unknown';
        ctx.say(`Standby ${nameOf(ctx, standbyId)}: ${reach === 'ok' ? 'reachable over SSH' : `not reachable over SSH (${reach})`}.`);
        ctx.say(`PostgreSQL on the standby: ${standby?.services.postgres === true ? 'running' : standby?.services.postgres === false ? 'stopped' : 'unknown'}; manager: ${standby?.services.manager === true ? 'running' : standby?.services.manager === false ? 'stopped' : 'unknown'}.`);
        if (standby?.services.postgres) ctx.say(`WAL receiver: ${receiverText(standby.replication)}.`);
        const name = ctx.inputs.standbyName?.trim() || (reach === 'ok' && standby?.services.postgres ? await slotNameOn(ctx, standbyId) : null);
        const first = (await ctx.poll(primaryId)).status;
        const inactive = inactiveSlots(first?.replication);
        const chosen = name ?? (inactive.length === 1 ? (inactive[0]?.slotName ?? null) : null);
        if (chosen) ctx.remember('standbyName', chosen);
        else ctx.say(`The standby name could not be found (${inactive.length} unused slots on the primary); enter it as "Standby name".`);
        const slot = first?.replication?.role === 'primary' ? first.replication.slots.find((s) => s.slotName === chosen) : undefined;
        if (!slot) return ctx.say(`The primary has no replication slot named ${chosen ?? '(unknown)'}.`);
        ctx.say(`Slot ${slot.slotName} on the primary: ${slot.active ? 'in use' : 'not in use'}, keeping ${slot.retainedWalBytes !== null ? byteText(slot.retainedWalBytes) : 'an unknown amount'} of WAL${slot.walStatus ? ` (${slot.walStatus})` : ''}.`);
        if (slot.walStatus === 'lost') ctx.say('The WAL this standby needs is gone: it can only come back with a full resync.');
        const samples: WalSample[] = [{ at: Date.now(), bytes: slot.retainedWalBytes ?? 0 }];
        await ctx.sleep(5_000);
        const again = (await ctx.poll(primaryId)).status;
        const later = again?.replication?.role === 'primary' ? again.replication.slots.find((s) => s.slotName === chosen) : undefined;
        samples.push({ at: Date.now(), bytes: later?.retainedWalBytes ?? samples[0]?.bytes ?? 0 });
        const avail = again?.disk?.availBytes ?? null;
        const hours = avail === null ? null : hoursUntilFull(avail, samples);
        ctx.say(
          avail === null
            ? 'The primary\'s free space could not be read.'
            : hours === null
              ? `The primary has ${byteText(avail)} free; the kept WAL did not grow while the console watched.`
              : `The primary has ${byteText(avail)} free; at the current rate its disk is full in ${hoursText(hours)}.`,
        );
        if (hours !== null) ctx.remember('hoursUntilFull', Math.round(hours * 10) / 10);
      },
      async verify(ctx) {
        if (typeof ctx.data.standbyName !== 'string') return { ok: false, detail: 'The standby name is unknown.' };
        return { ok: true, detail: `${nameOf(ctx, sides(ctx).standbyId)} replicates as ${ctx.data.standbyName} from ${nameOf(ctx, sides(ctx).primaryId)}.` };
      },
      onFailure: 'Enter the standby name (as in the primary\'s AP Manager, Replication) and start the wizard again.',
    },
    {
      id: 'start-postgres',
      title: 'Start PostgreSQL on the standby',
      explanation: 'A standby replicates through its own PostgreSQL; when it stopped, starting it lets it reconnect and catch up with the WAL the primary kept.',
      kind: 'command',
      commands: (p) => [{ on: sides(p).standbyId, command: AP.postgresStart }],
      async skip(ctx) {
        const { status } = await ctx.poll(sides(ctx).standbyId);
        if (status?.reach.state !== 'ok') return `The standby cannot be reached over SSH (${status?.reach.state ?? 'unknown'}); the next steps deal with the network.`;
        return status.services.postgres === true ? 'PostgreSQL runs on the standby.' : null;
      },
      verify: (ctx) => serviceIs(ctx, 'postgres', true, { on: sides(ctx).standbyId }),
      onFailure: 'PostgreSQL did not start on the standby. Look at /var/log/apps/postgresql on it; if its disk is full, free space first; if its data is damaged, set the standby up again (the last steps).',
    },
    {
      id: 'start-manager',
      title: 'Start the manager on the standby',
      explanation: 'The AP Manager watches the replication on the standby and raises its alarms; it should run too.',
      kind: 'command',
      commands: (p) => [{ on: sides(p).standbyId, command: AP.managerStart }],
      async skip(ctx) {
        const { status } = await ctx.poll(sides(ctx).standbyId);
        if (status?.reach.state !== 'ok') return 'The standby cannot be reached over SSH.';
        return status.services.manager === true ? 'The manager runs on the standby.' : null;
      },
      verify: (ctx) => serviceIs(ctx, 'manager', true, { on: sides(ctx).standbyId, waitMs: 120_000 }),
      onFailure: 'The manager did not start on the standby. Look at /var/log/apps/manager; if it reports libcrypto.so.3, run "Manager does not start after an update".',
    },
    {
      id: 'check-network',
      title: 'Check the network from the standby to the primary',
      explanation: (p) => `From the standby, pg_isready tells whether the primary's PostgreSQL on ${addressOf(p, sides(p).primaryId)} port ${PRIMARY_PORT} answers.`,
      kind: 'check',
      commands: (p) => [{ on: sides(p).standbyId, command: reachCommand(addressOf(p, sides(p).primaryId)) }],
      async run(ctx) {
        const ok = (await streaming(ctx)).ok || (await reachesPrimary(ctx));
        ctx.remember('networkOk', ok);
        ctx.say(ok ? `The standby reaches the primary on port ${PRIMARY_PORT}.` : `The standby does not reach the primary on port ${PRIMARY_PORT}: the network must be restored.`);
      },
      verify: async (ctx) => ({ ok: true, detail: ctx.data.networkOk ? 'The network between standby and primary works.' : 'The standby does not reach the primary: restore the network in the next step.' }),
      onFailure: 'The standby could not be asked; check that it can be reached over SSH and resume.',
    },
    {
      id: 'restore-network',
      title: 'Restore the network between standby and primary',
      explanation: (p) =>
        `The standby must reach the primary's PostgreSQL on ${addressOf(p, sides(p).primaryId)} port ${PRIMARY_PORT} (fixed on the primary; a forwarded port is allowed). The console checks it from the standby with pg_isready.`,
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          `Open the path from ${nameOf(p, sides(p).standbyId)} to ${nameOf(p, sides(p).primaryId)} on TCP port ${PRIMARY_PORT}: firewalls, NAT forwards, VPN, routing.`,
          'If the standby uses another port, that port must be forwarded to 5432 on the primary.',
          'Confirm when done; the console checks the connection.',
        ],
        values: [
          { label: 'From (standby)', value: addressOf(p, sides(p).standbyId) },
          { label: 'To (primary)', value: addressOf(p, sides(p).primaryId) },
          { label: 'Port', value: PRIMARY_PORT },
        ],
      }),
      skip: async (ctx) => (ctx.data.networkOk === true ? `The standby reached the primary on port ${PRIMARY_PORT} already.` : null),
      async verify(ctx) {
        const ok = await reachesPrimary(ctx);
        return ok ? { ok, detail: `The standby reaches the primary on port ${PRIMARY_PORT}.` } : { ok, detail: `The standby still does not reach ${addressOf(ctx, sides(ctx).primaryId)} on port ${PRIMARY_PORT}.` };
      },
      onFailure: 'The standby still cannot reach the primary\'s PostgreSQL port. Check the firewall and forwards between them, then resume.',
    },
    {
      id: 'wait-replication',
      title: 'Wait for the replication to return',
      explanation: 'With PostgreSQL running and the network open, the standby reconnects by itself and fetches the WAL the primary kept. If it does not within 90 seconds, the next step sets it up again.',
      kind: 'check',
      commands: () => [],
      async run(ctx) {
        const found = await waitUntil(ctx, () => streaming(ctx), 90_000, 3_000);
        ctx.remember('streamingAgain', found.ok);
        ctx.say(found.ok ? found.detail : `${found.detail} The standby will be set up again.`);
      },
      verify: async (ctx) => ({ ok: true, detail: ctx.data.streamingAgain ? 'The standby streams again.' : 'Replication did not return: the standby needs a full resync.' }),
      onFailure: 'Resume to wait again.',
    },
    {
      id: 'rebuild-standby',
      title: 'Set the standby up again (full resync)',
      explanation:
        'The standby\'s copy cannot catch up (its WAL is gone or its data is damaged): set replication up again in its AP Manager. The standby then copies the whole database cluster from the primary, which takes time. On a standby all locally installed apps are removed.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          `Open the AP Manager of ${nameOf(p, sides(p).standbyId)} (https://${addressOf(p, sides(p).standbyId)}/), next to the settings button choose "Replication".`,
          'Set the mode to "Off" and save, then set it to "Standby" with the values below and save: the standby replicates the whole cluster from scratch.',
          'The password is the one the primary\'s AP Manager shows for this standby name (Replication); use it exactly as handed. Do not use a name another standby already has.',
        ],
        values: [
          { label: 'Mode', value: 'Standby' },
          { label: 'Host', value: addressOf(p, sides(p).primaryId) },
          { label: 'Port', value: PRIMARY_PORT },
          { label: 'Standby name', value: standbyName(p) },
          { label: 'Password', value: `as shown on ${nameOf(p, sides(p).primaryId)} for ${standbyName(p)}` },
        ],
      }),
      skip: async (ctx) => (ctx.data.streamingAgain === true ? 'The standby streams again: no resync needed.' : null),
      verify: (ctx) => waitUntil(ctx, () => streaming(ctx), 300_000, 3_000),
      onFailure: 'The standby does not stream after the resync. Check the standby name and password against the primary\'s replication settings, and that the standby\'s disk is at least as big as the primary\'s.',
    },
    {
      id: 'verify',
      title: 'Check that replication is healthy',
      explanation: 'The standby must stream from the primary and the replication alarms on both sides must have cleared.',
      kind: 'check',
      commands: () => [],
      async verify(ctx) {
        const { primaryId, standbyId } = sides(ctx);
        const stream = await waitUntil(ctx, () => streaming(ctx), 60_000);
        if (!stream.ok) return stream;
        const left = await waitUntil(
          ctx,
          async () => {
            const causes = [...(await replicationAlarmsOn(ctx, primaryId)), ...(await replicationAlarmsOn(ctx, standbyId))];
            return { ok: causes.length === 0, detail: causes.join(' ') };
          },
          60_000,
        );
        if (!left.ok) return { ok: false, detail: `Streaming, but alarms remain: ${left.detail}` };
        const { status } = await ctx.poll(primaryId);
        return { ok: true, detail: `${standbyName(ctx)} streams from ${nameOf(ctx, primaryId)} (${streamingNames(status?.replication).length} standby streaming) and the replication alarms have cleared.` };
      },
      onFailure: 'Replication alarms remain. Look at the alarm texts; if the standby lags, give it time to catch up and resume.',
    },
  ],
};
