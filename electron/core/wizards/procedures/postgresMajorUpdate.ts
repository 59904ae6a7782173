import { input } from '../wizardInputs';
import type { Finding, PlanContext, StepContext, WizardDefinition } from '../wizardTypes';
import { PRIMARY_PORT, acceptsWrites, addressOf, buildGate, idsOf, nameOf, replicationAlarmsOn, slotNameOn, streamingFrom, waitUntil } from './replicationChecks';

const REFERENCE = 'App Platform wiki: "App Platform replication", App Platform update with a new PostgreSQL major version (admin-facts P15, P20)';
const UPDATE_WAIT_MS = 15 * 60_000;

const standbys = (p: PlanContext) => idsOf(p, 'standbys');
const target = (p: PlanContext) => Number(p.inputs.targetBuild?.trim() ?? '');
const standbyNames = (p: PlanContext) => (Array.isArray(p.data.standbyNames) ? p.data.standbyNames : standbys(p).map(() => 'its standby name'));
const list = (p: PlanContext, ids: readonly string[]) => ids.map((id) => nameOf(p, id)).join(', ');

/** Whether each platform runs the new image with PostgreSQL and the AP Manager up again. */
async function updated(ctx: StepContext, ids: readonly string[]): Promise<Finding> {
  for (const id of ids) {
    const { status } = await ctx.poll(id);
    if (status?.build !== target(ctx)) return { ok: false, detail: `${nameOf(ctx, id)} runs image ${status?.build ?? 'unknown'}, not ${target(ctx)} yet.` };
    if (status.services.postgres !== true || status.services.managerHttps !== true) return { ok: false, detail: `${nameOf(ctx, id)} runs ${target(ctx)}, but PostgreSQL or the AP Manager is not up yet.` };
  }
  return { ok: true, detail: `${list(ctx, ids)} ${ids.length === 1 ? 'runs' : 'run'} image ${target(ctx)} with PostgreSQL and the AP Manager up.` };
}

function updateManual(p: PlanContext, ids: readonly string[]) {
  return {
    instructions: [
      'Make a full backup (VM) or at least back up all apps (gateway) first.',
      ...ids.map((id) => `Open the AP Manager of ${nameOf(p, id)} (https://${addressOf(p, id)}/) and start the update (Settings, "Update", or the update button at the top).`),
      'After download and verification the App Platform reboots; allow up to 10 minutes. https://<address>/manager/ramdisk.log shows the progress.',
    ],
    values: [{ label: 'Image build', value: String(target(p)) }, ...ids.map((id) => ({ label: 'Platform', value: `${nameOf(p, id)} (${addressOf(p, id)})` }))],
  };
}

