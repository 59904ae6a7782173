import { input } from '../wizardInputs';
import type { Finding, PlanContext, StepContext, WizardDefinition } from '../wizardTypes';
import { AP } from './apCommands';
import { PRIMARY_PORT, acceptsWrites, addressOf, bestStandby, buildGate, idsOf, nameOf, reachCommand, replicationAlarmsOn, slotNameOn, streamingFrom, waitUntil } from './replicationChecks';
import type { StandbyCandidate } from './replicationChecks';

const REFERENCE = 'App Platform wiki: "App Platform replication", Failover: Primary down, one or multiple standby servers, Configuration changes (admin-facts P14)';

const oldPrimary = (p: PlanContext) => idsOf(p, 'oldPrimary')[0] ?? '';
const candidates = (p: PlanContext) => [p.platform.id, ...idsOf(p, 'standbys').filter((id) => id !== oldPrimary(p))];
const newPrimary = (p: PlanContext) => (typeof p.data.newPrimaryId === 'string' ? p.data.newPrimaryId : p.platform.id);
const others = (p: PlanContext) => (Array.isArray(p.data.others) ? p.data.others : candidates(p).filter((id) => id !== newPrimary(p)));
const otherNames = (p: PlanContext) => (Array.isArray(p.data.otherNames) ? p.data.otherNames : others(p).map(() => 'its standby name'));
const single = (p: PlanContext) => others(p).length === 0;

/** Whether the old primary's PostgreSQL could take writes: reachable with PostgreSQL up and out of recovery, or answering on 5432 when SSH does not reach it. */
async function oldPrimaryFenced(ctx: StepContext): Promise<Finding> {
  const id = oldPrimary(ctx);
  const { status } = await ctx.poll(id);
  if (status?.reach.state === 'ok') {
    if (acceptsWrites(status)) return { ok: false, detail: `${nameOf(ctx, id)} still runs PostgreSQL as a primary and accepts writes: promoting now would make two primaries.` };
    if (status.services.postgres !== false) return { ok: false, detail: `Whether PostgreSQL runs on ${nameOf(ctx, id)} could not be read.` };
    return { ok: true, detail: `${nameOf(ctx, id)} is reachable and its PostgreSQL is stopped.` };
  }
  const { code } = await ctx.exec(reachCommand(addressOf(ctx, id)), { on: newPrimary(ctx), quiet: true });
  if (code === 0 || code === 1) return { ok: false, detail: `A PostgreSQL server still answers on ${addressOf(ctx, id)} port ${PRIMARY_PORT}: the old primary is not off. Power it off or disconnect it first.` };
  return { ok: true, detail: `${nameOf(ctx, id)} cannot be reached (over SSH nor on port ${PRIMARY_PORT}).` };
}

/** Whether a standby streams from the new primary and its receiver points at it. */
async function followsNewPrimary(ctx: StepContext): Promise<Finding> {
  const names = otherNames(ctx);
  const stream = await streamingFrom(ctx, newPrimary(ctx), names);
  if (!stream.ok) return stream;
  const address = addressOf(ctx, newPrimary(ctx));
  for (const id of others(ctx)) {
    const { status } = await ctx.poll(id);
    const r = status?.replication;
    const upstream = r?.role === 'standby' ? (r.receiver?.upstreamHost ?? null) : null;
    if (upstream !== address) return { ok: false, detail: `${nameOf(ctx, id)} receives from ${upstream ?? 'no primary'}, not from ${address}.` };
  }
  return { ok: true, detail: `${names.join(', ')} ${names.length === 1 ? 'streams' : 'stream'} from ${nameOf(ctx, newPrimary(ctx))}.` };
}

