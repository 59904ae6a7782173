import type { Bastion, Platform, PlatformCredentials, SshCredentials } from '../contract';
import type { HeldSecret } from './heldSecret';

/** A platform or bastion named in a source: `site` given means a platform of that site. */
export interface HostRef {
  name: string;
  site?: string;
}

/** A secret a source brings for a platform, stored under `platform:<id>:<name>` and referred to by `field`. */
export interface DraftSecret {
  name: 'admin-password' | 'root-password';
  field: 'passwordRef' | 'rootPasswordRef';
  secret: HeldSecret;
}

export interface DraftSite {
  name: string;
  fields: { customer?: string; notes?: string; tags?: string[] };
}

export type PlatformDraftFields = Partial<Omit<Platform, 'id' | 'siteId' | 'name' | 'jumpHostIds' | 'expectedPrimaryId' | 'credentials'>> & {
  credentials?: Partial<PlatformCredentials>;
};

/** What a source says about one platform; fields it leaves out keep their value (or get the default). */
export interface DraftPlatform {
  line: number | null;
  site: string;
  name: string;
  fields: PlatformDraftFields;
  jumps?: HostRef[];
  /** null clears it. */
  expectedPrimary?: HostRef | null;
  secrets?: DraftSecret[];
}

export type BastionDraftFields = Partial<Omit<Bastion, 'id' | 'name' | 'jumpHostIds' | 'credentials'>> & { credentials?: Partial<SshCredentials> };

export interface DraftBastion {
  line: number | null;
  name: string;
  fields: BastionDraftFields;
  jumps?: HostRef[];
}

/** An entry of the source that could not be read, and why. */
export interface DraftRejected {
  line: number | null;
  entity: 'site' | 'platform' | 'bastion';
  name: string;
  site: string | null;
  reason: string;
}

/** Everything one import source says, before it is compared with the inventory. */
export interface ImportDraft {
  sites: DraftSite[];
  bastions: DraftBastion[];
  platforms: DraftPlatform[];
  rejected: DraftRejected[];
  notes: string[];
}

export function emptyDraft(): ImportDraft {
  return { sites: [], bastions: [], platforms: [], rejected: [], notes: [] };
}
