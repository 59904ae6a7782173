import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConnectError } from '../../../electron/core/connect/connectError';
import { createHostKeyStore } from '../../../electron/core/connect/hostKeyStore';
import type { HostKeyStore } from '../../../electron/core/connect/hostKeyStore';
import type { HostKeyDecision } from '../../../electron/core/connect/hostKeyPin';
import { connectTarget } from '../../../electron/core/connect/sshConnect';
import type { ConnectOptions, SshLink } from '../../../electron/core/connect/sshConnect';
import { createSshPool } from '../../../electron/core/connect/sshPool';
import type { SshPool, SshPoolOptions } from '../../../electron/core/connect/sshPool';
import { SshTarget } from '../../../electron/core/connect/sshTarget';
import type { SshHopInput } from '../../../electron/core/connect/sshTarget';
import { labDown, labUp } from '../../lab/lab';
import type { LabPlatform } from '../../lab/lab';
import { FleetSpec } from '../../lab/labSpec';

export const isRoot = process.getuid?.() === 0;

/** A lab fleet for connection tests: its platforms, a data folder with the host key store, and the secrets. */
export interface ConnectLab {
  platforms: LabPlatform[];
  dataDir: string;
  hostKeys: HostKeyStore;
  secrets: Map<string, string>;
  platform(name: string): LabPlatform;
  /** A target for the platform as admin with its password; `via` names lab platforms used as bastions. */
  target(name: string, hop?: Partial<SshHopInput>, via?: string[]): SshTarget;
  connectOptions(extra?: Partial<ConnectOptions>): ConnectOptions;
  newPool(extra?: Partial<SshPoolOptions>): SshPool;
  /** A new connection to the platform as admin (its host key trusted before), closed by stop(). */
  connect(name: string): Promise<SshLink>;
  /** Connects once, accepts each hop's unknown key (trust on first use), as a user confirming would. */
  trust(target: SshTarget): Promise<HostKeyDecision[]>;
  stop(): Promise<void>;
}

export const adminPasswordRef = (name: string) => `lab:${name}:admin`;
export const rootPasswordRef = (name: string) => `lab:${name}:root`;

export async function startConnectLab(spec: unknown): Promise<ConnectLab> {
  const fleet = FleetSpec.parse(spec);
  const { platforms } = await labUp(fleet);
  const dataDir = await mkdtemp(join(tmpdir(), 'apc-connect-'));
  const hostKeys = createHostKeyStore(dataDir);
  const secrets = new Map<string, string>();
  for (const p of fleet.platforms) {
    secrets.set(adminPasswordRef(p.name), p.adminPassword);
    secrets.set(rootPasswordRef(p.name), p.rootPassword);
  }
  const pools: SshPool[] = [];
  const links: SshLink[] = [];
  const platform = (name: string) => {
    const found = platforms.find((p) => p.name === name);
    if (!found) throw new Error(`no lab platform ${name}`);
    return found;
  };
  const hopFor = (name: string, hop: Partial<SshHopInput> = {}): SshHopInput => ({
    id: name,
    host: hop.host ?? platform(name).address,
    port: hop.port ?? platform(name).sshPort,
    username: 'admin',
    passwordRef: adminPasswordRef(name),
    ...hop,
  });
  const connectOptions = (extra: Partial<ConnectOptions> = {}): ConnectOptions => ({
    pinsFor: (id) => hostKeys.pinsFor(id),
    secrets: async (ref) => secrets.get(ref),
    readyTimeoutMs: 15_000,
    ...extra,
  });
  const lab: ConnectLab = {
    platforms,
    dataDir,
    hostKeys,
    secrets,
    platform,
    target: (name, hop, via = []) => SshTarget.parse({ hop: hopFor(name, hop), jumps: via.map((b) => hopFor(b)) }),
    connectOptions,
    newPool: (extra = {}) => {
      const pool = createSshPool({ ...connectOptions(), backoffInitialMs: 200, backoffMaxMs: 1_000, ...extra });
      pools.push(pool);
      return pool;
    },
    async connect(name) {
      const link = await connectTarget(lab.target(name), connectOptions());
      links.push(link);
      return link;
    },
    async trust(target) {
      const accepted: HostKeyDecision[] = [];
      for (let attempt = 0; attempt <= target.jumps.length + 1; attempt++) {
        try {
          const link = await connectTarget(target, connectOptions());
          link.close();
          return accepted;
        } catch (error) {
          if (!isConnectError(error, 'host_key_unknown')) throw error;
          const decision = error.details.decision as HostKeyDecision;
          await hostKeys.accept(decision);
          accepted.push(decision);
        }
      }
      throw new Error('host keys kept changing while trusting them');
    },
    async stop() {
      for (const pool of pools) pool.closeAll();
      for (const link of links) link.close();
      await labDown();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return lab;
}