/** P15: an update with a new PostgreSQL major version across a replication group, in the wiki's order. */
export const postgresMajorUpdate: WizardDefinition = {
  id: 'postgres-major-update',
  title: 'Update a replication group to a new PostgreSQL major version',
  summary:
    'A new image with a new PostgreSQL major version cannot be replicated across versions: deactivate replication on every standby, bring the AP Manager to the same version everywhere, update the primary, then the standbys, and reactivate replication (a full resync).',
  reference: REFERENCE,
  alarmKinds: [],
  inputs: [
    input('standbys', 'The standbys of this primary', 'platform', { help: 'Every standby of the group, comma-separated.' }),
    input('targetBuild', 'Image build to update to', 'text', { help: 'The App Platform image with the new PostgreSQL major version, e.g. 150012.' }),
    input('backup', 'I have backups of all apps (or a full VM backup) of every platform', 'attest'),
  ],
  peerInputs: ['standbys'],
  checkInputs(p) {
    if (standbys(p).length === 0) return 'Choose the standbys of this primary.';
    if (!/^\d{6,7}$/.test(p.inputs.targetBuild?.trim() ?? '')) return 'Enter the image build as a number, e.g. 150012.';
    return null;
  },
  preconditions: [
    { label: 'Every member runs an image with replication (110002 or later)', check: (ctx) => buildGate(ctx, [ctx.platform.id, ...standbys(ctx)]) },
    {
      label: 'The new image is newer than the primary\'s',
      async check(ctx) {
        const build = (await ctx.poll()).status?.build ?? null;
        if (build === null) return { ok: false, detail: `The image build of ${ctx.platform.name} could not be read.` };
        return build < target(ctx) ? { ok: true, detail: `${ctx.platform.name} runs ${build}; the update goes to ${target(ctx)}.` } : { ok: false, detail: `${ctx.platform.name} runs ${build} already, not older than ${target(ctx)}.` };
      },
    },
    {
      label: 'This platform is the primary',
      async check(ctx) {
        const r = (await ctx.poll()).status?.replication;
        return r?.role === 'primary' ? { ok: true, detail: `${ctx.platform.name} is the primary.` } : { ok: false, detail: `${ctx.platform.name} is ${r ? (r.role === 'off' ? 'standalone' : 'a standby') : 'unknown'}: start this wizard on the primary.` };
      },
    },
  ],
  steps: [
    {
      id: 'check-group',
      title: 'Check the replication group',
      explanation: 'Reads every standby\'s name and checks that all stream from this primary before anything changes.',
      kind: 'check',
      commands: () => [],
      async run(ctx) {
        const names: string[] = [];
        for (const id of standbys(ctx)) {
          const name = await slotNameOn(ctx, id);
          ctx.say(`${nameOf(ctx, id)}: standby name ${name ?? 'unknown'}.`);
          names.push(name ?? '');
        }
        ctx.remember('standbyNames', names);
      },
      async verify(ctx) {
        if (standbyNames(ctx).some((n) => !n)) return { ok: false, detail: 'The standby name of a standby could not be read (its PostgreSQL must run).' };
        return streamingFrom(ctx, ctx.platform.id, standbyNames(ctx));
      },
      onFailure: 'Every standby must stream from this primary before the update. Bring the standby back first (wizard "Bring a standby back").',
    },
    {
      id: 'deactivate-replication',
      title: 'Deactivate replication on every standby',
      explanation: 'PostgreSQL does not replicate between major versions. Deactivating replication on a standby promotes it to an active (standalone) server.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [...standbys(p).map((id) => `Open the AP Manager of ${nameOf(p, id)} (https://${addressOf(p, id)}/), next to the settings button choose "Replication", set the mode to "Off" and save.`)],
        values: [{ label: 'Mode', value: 'Off' }, ...standbys(p).map((id) => ({ label: 'Standby', value: nameOf(p, id) }))],
      }),
      verify: (ctx) =>
        waitUntil(
          ctx,
          async () => {
            for (const id of standbys(ctx)) {
              const { status } = await ctx.poll(id);
              if (!acceptsWrites(status) || status?.replication?.role !== 'off') return { ok: false, detail: `${nameOf(ctx, id)} still replicates (its replication is not off).` };
            }
            return { ok: true, detail: `${list(ctx, standbys(ctx))} ${standbys(ctx).length === 1 ? 'runs' : 'run'} standalone.` };
          },
          120_000,
        ),
      onFailure: 'A standby still replicates. Set its replication mode to "Off" in its AP Manager and save, then resume.',
    },
    {
      id: 'same-manager',
      title: 'Run the same AP Manager version everywhere',
      explanation: 'The wiki requires the same App Platform Manager version on the primary and on the standbys before the update.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          'In each AP Manager compare the version shown; update the older ones (App Store or Devices) to the same version as the others.',
          'Confirm when all show the same version.',
        ],
        values: [p.platform.id, ...standbys(p)].map((id) => ({ label: nameOf(p, id), value: (id === p.platform.id ? p.status : p.peers.get(id)?.status)?.managerVersion ?? 'version unknown to the console' })),
      }),
      async skip(ctx) {
        const versions = await Promise.all([ctx.platform.id, ...standbys(ctx)].map(async (id) => (await ctx.poll(id)).status?.managerVersion ?? null));
        return versions.every((v) => v !== null && v === versions[0]) ? `Every platform runs AP Manager ${versions[0]}.` : null;
      },
      async verify(ctx) {
        const versions = await Promise.all([ctx.platform.id, ...standbys(ctx)].map(async (id) => ({ id, v: (await ctx.poll(id)).status?.managerVersion ?? null })));
        const known = [...new Set(versions.filter((x) => x.v !== null).map((x) => x.v))];
        if (known.length > 1) return { ok: false, detail: `The AP Manager versions differ: ${versions.map((x) => `${nameOf(ctx, x.id)} ${x.v ?? 'unknown'}`).join(', ')}.` };
        const unknown = versions.filter((x) => x.v === null).map((x) => nameOf(ctx, x.id));
        return { ok: true, detail: unknown.length ? `You confirmed the versions match; the console cannot read the AP Manager version of ${unknown.join(', ')} (no AP Manager login).` : `Every platform runs AP Manager ${known[0]}.` };
      },
      onFailure: 'Update the AP Manager on the platforms with the older version first, then resume.',
    },
    {
      id: 'update-primary',
      title: 'Update the primary',
      explanation: (p) => `Update ${p.platform.name} to image ${target(p)}. Its PostgreSQL data are converted to the new major version during the update.`,
      kind: 'manual',
      commands: () => [],
      manual: (p) => updateManual(p, [p.platform.id]),
      verify: (ctx) => waitUntil(ctx, () => updated(ctx, [ctx.platform.id]), UPDATE_WAIT_MS, 5_000),
      onFailure: 'The primary does not run the new image. Check https://<address>/manager/ramdisk.log; if it does not start after the update, run "Manager does not start after an update".',
    },
    {
      id: 'update-standbys',
      title: 'Update the standbys',
      explanation: (p) => `Update ${list(p, standbys(p))} to image ${target(p)}, the same as the primary.`,
      kind: 'manual',
      commands: () => [],
      manual: (p) => updateManual(p, standbys(p)),
      verify: (ctx) => waitUntil(ctx, () => updated(ctx, standbys(ctx)), UPDATE_WAIT_MS, 5_000),
      onFailure: 'A standby does not run the new image yet. Check its /manager/ramdisk.log and resume. Alternatively set the standby up from scratch with the new image.',
    },
    {
      id: 'reactivate-replication',
      title: 'Reactivate replication on every standby',
      explanation: 'Each standby replicates the whole database cluster again (a full resync), which might take some time. On a standby all locally installed apps are removed.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          ...standbys(p).map((id) => `Open the AP Manager of ${nameOf(p, id)} (https://${addressOf(p, id)}/), "Replication": set the mode to "Standby" with the values below and save.`),
          `The password is the one ${p.platform.name}'s AP Manager shows for each standby name (Replication); use it exactly as handed.`,
        ],
        values: [
          { label: 'Mode', value: 'Standby' },
          { label: 'Host', value: p.platform.address },
          { label: 'Port', value: PRIMARY_PORT },
          ...standbys(p).map((id, i) => ({ label: `Standby name on ${nameOf(p, id)}`, value: standbyNames(p)[i] ?? '' })),
        ],
      }),
      verify: (ctx) => waitUntil(ctx, () => streamingFrom(ctx, ctx.platform.id, standbyNames(ctx)), 300_000, 3_000),
      onFailure: 'A standby does not stream again. Check its host, standby name and password against the primary\'s replication settings, then resume.',
    },
    {
      id: 'verify',
      title: 'Check the group on the new version',
      explanation: 'Every member runs the new image, the primary is primary, each standby streams, and no replication alarm is left.',
      kind: 'check',
      commands: () => [],
      async verify(ctx) {
        const builds = await updated(ctx, [ctx.platform.id, ...standbys(ctx)]);
        if (!builds.ok) return builds;
        for (const id of standbys(ctx)) {
          const r = (await ctx.poll(id)).status?.replication;
          if (r?.role !== 'standby' || r.condition !== 'streaming') return { ok: false, detail: `${nameOf(ctx, id)} is not a streaming standby.` };
        }
        const stream = await streamingFrom(ctx, ctx.platform.id, standbyNames(ctx));
        if (!stream.ok) return stream;
        return waitUntil(
          ctx,
          async () => {
            const causes: string[] = [];
            for (const id of [ctx.platform.id, ...standbys(ctx)]) causes.push(...(await replicationAlarmsOn(ctx, id)));
            return causes.length ? { ok: false, detail: causes.join(' ') } : { ok: true, detail: `${builds.detail} ${stream.detail} No replication alarm is left.` };
          },
          60_000,
        );
      },
      onFailure: 'Something is left: follow the alarm texts, then resume.',
    },
  ],
};
