/** Image builds that gate features and warnings (admin-facts 1e). Each bound is as the wiki states it. */
export const BUILDS = {
  /** Written to /mnt/sda1/label in the libcrypto.so.3 recovery so the manager updates the image again. */
  recoveryLabel: 110000,
  replicationMinimum: 110002,
  /** gcore memory dumps are 13r3+; 13r3 is the release that needs image 110002 (the replication requirement). */
  memoryDumpMinimum: 110002,
  qemuGuestAgentSince: 110032,
  /** Update to this or later before resizing a disk. */
  resizeSafeFrom: 130015,
  proxmoxVirtioAgentFrom: 130012,
  appServiceIpMinimum: 140011,
  projectsAppMinimum: 140029,
} as const;

/** "Do NOT resize … higher than 110000 and lower than 110027 or 130007 and lower than 130015 or your data will be lost!" */
export const dangerousResizeBuild = (build: number): boolean => (build > 110000 && build < 110027) || (build > 130007 && build < 130015);

/** Replication needs image 110002 or later ("otherwise postgresql is too old"). */
export const replicationSupported = (build: number): boolean => build >= BUILDS.replicationMinimum;

/** The Qemu Guest Agent is part of the image since 110032. */
export const qemuGuestAgentInstalled = (build: number): boolean => build >= BUILDS.qemuGuestAgentSince;

/** On Proxmox, before 130012 the Qemu agent must use the ISA bus (Virtio is not supported). */
export const proxmoxAgentNeedsIsa = (build: number): boolean => build < BUILDS.proxmoxVirtioAgentFrom;

/** App Service IP (the PBX as an app) requires image 140011 or later. */
export const appServiceIpSupported = (build: number): boolean => build >= BUILDS.appServiceIpMinimum;

/** The 16r1 Projects app needs AP 140029 or later; the Store refuses the update below it. */
export const projectsAppSupported = (build: number): boolean => build >= BUILDS.projectsAppMinimum;