/** P14 "Primary down": no automatic failover; fence the old primary, promote the best standby, re-point the others, then the configuration changes. */
export const primaryDown: WizardDefinition = {
  id: 'primary-down',
  title: 'Fail over to a standby',
  summary:
    'The primary is down and cannot be brought back: fence it, make the standby with the most data the new primary (with one standby: disable its replication), point the other standbys to it, and change DNS, PBX and app configurations.',
  reference: REFERENCE,
  alarmKinds: ['replication.primaryUnreachable'],
  inputs: [
    input('oldPrimary', 'The primary that is down', 'platform'),
    input('standbys', 'The other standbys of this primary', 'platform', { required: false, help: 'Every other standby of the group (comma-separated); leave empty when this is the only standby.' }),
    input('primaryIsLost', 'The primary cannot be brought back to life', 'attest', { help: 'A failover cannot be undone: the old primary\'s data after the last replicated change are lost, and it must be set up as a standby again.' }),
  ],
  peerInputs: ['oldPrimary', 'standbys'],
  checkInputs(p) {
    if (idsOf(p, 'oldPrimary').length !== 1) return 'Choose the one primary that is down.';
    if (idsOf(p, 'standbys').includes(oldPrimary(p))) return 'The primary that is down cannot also be one of the standbys.';
    return null;
  },
  preconditions: [
    { label: 'Every standby runs an image with replication (110002 or later)', check: (ctx) => buildGate(ctx, candidates(ctx)) },
    {
      label: 'Every standby is still a standby (nothing promoted yet)',
      async check(ctx) {
        for (const id of candidates(ctx)) {
          const { status } = await ctx.poll(id);
          const r = status?.replication;
          if (!r) return { ok: false, detail: `The replication state of ${nameOf(ctx, id)} could not be read: PostgreSQL must run on every standby.` };
          if (r.role !== 'standby' || !r.inRecovery) return { ok: false, detail: `${nameOf(ctx, id)} is not in recovery: it was promoted already or is not a standby. Remove it from this wizard, or decide which primary stays (split brain).` };
        }
        return { ok: true, detail: `${candidates(ctx).map((id) => nameOf(ctx, id)).join(', ')} ${candidates(ctx).length === 1 ? 'is a standby' : 'are standbys'}.` };
      },
    },
  ],
  steps: [
    {
      id: 'choose',
      title: 'Choose the standby with the most data',
      explanation: 'Compares the WAL each standby received and replayed from the old primary: the one furthest ahead loses the least and becomes the new primary.',
      kind: 'check',
      commands: () => [],
      async run(ctx) {
        const found: StandbyCandidate[] = [];
        const names: Record<string, string | null> = {};
        for (const id of candidates(ctx)) {
          const r = (await ctx.poll(id)).status?.replication;
          const receiveLsn = r?.role === 'standby' ? r.receiveLsn : null;
          const replayLsn = r?.role === 'standby' ? r.replayLsn : null;
          names[id] = await slotNameOn(ctx, id);
          ctx.say(`${nameOf(ctx, id)} (standby name ${names[id] ?? 'unknown'}): received ${receiveLsn ?? 'unknown'}, replayed ${replayLsn ?? 'unknown'}.`);
          found.push({ id, name: nameOf(ctx, id), receiveLsn, replayLsn });
        }
        const best = bestStandby(found);
        if (!best) return ctx.say('No standby reported a WAL position.');
        const rest = candidates(ctx).filter((id) => id !== best.id);
        ctx.remember('newPrimaryId', best.id);
        ctx.remember('newPrimaryStandbyName', names[best.id] ?? null);
        ctx.remember('others', rest);
        ctx.remember('otherNames', rest.map((id) => names[id] ?? ''));
        ctx.say(`${best.name} is furthest ahead and becomes the new primary.`);
      },
      async verify(ctx) {
        if (typeof ctx.data.newPrimaryId !== 'string') return { ok: false, detail: 'No standby reported how much WAL it has.' };
        if (otherNames(ctx).some((n) => !n)) return { ok: false, detail: 'The standby name of a standby could not be read.' };
        return { ok: true, detail: `New primary: ${nameOf(ctx, newPrimary(ctx))}${single(ctx) ? ' (the only standby)' : `; re-pointed later: ${others(ctx).map((id) => nameOf(ctx, id)).join(', ')}`}.` };
      },
      onFailure: 'PostgreSQL must run on every standby to compare them. Start it there (wizard "Bring a standby back" does), then start this wizard again.',
    },
    {
      id: 'fence',
      title: 'Fence the old primary',
      explanation: (p) =>
        `Stops the manager and PostgreSQL on ${nameOf(p, oldPrimary(p))} so that it cannot take writes when it comes back: two primaries would let the data drift apart, and they cannot be merged.`,
      kind: 'command',
      destructive: true,
      commands: (p) => [
        { on: oldPrimary(p), command: AP.managerStop },
        { on: oldPrimary(p), command: AP.postgresStop },
      ],
      async skip(ctx) {
        const { status } = await ctx.poll(oldPrimary(ctx));
        return status?.reach.state === 'ok' ? null : `${nameOf(ctx, oldPrimary(ctx))} cannot be reached over SSH (${status?.reach.state ?? 'unknown'}): the next step switches it off by hand.`;
      },
      async run(ctx) {
        const on = oldPrimary(ctx);
        const { status } = await ctx.poll(on);
        if (status?.services.manager !== false) await ctx.must(AP.managerStop, { on });
        else ctx.say('The manager is stopped already.');
        if (status?.services.postgres !== false) await ctx.must(AP.postgresStop, { on });
        else ctx.say('PostgreSQL is stopped already.');
        ctx.remember('fencedOverSsh', true);
      },
      verify: (ctx) => oldPrimaryFenced(ctx),
      onFailure: 'The old primary could not be stopped. Power it off or disconnect it from the network (hypervisor or gateway), then resume.',
    },
    {
      id: 'power-off',
      title: 'Switch the old primary off',
      explanation: 'The console cannot reach the old primary to stop it: switch it off or disconnect it, so that it cannot come back as a second primary.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          `Power off ${nameOf(p, oldPrimary(p))} (hypervisor: shut down the VM; gateway: switch off or unplug the App Platform) or disconnect it from the network.`,
          'Do not start it again until it has been set up as a standby of the new primary.',
        ],
        values: [
          { label: 'Platform', value: nameOf(p, oldPrimary(p)) },
          { label: 'Address', value: addressOf(p, oldPrimary(p)) },
        ],
      }),
      skip: async (ctx) => (ctx.data.fencedOverSsh === true ? 'The console stopped the old primary\'s manager and PostgreSQL over SSH.' : null),
      verify: (ctx) => oldPrimaryFenced(ctx),
      onFailure: 'The old primary still answers. Switch it off or disconnect it, then resume.',
    },
    {
      id: 'no-second-primary',
      title: 'Make sure there will be one primary only',
      explanation: 'Promoting is refused while the old primary\'s PostgreSQL accepts writes or any other standby was promoted already.',
      kind: 'check',
      commands: () => [],
      async verify(ctx) {
        const fenced = await oldPrimaryFenced(ctx);
        if (!fenced.ok) return fenced;
        for (const id of candidates(ctx)) {
          if (id === newPrimary(ctx)) continue;
          if (acceptsWrites((await ctx.poll(id)).status)) return { ok: false, detail: `${nameOf(ctx, id)} accepts writes already: it would be a second primary.` };
        }
        return { ok: true, detail: `${fenced.detail} No other member accepts writes.` };
      },
      onFailure: 'Stop or disconnect the old primary (and any promoted standby) first; never run two primaries of one group.',
    },
    {
      id: 'promote',
      title: 'Make the chosen standby the primary',
      explanation: (p) =>
        single(p)
          ? `With one standby the wiki says: disable the replication on ${nameOf(p, newPrimary(p))}. It is then a standalone App Platform with all the data it replicated.`
          : `On ${nameOf(p, newPrimary(p))} change the replication type from standby to primary. The other standby entries must still exist there (they are offered automatically).`,
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: single(p)
          ? [`Open the AP Manager of ${nameOf(p, newPrimary(p))} (https://${addressOf(p, newPrimary(p))}/), next to the settings button choose "Replication".`, 'Set the mode to "Off" and save.']
          : [
              `Open the AP Manager of ${nameOf(p, newPrimary(p))} (https://${addressOf(p, newPrimary(p))}/), next to the settings button choose "Replication".`,
              'Change the mode from "Standby" to "Primary" and keep the standby entries it offers (listed below), then save.',
              'Note the password shown for each standby entry: the next step needs it.',
            ],
        values: [
          { label: 'Platform', value: nameOf(p, newPrimary(p)) },
          { label: 'Mode', value: single(p) ? 'Off' : 'Primary' },
          ...(single(p) ? [] : [{ label: 'Standby entries', value: otherNames(p).join(', ') }]),
        ],
      }),
      async verify(ctx) {
        const want = single(ctx) ? 'off' : 'primary';
        return waitUntil(
          ctx,
          async () => {
            const { status } = await ctx.poll(newPrimary(ctx));
            const r = status?.replication;
            if (!acceptsWrites(status) || !r) return { ok: false, detail: `${nameOf(ctx, newPrimary(ctx))} is still in recovery (not promoted).` };
            if (r.role === 'standby') return { ok: false, detail: `${nameOf(ctx, newPrimary(ctx))} was promoted but still has its standby configuration (/home/root/standby.conf).` };
            if (r.role !== want) return { ok: false, detail: `${nameOf(ctx, newPrimary(ctx))} is ${r.role === 'off' ? 'standalone without standby entries' : 'a primary'}, not ${want === 'off' ? 'standalone' : 'a primary'}.` };
            return { ok: true, detail: `${nameOf(ctx, newPrimary(ctx))} accepts writes as ${want === 'off' ? 'a standalone App Platform' : 'the new primary'}.` };
          },
          120_000,
        );
      },
      onFailure: 'The standby was not promoted. Check the replication settings in its AP Manager and save them again, then resume.',
    },
    {
      id: 'repoint',
      title: 'Point the other standbys to the new primary',
      explanation: 'On every other standby change the host entry to the new primary. Each one copies the whole database cluster again, which takes time.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          ...others(p).map((id) => `Open the AP Manager of ${nameOf(p, id)} (https://${addressOf(p, id)}/), "Replication": set Host to the new primary, keep the mode "Standby" and the standby name, enter the password the new primary shows for it, and save.`),
          'Do not configure the same standby name on two standbys.',
        ],
        values: [
          { label: 'Host', value: addressOf(p, newPrimary(p)) },
          { label: 'Port', value: PRIMARY_PORT },
          ...others(p).map((id, i) => ({ label: `Standby name on ${nameOf(p, id)}`, value: otherNames(p)[i] ?? '' })),
        ],
      }),
      skip: async (ctx) => (single(ctx) ? 'There are no other standbys.' : null),
      verify: (ctx) => waitUntil(ctx, () => followsNewPrimary(ctx), 300_000, 3_000),
      onFailure: 'A standby does not stream from the new primary. Check its host entry, standby name and password against the new primary\'s replication settings, then resume.',
    },
    {
      id: 'configuration',
      title: 'Tell the PBXes and apps about the new primary',
      explanation: 'Everything that used the old primary must now use the new one: DNS, every master PBX configuration, and every app configuration with its address.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          `Point the DNS name of the old primary to ${addressOf(p, newPrimary(p))} (use a short TTL so that clients notice soon).`,
          `Without DNS: replace ${addressOf(p, oldPrimary(p))} with ${addressOf(p, newPrimary(p))} in every master PBX configuration.`,
          'Replace it in every app configuration that uses it, e.g. the alarm server configuration Devices rolls out.',
          `In this console's inventory: ${nameOf(p, newPrimary(p))} is now ${single(p) ? 'standalone' : 'primary'}${single(p) ? '' : `, ${others(p).map((id) => nameOf(p, id)).join(', ')} its standbys`}; ${nameOf(p, oldPrimary(p))} stays off until it is set up as a standby again.`,
        ],
        values: [
          { label: 'Old address', value: addressOf(p, oldPrimary(p)) },
          { label: 'New primary', value: addressOf(p, newPrimary(p)) },
          { label: 'Expected role of the new primary', value: single(p) ? 'standalone' : 'primary' },
        ],
      }),
      async verify(ctx) {
        return waitUntil(
          ctx,
          async () => {
            const causes: string[] = [];
            for (const id of [newPrimary(ctx), ...others(ctx)]) causes.push(...(await replicationAlarmsOn(ctx, id)));
            return causes.length === 0 ? { ok: true, detail: `${nameOf(ctx, newPrimary(ctx))} serves as the primary and no replication alarm is left.` } : { ok: false, detail: causes.join(' ') };
          },
          60_000,
        );
      },
      onFailure: 'Replication alarms remain on the new group. If they say the role differs from the inventory, update the inventory as listed; otherwise follow the alarm texts and resume.',
    },
  ],
};
