import { describe, expect, it } from 'vitest';
import {
  BUILDS,
  appServiceIpSupported,
  dangerousResizeBuild,
  projectsAppSupported,
  proxmoxAgentNeedsIsa,
  qemuGuestAgentInstalled,
  replicationSupported,
} from '../../electron/core/platform/buildGates';

describe('dangerousResizeBuild', () => {
  it('is true strictly between 110000 and 110027, and between 130007 and 130015', () => {
    const expected: Array<[number, boolean]> = [
      [109999, false],
      [110000, false],
      [110001, true],
      [110026, true],
      [110027, false],
      [130007, false],
      [130008, true],
      [130014, true],
      [130015, false],
      [140029, false],
    ];
    for (const [build, dangerous] of expected) expect([build, dangerousResizeBuild(build)]).toEqual([build, dangerous]);
  });

  it('is false for the build the wiki says to update to before resizing', () => {
    expect(dangerousResizeBuild(BUILDS.resizeSafeFrom)).toBe(false);
  });
});

describe('feature gates', () => {
  it('replication from 110002', () => {
    expect(replicationSupported(110001)).toBe(false);
    expect(replicationSupported(110002)).toBe(true);
  });

  it('Qemu Guest Agent from 110032', () => {
    expect(qemuGuestAgentInstalled(110031)).toBe(false);
    expect(qemuGuestAgentInstalled(110032)).toBe(true);
  });

  it('Proxmox agent on ISA before 130012', () => {
    expect(proxmoxAgentNeedsIsa(130011)).toBe(true);
    expect(proxmoxAgentNeedsIsa(130012)).toBe(false);
  });

  it('App Service IP from 140011, Projects from 140029', () => {
    expect(appServiceIpSupported(140010)).toBe(false);
    expect(appServiceIpSupported(140011)).toBe(true);
    expect(projectsAppSupported(140028)).toBe(false);
    expect(projectsAppSupported(140029)).toBe(true);
  });

  it('the recovery label is not itself in a dangerous range', () => {
    expect(dangerousResizeBuild(BUILDS.recoveryLabel)).toBe(false);
  });
});
