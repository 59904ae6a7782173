import { hostAddressProblem } from '../../fleet/hostAddress';
import { sameFingerprint } from '../../connect/https/certificateFingerprint';
import { input } from '../wizardInputs';
import type { PlanContext, WizardDefinition } from '../wizardTypes';

const newAddress = (p: PlanContext) => p.inputs.newAddress?.trim() ?? '';
const oldAddress = (p: PlanContext) => (typeof p.data.oldAddress === 'string' ? p.data.oldAddress : p.platform.address);
const newDomain = (p: PlanContext) => p.inputs.newDomain?.trim() || null;
const change = (from: string, to: string) => `${from} → ${to}`;
const replaced = (p: PlanContext) => `replace ${change(oldAddress(p), newAddress(p))}`;
const instancesOf = (p: PlanContext) => (p.status?.instances ?? []).filter((i) => i.domain !== null);
const domainsBefore = (p: PlanContext): string[] => (Array.isArray(p.data.domainsBefore) ? p.data.domainsBefore : [...new Set(instancesOf(p).map((i) => i.domain as string))]);

const done = (what: string) => async () => ({ ok: true, detail: `You changed ${what}; the console cannot read these settings.` });

/** P13: change the IP address or DNS name (and the system name), in the order the wiki describes. */
export const changeAddress: WizardDefinition = {
  id: 'change-address',
  title: 'Change the address of the App Platform',
  summary: 'The ordered checklist for a new IP address or DNS name: the AP Manager settings and instances, the PBX, Devices and the other devices, the address itself; then the console checks the new address (same host key, same certificate) and moves the inventory to it.',
  reference: 'App Platform wiki: "Change IP addresses / DNS names" (admin-facts P13)',
  alarmKinds: [],
  inputs: [
    input('newAddress', 'New IP address or DNS name', 'text', { help: 'How the App Platform will be reached: an IPv4 or IPv6 address or a DNS name.' }),
    input('newDomain', 'New system domain', 'text', { required: false, help: 'Only if the system name changes too: the new Domain of the instances (e.g. example.com).' }),
  ],
  checkInputs(p) {
    const problem = hostAddressProblem(newAddress(p));
    if (problem) return `The new address ${problem}.`;
    if (newAddress(p) === p.platform.address && !p.data.oldAddress) return `${p.platform.name} has the address ${newAddress(p)} already.`;
    const domain = newDomain(p);
    if (domain && hostAddressProblem(domain)) return `The new system domain "${domain}" is not a domain name.`;
    return null;
  },
  preconditions: [
    {
      label: 'The console reaches the platform at its current address',
      async check(ctx) {
        const { status } = await ctx.poll();
        if (status?.reach.state !== 'ok') return { ok: false, detail: `${ctx.platform.name} does not answer at ${ctx.platform.address} (${status?.reach.message ?? 'no poll'}). The console needs it to compare the new address with it.` };
        return status.certificate
          ? { ok: true, detail: `SSH and HTTPS answer at ${ctx.platform.address}; the webserver certificate is ${status.certificate.sha256}.` }
          : { ok: false, detail: `The webserver at ${ctx.platform.address} shows no certificate; the console compares it with the one at the new address.` };
      },
    },
  ],
  steps: [
    {
      id: 'before',
      title: 'Note how the platform answers now',
      explanation: 'The console keeps the current address, the webserver certificate and the instances\' domains, to compare them at the end. The SSH host key is pinned already.',
      kind: 'check',
      commands: () => [],
      async run(ctx) {
        const { status } = await ctx.poll();
        ctx.remember('oldAddress', ctx.platform.address);
        ctx.remember('certificate', status?.certificate?.sha256 ?? null);
        ctx.remember('domainsBefore', [...new Set((status?.instances ?? []).flatMap((i) => (i.domain ? [i.domain] : [])))]);
        ctx.say(`Address ${ctx.platform.address}, certificate ${status?.certificate?.sha256 ?? 'none'}, instance domains: ${domainsBefore(ctx).join(', ') || 'none'}.`);
      },
      verify: async (ctx) => ({ ok: typeof ctx.data.certificate === 'string', detail: `Noted ${oldAddress(ctx)} with certificate ${String(ctx.data.certificate)}.` }),
      onFailure: 'The webserver certificate could not be read; check that the AP Manager answers on HTTPS.',
    },
    {
      id: 'ap-settings',
      title: 'AP Manager: Settings',
      explanation: 'First the App Platform itself: the URLs in its settings that name the old address.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          `Log in to the AP Manager (you need the Admin password) and, in every field below, ${replaced(p)}.`,
          'Settings - General: Devices app URL, App platform DNS name.',
          'Settings - Alarms and Events: URL.',
          'Save.',
        ],
        values: [
          { label: 'Settings - General: Devices app URL', value: replaced(p) },
          { label: 'Settings - General: App platform DNS name', value: change(oldAddress(p), newAddress(p)) },
          { label: 'Settings - Alarms and Events: URL', value: replaced(p) },
        ],
      }),
      verify: done('the AP Manager settings'),
      onFailure: 'Change the settings in the AP Manager, then confirm again.',
    },
    {
      id: 'ap-instances',
      title: 'AP Manager: every instance',
      explanation: 'Then every instance: its Domain (if the system name changes) and its Webserver path.',
      kind: 'manual',
      commands: () => [],
      manual(p) {
        const domain = newDomain(p);
        const values = instancesOf(p).flatMap((i) => [
          { label: `${i.domain}/${i.instance ?? i.database}: Domain`, value: domain && domain !== i.domain ? change(i.domain as string, domain) : `${i.domain} (unchanged)` },
          { label: `${i.domain}/${i.instance ?? i.database}: Webserver path`, value: `${replaced(p)} where it names the address` },
        ]);
        return {
          instructions: ['In the AP Manager, open every instance, change the values below and save.', ...(values.length === 0 ? ['The console knows no instances of this platform: check every instance in the AP Manager.'] : [])],
          values,
        };
      },
      verify: done("the instances' Domain and Webserver path"),
      onFailure: 'Change every instance in the AP Manager, then confirm again.',
    },
    {
      id: 'pbx',
      title: 'PBX',
      explanation: 'The PBX names the App Platform in its App objects, Voicemail, CDRs and more.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          `Download the PBX configuration, search and replace ${change(oldAddress(p), newAddress(p))}, upload it and reboot the PBX.`,
          'Or change by hand: the URL in all PBX objects (Apps, Voicemail, …), CDRx, IP address for App Platform, Reset Password Page, Verification link; toggle Operation without DNS as needed.',
        ],
        values: [{ label: 'Search and replace', value: change(oldAddress(p), newAddress(p)) }],
      }),
      verify: done('the PBX'),
      onFailure: 'Change the PBX configuration, then confirm again.',
    },
    {
      id: 'other-devices',
      title: 'Devices and the other devices',
      explanation: 'There is no automatism for devices registered at the old address.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          'Devices registration URL of every device: there is no automatism. Use DHCP to overwrite the Update URL temporarily with a custom update script, or an expert configuration in Devices.',
          'Alarm server, reverse proxy.',
          ...(newDomain(p) ? ['Domain Name in Devices (the system name changed).'] : []),
        ],
        values: [
          { label: 'Devices registration URL', value: replaced(p) },
          { label: 'Alarm server', value: change(oldAddress(p), newAddress(p)) },
          { label: 'Reverse proxy', value: change(oldAddress(p), newAddress(p)) },
          ...(newDomain(p) ? [{ label: 'Domain Name in Devices', value: change(domainsBefore(p).join(', ') || 'the old domain', newDomain(p) as string) }] : []),
        ],
      }),
      verify: done('the other devices'),
      onFailure: 'Change the devices, then confirm again.',
    },
    {
      id: 'address',
      title: 'Give the platform its new address',
      explanation: 'Now the platform itself moves: its DNS record or its IP address.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: ['Change the DNS record, or the IP address (VM console: setip; or DHCP), so the platform answers at the new address.'],
        values: [{ label: 'Address', value: change(oldAddress(p), newAddress(p)) }],
      }),
      verify: done('the address'),
      onFailure: 'Make the platform answer at the new address, then confirm again.',
    },
    {
      id: 'inventory',
      title: 'Move the console to the new address',
      explanation: 'The console connects to the new address from now on, with the host key it has pinned: a platform that presents another key is refused.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [`In the fleet, edit ${p.platform.name} and set its address to the new one, then confirm.`],
        values: [{ label: `${p.platform.name}: Address`, value: change(oldAddress(p), newAddress(p)) }],
      }),
      async verify(ctx) {
        if (ctx.platform.address !== newAddress(ctx)) return { ok: false, detail: `The inventory still has ${ctx.platform.address} for ${ctx.platform.name}.` };
        const { status } = await ctx.poll();
        if (status?.reach.state !== 'ok') return { ok: false, detail: `${newAddress(ctx)} does not answer as ${ctx.platform.name}: ${status?.reach.message ?? 'no poll'}` };
        return { ok: true, detail: `The inventory has ${newAddress(ctx)}, and the platform answers there over SSH with its pinned host key.` };
      },
      onFailure: 'If the host key changed, this is not the same platform (or it was reinstalled): check before you replace the pinned key. Otherwise check the address and the network, then confirm again.',
    },
    {
      id: 'verify',
      title: 'Check the new address',
      explanation: 'What the console can check: the webserver at the new address shows the same certificate, and the instances show the domains they should.',
      kind: 'check',
      commands: () => [],
      async verify(ctx) {
        const { status } = await ctx.poll();
        const before = typeof ctx.data.certificate === 'string' ? ctx.data.certificate : '';
        const now = status?.certificate?.sha256 ?? null;
        if (!now || !sameFingerprint(now, before)) return { ok: false, detail: `HTTPS at ${newAddress(ctx)} shows ${now ? `another certificate (${now})` : 'no certificate'}, not the one seen at ${oldAddress(ctx)} (${before}).` };
        const domains = [...new Set((status?.instances ?? []).flatMap((i) => (i.domain ? [i.domain] : [])))];
        const wanted = newDomain(ctx);
        if (wanted && domains.some((d) => d !== wanted)) return { ok: false, detail: `HTTPS shows the same certificate, but instances still have the domain ${domains.filter((d) => d !== wanted).join(', ')}, not ${wanted}.` };
        return { ok: true, detail: `SSH and HTTPS answer at ${newAddress(ctx)} with the same host key and certificate; instance domains: ${domains.join(', ') || 'none'}.` };
      },
      onFailure: 'A different certificate means another server answers, or a certificate for the new name was uploaded: check it before you trust it. Change the Domain of the remaining instances in the AP Manager.',
    },
  ],
};
