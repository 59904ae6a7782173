import { describe, expect, it } from 'vitest';
import type { PlatformStatus } from '../../../electron/core/contract';
import { brokenFilesystem } from '../../../electron/core/wizards/procedures/brokenFilesystem';
import { changeAddress } from '../../../electron/core/wizards/procedures/changeAddress';
import { e2fsckRepaired, readSuperblock, recoveryDevices } from '../../../electron/core/wizards/procedures/filesystemChecks';
import { RESIZE_WARNING, resizeVmDisk } from '../../../electron/core/wizards/procedures/resizeVmDisk';
import { WIZARD_CATALOG } from '../../../electron/core/wizards/wizardCatalog';
import type { PlanContext, WizardDefinition } from '../../../electron/core/wizards/wizardTypes';

const plan = (formFactor: PlatformStatus['formFactor'], inputs: Record<string, string> = {}): PlanContext => ({
  platform: { id: 'p1', name: 'ap1', siteName: 'Site', address: '10.0.0.5' },
  status: { formFactor, instances: [{ database: 'example.com_app1', owner: 'example.com_app1', bytes: 1, domain: 'example.com', instance: 'app1', app: null, source: 'manager', sharePercent: null, large: false }] } as unknown as PlatformStatus,
  inputs,
  secrets: {},
  data: {},
  peers: new Map(),
});
const manualOf = (def: WizardDefinition, id: string, p: PlanContext) => def.steps.find((s) => s.id === id)?.manual?.(p);

describe('recovery procedures', () => {
  it('are in the catalog', () => {
    expect(WIZARD_CATALOG.map((d) => d.id)).toEqual(expect.arrayContaining(['external-database', 'broken-filesystem', 'resize-vm-disk', 'change-address']));
  });

  it('name the partitions of each form factor', () => {
    expect(recoveryDevices('vm')).toEqual({ data: '/dev/sda2', root: '/dev/sda3' });
    expect(recoveryDevices('gateway-arm')).toEqual({ data: '/dev/sda2', root: '/dev/sda3' });
    expect(recoveryDevices('gateway-arm64')).toEqual({ data: '/dev/nvme0n1p2', root: '/dev/nvme0n1p3' });
    expect([0, 1, 2, 3].every(e2fsckRepaired)).toBe(true);
    expect([4, 8, 12, -1].some(e2fsckRepaired)).toBe(false);
  });

  it('reads the superblock', () => {
    expect(readSuperblock('Filesystem state:         clean with errors\nBlock count:              131072\nBlock size:               1024\n')).toEqual({ state: 'clean with errors', bytes: 131072 * 1024 });
    expect(readSuperblock('dumpe2fs: No such file')).toEqual({ state: null, bytes: null });
  });

  it('gives the gateway web UI values, and the grub entry on a VM', () => {
    expect(manualOf(brokenFilesystem, 'rescue', plan('gateway-arm'))?.instructions).toContain('Kernel command line: change root=/dev/sda3 to root=/dev/ram0.');
    expect(manualOf(brokenFilesystem, 'boot-normally', plan('gateway-arm64'))?.values).toEqual([
      { label: 'Kernel command line', value: 'root=/dev/nvme0n1p3' },
      { label: 'Initrd file', value: '(empty)' },
      { label: 'Ramdisk size', value: '(empty)' },
    ]);
    expect(manualOf(brokenFilesystem, 'rescue', plan('vm'))?.values).toEqual([{ label: 'Grub entry', value: 'the first one (rescue)' }]);
    expect(brokenFilesystem.steps.find((s) => s.id === 'fsck')?.commands(plan('gateway-arm64')).map((c) => c.command.masked)).toEqual([
      "env 'PATH=/usr/sbin:/usr/bin:/sbin:/bin' e2fsck -p -f /dev/nvme0n1p2 2>&1",
      "env 'PATH=/usr/sbin:/usr/bin:/sbin:/bin' e2fsck -p -f /dev/nvme0n1p3 2>&1",
    ]);
  });

  it('resizes with the image script and quotes the wiki warning', () => {
    expect(resizeVmDisk.steps.find((s) => s.id === 'resize')?.commands(plan('vm'))[0]?.command.text).toBe('cd /home/root && /home/root/install_step1.sh log.txt resize');
    expect(RESIZE_WARNING).toContain('130007 and lower than 130015 or your data will be lost!');
  });

  it('checks the new address and lists every instance', () => {
    expect(changeAddress.checkInputs?.(plan('vm', { newAddress: 'not an address' }))).toContain('cannot contain spaces');
    expect(changeAddress.checkInputs?.(plan('vm', { newAddress: '10.0.0.5' }))).toContain('has the address 10.0.0.5 already');
    expect(changeAddress.checkInputs?.(plan('vm', { newAddress: 'ap.example.org' }))).toBeNull();
    expect(manualOf(changeAddress, 'ap-instances', plan('vm', { newAddress: 'ap.example.org', newDomain: 'example.org' }))?.values[0]).toEqual({ label: 'example.com/app1: Domain', value: 'example.com → example.org' });
  });
});
