// The one API contract between the renderer and the engine, for both transports.
import { z } from 'zod';
import { hostAddressProblem } from './fleet/hostAddress';
import { ReplicationState, StandbyCondition } from './replication/replicationState';
import { SecretRef } from './vault/secretRef';
import { wizardEvents, wizardMethods } from './wizards/wizardWire';

const IsoTime = z.iso.datetime({ offset: true });
const NoParams = z.strictObject({});

// ---- Errors -------------------------------------------------------------

export const ErrorCode = z.enum([
  'bad_message',
  'unknown_method',
  'invalid_params',
  'invalid_result',
  'unavailable',
  'failed',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One platform's (or bastion's) host key: where it was met, its type, SHA256 fingerprint and base64 blob. */
const HostKeyIdentity = z.strictObject({
  id: z.string(),
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
  key: z.string(),
});

/** A host key the user must confirm (new) or decide on (changed): what the prompt shows. */
export const HostKeyDecision = HostKeyIdentity.extend({ previousFingerprint: z.string().optional() });
export type HostKeyDecision = z.infer<typeof HostKeyDecision>;

export const WireError = z.strictObject({
  code: ErrorCode,
  message: z.string(),
  field: z.string().optional(),
  /** With `failed`: why, e.g. host_key_changed, auth_failed, unreachable. */
  reason: z.string().optional(),
  hostKey: HostKeyDecision.optional(),
});
export type WireError = z.infer<typeof WireError>;

// ---- Application --------------------------------------------------------

export const RunMode = z.enum(['electron', 'web']);
export type RunMode = z.infer<typeof RunMode>;

export const AppInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  mode: RunMode,
  versions: z.strictObject({
    node: z.string(),
    v8: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
  }),
  platform: z.string(),
  arch: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const HealthCheck = z.strictObject({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});

export const AppHealth = z.strictObject({
  ok: z.boolean(),
  startedAt: IsoTime,
  uptimeSeconds: z.number().nonnegative(),
  rssBytes: z.number().int().nonnegative(),
  checks: z.array(HealthCheck),
});
export type AppHealth = z.infer<typeof AppHealth>;

export const ThemePreference = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof ThemePreference>;

/** Alarm limits the user may change; the engine's defaults apply to what is left out. */
export const AlarmThresholdSettings = z.strictObject({
  diskWarningMarginPercent: z.number().min(0).max(50).optional(),
  timeToFullWarningHours: z.number().positive().max(8760).optional(),
  timeToFullCriticalHours: z.number().positive().max(8760).optional(),
  logsSharePercent: z.number().min(1).max(100).optional(),
  coreDumpsSharePercent: z.number().min(1).max(100).optional(),
  replicationLagWarningSeconds: z.number().positive().max(86_400).optional(),
  replicationLagCriticalSeconds: z.number().positive().max(86_400).optional(),
  certificateWarningDays: z.number().positive().max(3650).optional(),
  certificateCriticalDays: z.number().positive().max(3650).optional(),
});
export type AlarmThresholdSettings = z.infer<typeof AlarmThresholdSettings>;

/** A fleet filter the user saved under a name. */
export const SavedFilter = z.strictObject({
  name: z.string().trim().min(1, 'a saved filter needs a name').max(60, 'at most 60 characters'),
  query: z.string().max(200, 'at most 200 characters'),
});
export type SavedFilter = z.infer<typeof SavedFilter>;

export const MIN_POLL_INTERVAL_SECONDS = 15;
export const Settings = z.strictObject({
  theme: ThemePreference,
  pollIntervalSeconds: z.number().int('must be whole seconds').min(MIN_POLL_INTERVAL_SECONDS, `at least ${MIN_POLL_INTERVAL_SECONDS} seconds`).max(86_400, 'at most a day').default(60),
  alarmThresholds: AlarmThresholdSettings.default({}),
  savedFilters: z.array(SavedFilter).max(50, 'at most 50 saved filters').default([]),
});
export type Settings = z.infer<typeof Settings>;

/** Only the fields given change (Settings.partial() would fill the left-out ones with their defaults). */
export const SettingsChange = z.strictObject({
  theme: ThemePreference.optional(),
  pollIntervalSeconds: Settings.shape.pollIntervalSeconds.unwrap().optional(),
  alarmThresholds: AlarmThresholdSettings.optional(),
  savedFilters: Settings.shape.savedFilters.unwrap().optional(),
});

// ---- Host keys and the vault ----------------------------------------------

export const HostKeyPin = HostKeyIdentity.extend({ pinnedAt: IsoTime });

const HostKeyOffer = z.strictObject({
  id: z.string().min(1).max(200),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  key: z.base64().min(16).max(4096),
});

export const HostKeyList = z.strictObject({ pins: z.array(HostKeyPin), problem: z.string().nullable() });

export const KnownHostsImport = z.strictObject({
  text: z.string().max(4 * 1024 * 1024),
  /** The platforms and bastions to look up in the file. */
  endpoints: z.array(z.strictObject({ id: z.string().min(1), host: z.string().min(1), port: z.number().int().min(1).max(65535) })).max(100_000),
});

export const KnownHostsImportResult = z.strictObject({
  added: z.number().int().nonnegative(),
  skipped: z.array(z.strictObject({ line: z.number().int(), reason: z.string() })),
});

export const VaultState = z.strictObject({
  status: z.enum(['locked', 'unlocked', 'uninitialised']),
  protection: z.enum(['safeStorage', 'masterPassword']).nullable(),
  /** Names of the stored secrets; never their values. */
  refs: z.array(z.string()),
  problem: z.string().nullable(),
});
export type VaultState = z.infer<typeof VaultState>;

const MasterPassword = z.string().min(1).max(1024);
const SecretRefParam = z.string().min(3).max(256);

// ---- Domain shapes the fleet, monitor, wizard and retrieval work fills ----

export const FormFactor = z.enum(['vm', 'gateway-arm', 'gateway-arm64']);
export type FormFactor = z.infer<typeof FormFactor>;
export const PlatformRole = z.enum(['standalone', 'primary', 'standby']);
export type PlatformRole = z.infer<typeof PlatformRole>;
export const Severity = z.enum(['info', 'warning', 'critical']);

// ---- Fleet inventory -------------------------------------------------------

const NO_CONTROL = /^[^\p{Cc}]*$/u;
const noControl = 'must not contain control characters (tabs, line breaks)';

/** Stable ids: generated once, never changed by an edit; safe inside vault refs and host key pins. */
export const EntityId = z.string().min(1).max(64).regex(/^[A-Za-z0-9._~@+-]+$/, 'must be an inventory id (letters, digits and ._~@+-)');
const SiteName = z.string().trim().min(1, 'a site needs a name').max(100, 'at most 100 characters').regex(NO_CONTROL, noControl);
/** Platform and bastion names: `/` and `>` are kept free for jump host paths such as `Site/ap1 > ap2`. */
const HostEntryName = z
  .string()
  .trim()
  .min(1, 'a name is needed')
  .max(100, 'at most 100 characters')
  .regex(/^[^\p{Cc}/>]*$/u, 'must not contain "/", ">" or control characters');
const HostAddress = z
  .string()
  .trim()
  .max(253, 'at most 253 characters')
  .superRefine((value, ctx) => {
    const problem = hostAddressProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const SshPort = z.number().int('must be a whole number').min(1, 'must be a port number (1-65535)').max(65535, 'must be a port number (1-65535)');
const SshUser = z
  .string()
  .trim()
  .min(1, 'a user name is needed')
  .max(64, 'at most 64 characters')
  .regex(/^[^\s\p{Cc}:/\\-][^\s\p{Cc}:/\\]*$/u, 'must be a user name without spaces, ":", "/" or "\\", not starting with "-"');
const Tag = z.string().trim().min(1, 'a tag cannot be empty').max(40, 'at most 40 characters per tag').regex(/^[^\p{Cc},]*$/u, 'a tag must not contain commas or control characters');
const Tags = z.array(Tag).max(50, 'at most 50 tags');
const Notes = z.string().max(10_000, 'at most 10000 characters').regex(/^[^\0]*$/, 'must not contain NUL characters');
const Customer = z.string().trim().max(100, 'at most 100 characters').regex(NO_CONTROL, noControl);
/** A vault reference, never the secret itself. */
const CredentialRef = z
  .string()
  .refine((value) => SecretRef.safeParse(value).success, 'must be a vault reference (words joined by colons, e.g. platform:<id>:admin-password); store the secret itself in the vault');
const KeyPath = z.string().min(1).max(1024, 'at most 1024 characters').regex(/^[^\0\r\n]*$/, 'must be a file path on this computer');
const DatabaseUser = z.string().trim().min(1).max(63, 'PostgreSQL names have at most 63 characters').regex(/^[^\s\p{Cc}]*$/u, 'must not contain spaces or control characters');
export const MAX_JUMP_HOSTS = 8;
/** Platforms or bastions of the inventory, outermost first. */
const JumpHostIds = z.array(EntityId).max(MAX_JUMP_HOSTS, `at most ${MAX_JUMP_HOSTS} jump hosts`);
const DiskAlarmPercent = z.number().int('must be a whole number').min(1, 'must be between 1 and 100 percent').max(100, 'must be between 1 and 100 percent');
export const DEFAULT_DISK_ALARM_PERCENT = 90;

/** How to log in over SSH; every secret by vault reference only. */
export const SshCredentials = z.strictObject({
  passwordRef: CredentialRef.nullable(),
  privateKeyPath: KeyPath.nullable(),
  privateKeyRef: CredentialRef.nullable(),
  passphraseRef: CredentialRef.nullable(),
  /** Use the SSH agent (SSH_AUTH_SOCK, or Pageant on Windows). */
  agent: z.boolean(),
});
export type SshCredentials = z.infer<typeof SshCredentials>;

export const PlatformCredentials = SshCredentials.extend({
  rootPasswordRef: CredentialRef.nullable(),
  managerPasswordRef: CredentialRef.nullable(),
  databaseUser: DatabaseUser.nullable(),
  databasePasswordRef: CredentialRef.nullable(),
});
export type PlatformCredentials = z.infer<typeof PlatformCredentials>;

export const Site = z.strictObject({
  id: EntityId,
  name: SiteName,
  customer: Customer,
  notes: Notes,
  tags: Tags,
});
export type Site = z.infer<typeof Site>;

export const Platform = z.strictObject({
  id: EntityId,
  siteId: EntityId,
  name: HostEntryName,
  address: HostAddress,
  sshPort: SshPort,
  sshUser: SshUser,
  jumpHostIds: JumpHostIds,
  /** Unknown (null) until the first poll tells. */
  formFactor: FormFactor.nullable(),
  expectedRole: PlatformRole,
  /** For a standby: the platform it replicates from. */
  expectedPrimaryId: EntityId.nullable(),
  diskAlarmPercent: DiskAlarmPercent,
  credentials: PlatformCredentials,
  tags: Tags,
  notes: Notes,
});
export type Platform = z.infer<typeof Platform>;

/** A jump host that is no platform: an SSH server at the customer or the partner. */
export const Bastion = z.strictObject({
  id: EntityId,
  name: HostEntryName,
  address: HostAddress,
  sshPort: SshPort,
  sshUser: SshUser,
  jumpHostIds: JumpHostIds,
  credentials: SshCredentials,
  tags: Tags,
  notes: Notes,
});
export type Bastion = z.infer<typeof Bastion>;

const SiteFields = Site.omit({ id: true });
export const SiteAdd = SiteFields.partial({ customer: true, notes: true, tags: true });
export type SiteAdd = z.infer<typeof SiteAdd>;
export const SiteUpdate = SiteFields.partial().extend({ id: EntityId });
export type SiteUpdate = z.infer<typeof SiteUpdate>;

const PlatformFields = Platform.omit({ id: true, credentials: true }).extend({ credentials: PlatformCredentials.partial() });
/** Left out: port 22, user admin, no jump hosts, form factor unknown, standalone, alarm at 90 %, no credentials, tags or notes. */
export const PlatformAdd = PlatformFields.partial({
  sshPort: true,
  sshUser: true,
  jumpHostIds: true,
  formFactor: true,
  expectedRole: true,
  expectedPrimaryId: true,
  diskAlarmPercent: true,
  credentials: true,
  tags: true,
  notes: true,
});
export type PlatformAdd = z.infer<typeof PlatformAdd>;
/** Only the fields given change; `siteId` moves the platform to another site. */
export const PlatformUpdate = PlatformFields.partial().extend({ id: EntityId });
export type PlatformUpdate = z.infer<typeof PlatformUpdate>;

const BastionFields = Bastion.omit({ id: true, credentials: true }).extend({ credentials: SshCredentials.partial() });
export const BastionAdd = BastionFields.partial({ sshPort: true, sshUser: true, jumpHostIds: true, credentials: true, tags: true, notes: true });
export type BastionAdd = z.infer<typeof BastionAdd>;
export const BastionUpdate = BastionFields.partial().extend({ id: EntityId });
export type BastionUpdate = z.infer<typeof BastionUpdate>;

export const FleetList = z.strictObject({
  sites: z.array(Site),
  platforms: z.array(Platform),
  bastions: z.array(Bastion),
  /** The whole inventory's size, also when a query narrowed the lists. */
  totals: z.strictObject({ sites: z.number().int(), platforms: z.number().int(), bastions: z.number().int() }),
  problem: z.string().nullable(),
});
export type FleetList = z.infer<typeof FleetList>;

export const Removed = z.strictObject({ siteIds: z.array(EntityId), platformIds: z.array(EntityId), bastionIds: z.array(EntityId) });
export type Removed = z.infer<typeof Removed>;

const LocalPath = z.string().min(1).max(4096).regex(/^[^\0]*$/, 'must be a file path on this computer');

export const ImportSource = z.discriminatedUnion('kind', [
  /** CSV text as Excel writes it: `;` or `,` separated, UTF-8 (a BOM is fine), a header row naming the columns. */
  z.strictObject({ kind: z.literal('csv'), text: z.string().max(32 * 1024 * 1024, 'at most 32 MiB of CSV') }),
  /** The lab's fleet.json; its passwords come from fleet-secrets.json beside it (or `secretsPath`). */
  z.strictObject({ kind: z.literal('labFleet'), path: LocalPath, secretsPath: LocalPath.optional() }),
  /** Host aliases of an OpenSSH config (default ~/.ssh/config) into one site (default "SSH config"); `hosts` picks aliases. */
  z.strictObject({
    kind: z.literal('sshConfig'),
    path: LocalPath.optional(),
    site: SiteName.optional(),
    hosts: z.array(z.string().min(1).max(255)).max(10_000).optional(),
  }),
]);
export type ImportSource = z.infer<typeof ImportSource>;

export const ImportParams = z.strictObject({
  source: ImportSource,
  /** Lab fleet files only: store the lab's passwords in the vault (it must be unlocked). */
  secrets: z.boolean().optional(),
});

export const ImportItem = z.strictObject({
  entity: z.enum(['site', 'platform', 'bastion']),
  action: z.enum(['add', 'update', 'skip']),
  name: z.string(),
  site: z.string().nullable(),
  /** Where the entry is in the source (CSV line), when it has lines. */
  line: z.number().int().positive().nullable(),
  /** Why an entry is skipped. */
  reason: z.string().nullable(),
  /** The fields an update changes. */
  changes: z.array(z.string()),
  /** The inventory id, once applied. */
  id: EntityId.nullable(),
});
export type ImportItem = z.infer<typeof ImportItem>;

export const ImportReport = z.strictObject({
  applied: z.boolean(),
  items: z.array(ImportItem),
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /** Remarks about the source as a whole (ignored columns, aliases not read). */
  notes: z.array(z.string()),
  /** Secrets put into the vault (refs only): how many, and their refs once applied. */
  secrets: z.strictObject({ count: z.number().int().nonnegative(), refs: z.array(z.string()) }),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const FleetChanged = z.strictObject({
  changedIds: z.array(EntityId),
  totals: FleetList.shape.totals,
});
export type FleetChanged = z.infer<typeof FleetChanged>;

// ---- Monitor, wizard and retrieval shapes ----------------------------------

const Bytes = z.number().nonnegative();

export const DiskUsage = z.strictObject({
  device: z.string(),
  mount: z.string(),
  sizeBytes: Bytes,
  usedBytes: Bytes,
  availBytes: Bytes,
  /** As df shows it. */
  percent: z.number().min(0).max(100),
  /** From the usage history; null while it is too short. */
  fillBytesPerHour: z.number().nullable(),
  hoursToFull: z.number().nullable(),
});

export const ReachState = z.enum(['ok', 'unreachable', 'timeout', 'auth_failed', 'host_key_changed', 'host_key_unknown', 'error']);

export const InstanceStatus = z.strictObject({
  database: z.string(),
  owner: z.string(),
  bytes: Bytes,
  domain: z.string().nullable(),
  instance: z.string().nullable(),
  app: z.string().nullable(),
  source: z.enum(['manager', 'name']),
  sharePercent: z.number().nullable(),
  large: z.boolean(),
});

/** What the last poll of a platform found; unknown figures are null and `notes` says why. */
export const PlatformStatus = z.strictObject({
  platformId: z.string(),
  polledAt: IsoTime,
  durationMs: z.number().nonnegative(),
  /** With the key to confirm (unknown) or to decide on (changed), as the host key prompt shows it. */
  reach: z.strictObject({ state: ReachState, message: z.string().nullable(), hostKey: HostKeyDecision.nullable() }),
  build: z.number().int().nullable(),
  formFactor: FormFactor.nullable(),
  uptimeSeconds: z.number().nonnegative().nullable(),
  load1: z.number().nonnegative().nullable(),
  cpuCount: z.number().int().positive().nullable(),
  memory: z.strictObject({ totalBytes: Bytes, availableBytes: Bytes }).nullable(),
  disk: DiskUsage.nullable(),
  reserveFilePresent: z.boolean().nullable(),
  reserveFileBytes: Bytes.nullable().default(null),
  logsBytes: Bytes.nullable(),
  pgsqlBytes: Bytes.nullable(),
  coreDumps: z.strictObject({ count: z.number().int().nonnegative(), bytes: Bytes, newestPath: z.string().nullable(), newestAt: IsoTime.nullable() }).nullable(),
  services: z.strictObject({ manager: z.boolean().nullable(), webserver: z.boolean().nullable(), postgres: z.boolean().nullable(), managerHttps: z.boolean().nullable() }),
  /** The webserver's certificate: SHA-256 as `AB:CD:…`, trusted by a CA or by the user's pin. */
  certificate: z.strictObject({ notAfter: IsoTime, trusted: z.boolean(), sha256: z.string() }).nullable(),
  /** AppPlatformInfo's version after the AP Manager login; null while no login was possible. */
  managerVersion: z.string().nullable(),
  /** How the AP Manager login went: not tried without a password or a trusted certificate. */
  managerLogin: z.enum(['ok', 'refused', 'untrusted', 'failed', 'not_tried']),
  instances: z.array(InstanceStatus).nullable(),
  replication: ReplicationState.nullable(),
  notes: z.array(z.string()),
});
export type PlatformStatus = z.infer<typeof PlatformStatus>;

export const LastPlatformStatus = z.strictObject({ status: PlatformStatus, ageSeconds: z.number().nonnegative() });
export type LastPlatformStatus = z.infer<typeof LastPlatformStatus>;

/** A platform's last status in brief: reach, image build, disk and replication. */
export const PlatformStatusSummary = PlatformStatus.pick({ platformId: true, polledAt: true, reach: true, build: true, disk: true, replication: true });
export type PlatformStatusSummary = z.infer<typeof PlatformStatusSummary>;

export const LastPlatformSummary = z.strictObject({ status: PlatformStatusSummary, ageSeconds: z.number().nonnegative() });
export type LastPlatformSummary = z.infer<typeof LastPlatformSummary>;

/** The summary of a full status. */
export function statusSummary({ platformId, polledAt, reach, build, disk, replication }: PlatformStatus): PlatformStatusSummary {
  return { platformId, polledAt, reach, build, disk, replication };
}

// The overview is the engine's own derived data, read at every start for thousands of platforms: its schema checks
// shapes, types and enums, not the inventory's text rules (checked where the inventory is written and read).
const Count = z.number().int();

/** Replication as the fleet overview shows it: the role, and what the one-line summary and its colour need. */
export const ReplicationBrief = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('off') }),
  /** Standbys connected now, those of them streaming, and the primary's permanent physical slots. */
  z.strictObject({ role: z.literal('primary'), connected: Count, streaming: Count, physicalSlots: Count }),
  z.strictObject({ role: z.literal('standby'), condition: StandbyCondition, replayPaused: z.boolean().nullable(), replayLagSeconds: z.number().nullable() }),
]);
export type ReplicationBrief = z.infer<typeof ReplicationBrief>;

/** A platform's last status as one row of the fleet overview shows it. */
export const StatusOverview = z.strictObject({
  polledAt: z.string(),
  ageSeconds: z.number(),
  reach: ReachState,
  reachMessage: z.string().nullable(),
  build: z.number().nullable(),
  disk: z.strictObject({ percent: z.number(), usedBytes: z.number(), sizeBytes: z.number(), hoursToFull: z.number().nullable() }).nullable(),
  replication: ReplicationBrief.nullable(),
});
export type StatusOverview = z.infer<typeof StatusOverview>;

export const SiteOverview = z.strictObject({ id: z.string(), name: z.string(), customer: z.string(), tags: z.array(z.string()) });
export type SiteOverview = z.infer<typeof SiteOverview>;

/** A platform as the fleet overview lists it: what its row shows and filters on, with its last status (null before the first poll). */
export const PlatformOverview = z.strictObject({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
  address: z.string(),
  tags: z.array(z.string()),
  expectedRole: PlatformRole,
  expectedPrimaryId: z.string().nullable(),
  diskAlarmPercent: z.number(),
  status: StatusOverview.nullable(),
});
export type PlatformOverview = z.infer<typeof PlatformOverview>;

/** The whole fleet in one small answer, so that thousands of platforms show at once at start; the screens that need more read it then. */
export const FleetOverview = z.strictObject({
  sites: z.array(SiteOverview),
  platforms: z.array(PlatformOverview),
  totals: FleetList.shape.totals,
  /** What the engine could not read of its inventory, and of its last known states. */
  problem: z.string().nullable(),
  statusProblem: z.string().nullable(),
});
export type FleetOverview = z.infer<typeof FleetOverview>;

export function replicationBrief(state: ReplicationState): ReplicationBrief {
  if (state.role === 'off') return { role: 'off' };
  if (state.role === 'standby') return { role: 'standby', condition: state.condition, replayPaused: state.replayPaused, replayLagSeconds: state.replayLagSeconds };
  return {
    role: 'primary',
    connected: state.standbys.length,
    streaming: state.standbys.filter((s) => s.state === 'streaming').length,
    physicalSlots: state.slots.filter((s) => s.slotType === 'physical' && !s.temporary).length,
  };
}

/** The overview of a status (a full one, or its summary) that is `ageSeconds` old. */
export function statusOverview({ polledAt, reach, build, disk, replication }: Pick<PlatformStatus, 'polledAt' | 'reach' | 'build' | 'disk' | 'replication'>, ageSeconds: number): StatusOverview {
  return {
    polledAt,
    ageSeconds,
    reach: reach.state,
    reachMessage: reach.message,
    build,
    disk: disk && { percent: disk.percent, usedBytes: disk.usedBytes, sizeBytes: disk.sizeBytes, hoursToFull: disk.hoursToFull },
    replication: replication && replicationBrief(replication),
  };
}

export const AlarmSeverity = z.enum(['warning', 'critical']);

export const Alarm = z.strictObject({
  id: z.string(),
  platformId: z.string(),
  /** Stable per platform while the trouble lasts, e.g. disk.usage or replication.slotInactive:sb1. */
  key: z.string(),
  kind: z.string(),
  severity: AlarmSeverity,
  cause: z.string(),
  /** The wizard that fixes it. */
  wizard: z.string().nullable(),
  raisedAt: IsoTime,
  changedAt: IsoTime,
  clearedAt: IsoTime.nullable(),
  /** Set when a user acknowledged the alarm, with their note; it stays active until the trouble is gone. */
  acknowledged: z.strictObject({ at: IsoTime, note: z.string() }).nullable().default(null),
});
export type Alarm = z.infer<typeof Alarm>;

export const HistoryPoint = z.strictObject({
  at: IsoTime,
  usedBytes: Bytes,
  sizeBytes: Bytes,
  walRetainedBytes: Bytes.nullable(),
});

export const ConnectionCheck = z.strictObject({
  step: z.enum(['ssh', 'root', 'database', 'webserver']),
  /** null: not tried (nothing stored for it, or an earlier step failed). */
  ok: z.boolean().nullable(),
  message: z.string(),
});

const TerminalId = z.string().regex(/^term-[a-f0-9]{16,64}$/, 'must be a terminal id the engine gave');
const TerminalSize = { cols: z.number().int().min(10).max(1000), rows: z.number().int().min(2).max(500) };
export const TerminalOutput = z.strictObject({ terminalId: z.string(), data: z.string() });
export const TerminalExit = z.strictObject({ terminalId: z.string(), message: z.string() });

export const AlarmChangeEvent = z.strictObject({ changes: z.array(z.strictObject({ type: z.enum(['raised', 'changed', 'cleared']), alarm: Alarm })) });

export const WizardRunSummary = z.strictObject({
  runId: z.string(),
  wizardId: z.string(),
  platformId: z.string(),
  state: z.enum(['planned', 'running', 'waiting', 'failed', 'done']),
  stepIndex: z.number().int().nonnegative(),
});

// ---- Logs, core dumps, downloads, support bundles and the offline viewer ----

/** An absolute path on a platform; the engine quotes it and checks it lies under a folder it may read. */
const RemotePath = z
  .string()
  .min(2)
  .max(4096, 'at most 4096 characters')
  .regex(/^\/[^\0\r\n]*$/, 'must be an absolute path on the platform (starting with /, no line breaks)');
/** A file or folder on this computer, as the user picked or typed it. */
const LocalTarget = z.string().trim().min(1, 'name a file or folder on this computer').max(4096).regex(/^[^\0\r\n]*$/, 'must be a file or folder on this computer');
const RetrievalJobId = z.string().regex(/^job-[a-f0-9]{16,64}$/, 'must be a job id the engine gave');
const FollowId = z.string().regex(/^follow-[a-f0-9]{16,64}$/, 'must be a follow id the engine gave');
const BundleId = z.string().regex(/^bundle-[a-f0-9]{16,64}$/, 'must be an id viewer.open gave');
const ViewerCursor = z.string().min(1).max(512);

export const LogEntry = z.strictObject({
  path: z.string(),
  kind: z.enum(['file', 'dir', 'link']),
  sizeBytes: Bytes,
  modifiedAt: IsoTime.nullable(),
  /** Owner as the platform names it (root-owned files are read through su root). */
  owner: z.string(),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const CoreDump = z.strictObject({
  path: z.string(),
  /** The service folder it lies in (core_dumps/<service>/). */
  service: z.string(),
  sizeBytes: Bytes,
  modifiedAt: IsoTime.nullable(),
  /** Set once this console downloaded exactly this file (same size and time) and its sha256 matched. */
  downloaded: z.strictObject({ localPath: z.string(), sha256: z.string(), at: IsoTime }).nullable(),
});
export type CoreDump = z.infer<typeof CoreDump>;

export const RetrievalJob = z.strictObject({
  jobId: z.string(),
  platformId: z.string(),
  kind: z.enum(['download', 'bundle', 'memory-dump']),
  /** What is fetched, in words: "3 files from /var/log/apps", "Support bundle with core dumps". */
  label: z.string(),
  state: z.enum(['queued', 'running', 'failed', 'done', 'cancelled']),
  /** What it does now or why it ended, as a sentence. */
  message: z.string().nullable(),
  bytesDone: Bytes,
  bytesTotal: Bytes.nullable(),
  rate: z.number().nonnegative(),
  /** Where the result is (done) or will be. */
  localPath: z.string().nullable(),
  sha256: z.string().nullable(),
  createdAt: IsoTime,
  endedAt: IsoTime.nullable(),
  /** A failed or cancelled job can go on from where it stopped. */
  resumable: z.boolean(),
});
export type RetrievalJob = z.infer<typeof RetrievalJob>;

export const LogLines = z.strictObject({ followId: z.string(), lines: z.array(z.string()) });
export const LogFollowEnd = z.strictObject({ followId: z.string(), message: z.string() });

export const BundleSummary = z.strictObject({
  platformId: z.string().nullable(),
  platformName: z.string().nullable(),
  siteName: z.string().nullable(),
  address: z.string().nullable(),
  build: z.string().nullable(),
  collectedAt: IsoTime.nullable(),
  disk: z.strictObject({ usedBytes: Bytes, sizeBytes: Bytes }).nullable(),
  alarms: z.array(z.strictObject({ severity: AlarmSeverity, kind: z.string(), cause: z.string() })),
  includesCoreDumps: z.boolean().nullable(),
});
export type BundleSummary = z.infer<typeof BundleSummary>;

export const ViewerFile = z.strictObject({
  path: z.string(),
  sizeBytes: Bytes,
  lines: z.number().int().nonnegative(),
  firstAt: IsoTime.nullable(),
  lastAt: IsoTime.nullable(),
  /** Binary files (core dumps, junk) are listed, never searched or shown as text. */
  binary: z.boolean(),
  /** Text that is not valid UTF-8 is read as Latin-1. */
  encoding: z.enum(['utf-8', 'latin1']),
  /** The manifest's sha256 and whether the file still matches it; null where there is no manifest entry. */
  verified: z.boolean().nullable(),
});
export type ViewerFile = z.infer<typeof ViewerFile>;

export const ViewerBundle = z.strictObject({
  bundleId: z.string(),
  localPath: z.string(),
  name: z.string(),
  /** A console support bundle (with manifest and summary), or a log archive made by hand as the wiki describes. */
  source: z.enum(['bundle', 'log-archive']),
  summary: BundleSummary.nullable(),
  files: z.array(ViewerFile),
  /** What could not be read, as sentences (a truncated archive, a file that does not match the manifest). */
  problems: z.array(z.string()),
});
export type ViewerBundle = z.infer<typeof ViewerBundle>;

export const ViewerLine = z.strictObject({ file: z.string(), line: z.number().int().positive(), at: IsoTime.nullable(), text: z.string() });
export type ViewerLine = z.infer<typeof ViewerLine>;

const TimeRange = { from: IsoTime.optional(), to: IsoTime.optional() };
const ViewerFiles = z.array(z.string().min(1).max(4096)).max(10_000).optional();

// ---- Methods and events ---------------------------------------------------

export const methods = {
  'app.info': { params: NoParams, result: AppInfo },
  'app.health': { params: NoParams, result: AppHealth },
  'settings.get': { params: NoParams, result: Settings },
  'settings.update': { params: SettingsChange, result: Settings },
  'hostKeys.list': { params: NoParams, result: HostKeyList },
  'hostKeys.accept': { params: HostKeyOffer, result: HostKeyPin },
  'hostKeys.replace': { params: HostKeyOffer.extend({ expectedFingerprint: z.string().startsWith('SHA256:') }), result: HostKeyPin },
  'hostKeys.remove': { params: z.strictObject({ id: z.string().min(1) }), result: HostKeyList },
  'hostKeys.importKnownHosts': { params: KnownHostsImport, result: KnownHostsImportResult },
  'hostKeys.exportKnownHosts': { params: z.strictObject({ hashed: z.boolean() }), result: z.strictObject({ text: z.string() }) },
  'vault.status': { params: NoParams, result: VaultState },
  'vault.initialise': { params: z.strictObject({ masterPassword: MasterPassword }), result: VaultState },
  'vault.unlock': { params: z.strictObject({ masterPassword: MasterPassword }), result: VaultState },
  'vault.lock': { params: NoParams, result: VaultState },
  'vault.changeMasterPassword': { params: z.strictObject({ oldPassword: MasterPassword, newPassword: MasterPassword }), result: VaultState },
  /** Write-only: no method ever returns a secret. */
  'vault.setSecret': { params: z.strictObject({ ref: SecretRefParam, secret: z.string().min(1).max(64 * 1024) }), result: VaultState },
  'vault.deleteSecret': { params: z.strictObject({ ref: SecretRefParam }), result: VaultState },
  /** The inventory; `query` narrows it as the user types (name, site, customer, tag, address). */
  'fleet.list': { params: z.strictObject({ query: z.string().max(200).optional() }), result: FleetList },
  /** Every platform with its last status in brief: what the Fleet screen shows first. */
  'fleet.overview': { params: NoParams, result: FleetOverview },
  'fleet.addSite': { params: SiteAdd, result: Site },
  'fleet.updateSite': { params: SiteUpdate, result: Site },
  /** A site with platforms is removed only with `cascade: true`, and then with its platforms. */
  'fleet.removeSite': { params: z.strictObject({ id: EntityId, cascade: z.boolean().optional() }), result: Removed },
  'fleet.addPlatform': { params: PlatformAdd, result: Platform },
  'fleet.updatePlatform': { params: PlatformUpdate, result: Platform },
  'fleet.removePlatform': { params: z.strictObject({ id: EntityId }), result: Removed },
  'fleet.addBastion': { params: BastionAdd, result: Bastion },
  'fleet.updateBastion': { params: BastionUpdate, result: Bastion },
  'fleet.removeBastion': { params: z.strictObject({ id: EntityId }), result: Removed },
  /** What an import would add, update and skip, and why; nothing changes. */
  'fleet.importPreview': { params: ImportParams, result: ImportReport },
  'fleet.importApply': { params: ImportParams, result: ImportReport },
  /** The inventory as CSV (`;` unless told, UTF-8 with BOM, CRLF) or JSON; vault refs only, never a secret. */
  'fleet.export': {
    params: z.strictObject({ format: z.enum(['csv', 'json']), delimiter: z.enum([';', ',']).optional() }),
    result: z.strictObject({ text: z.string(), fileName: z.string() }),
  },
  /** Every platform's last known status with its age, at once, before any network answer. */
  'monitor.statuses': { params: NoParams, result: z.strictObject({ statuses: z.array(LastPlatformStatus), problem: z.string().nullable() }) },
  /** The same in brief (PlatformStatusSummary): reach with its host key, disk and replication of every platform, for the screens that show more than the fleet overview. */
  'monitor.summaries': { params: NoParams, result: z.strictObject({ statuses: z.array(LastPlatformSummary), problem: z.string().nullable() }) },
  /** The full last known status of the named platforms that have one, instances included. */
  'monitor.platformStatuses': {
    params: z.strictObject({ platformIds: z.array(EntityId).min(1).max(1_000) }),
    result: z.strictObject({ statuses: z.array(LastPlatformStatus) }),
  },
  /** Polls the named platforms (all when none are named) now; answers when every poll has ended. */
  'monitor.pollNow': {
    params: z.strictObject({ platformIds: z.array(EntityId).max(10_000).optional() }),
    result: z.strictObject({ polled: z.number().int().nonnegative(), reached: z.number().int().nonnegative() }),
  },
  /** Trusts a platform's webserver certificate (the fingerprint the status shows), for the AP Manager login. */
  'webserver.trust': {
    params: z.strictObject({ platformId: EntityId, sha256: z.string().min(64).max(200) }),
    result: z.strictObject({ platformId: z.string(), sha256: z.string(), pinnedAt: IsoTime }),
  },
  'webserver.forget': { params: z.strictObject({ platformId: EntityId }), result: z.strictObject({ platformId: z.string() }) },
  /** Active alarms, and the newest cleared ones. */
  'alarms.list': { params: NoParams, result: z.strictObject({ active: z.array(Alarm), history: z.array(Alarm) }) },
  'alarms.acknowledge': { params: z.strictObject({ alarmId: z.string().min(1).max(400), note: z.string().trim().max(2000, 'at most 2000 characters') }), result: Alarm },
  /** The platform's disk usage readings of the last 14 days, oldest first. */
  'monitor.history': { params: z.strictObject({ platformId: EntityId }), result: z.strictObject({ platformId: z.string(), points: z.array(HistoryPoint) }) },
  /** Logs in as the inventory says (SSH on every hop, su root, PostgreSQL, the webserver) and says how each step went. */
  'fleet.testConnection': { params: z.strictObject({ platformId: EntityId }), result: z.strictObject({ platformId: z.string(), checks: z.array(ConnectionCheck) }) },
  /** An interactive shell as admin on the platform's pooled SSH connection; output comes as terminal.output events. */
  'terminal.open': { params: z.strictObject({ platformId: EntityId, ...TerminalSize }), result: z.strictObject({ terminalId: z.string() }) },
  'terminal.write': { params: z.strictObject({ terminalId: TerminalId, data: z.string().min(1).max(65_536) }), result: z.strictObject({}) },
  'terminal.resize': { params: z.strictObject({ terminalId: TerminalId, ...TerminalSize }), result: z.strictObject({}) },
  /** Runs `su root` in the terminal and answers its password prompt with the stored root password; it is never shown. */
  'terminal.becomeRoot': { params: z.strictObject({ terminalId: TerminalId }), result: z.strictObject({}) },
  'terminal.close': { params: z.strictObject({ terminalId: TerminalId }), result: z.strictObject({}) },
  /** The platform's /var/log tree with sizes and times, read as root. */
  'logs.list': {
    params: z.strictObject({ platformId: EntityId }),
    result: z.strictObject({ platformId: z.string(), root: z.string(), entries: z.array(LogEntry), truncated: z.boolean() }),
  },
  /** Follows a log as `tail -F` does: the last `lines` lines, then new ones, as logs.lines events until logs.stopFollow. */
  'logs.follow': {
    params: z.strictObject({ platformId: EntityId, path: RemotePath, lines: z.number().int().min(0).max(10_000).default(200) }),
    result: z.strictObject({ followId: z.string() }),
  },
  'logs.stopFollow': { params: z.strictObject({ followId: FollowId }), result: z.strictObject({}) },
  'coreDumps.list': {
    params: z.strictObject({ platformId: EntityId }),
    result: z.strictObject({ platformId: z.string(), dumps: z.array(CoreDump) }),
  },
  /** Deletes core dumps this console has downloaded and verified; `confirm` is the user's explicit yes. Others are refused with the reason. */
  'coreDumps.delete': {
    params: z.strictObject({ platformId: EntityId, paths: z.array(RemotePath).min(1).max(1_000), confirm: z.literal(true, 'deleting core dumps needs an explicit confirmation') }),
    result: z.strictObject({ deleted: z.array(z.string()), refused: z.array(z.strictObject({ path: z.string(), reason: z.string() })) }),
  },
  /** A memory dump of a running process (`gdb --pid PID -ex gcore --batch`, 13r3+), after a free-space check; downloaded, then removed from the platform. */
  'coreDumps.memoryDump': { params: z.strictObject({ platformId: EntityId, pid: z.number().int().min(2).max(4_194_304) }), result: RetrievalJob },
  /** Downloads files or folders (sha256 verified, resumable) under the data folder's downloads/<site>/<platform>/, or into `targetDir`. */
  'retrieval.download': {
    params: z.strictObject({ platformId: EntityId, paths: z.array(RemotePath).min(1).max(1_000), targetDir: LocalTarget.optional() }),
    result: RetrievalJob,
  },
  /** One support bundle per platform (tar + xz with a manifest), a few at a time; each job reports on its own. */
  'retrieval.bundle': {
    params: z.strictObject({ platformIds: z.array(EntityId).min(1).max(10_000), includeCoreDumps: z.boolean(), targetDir: LocalTarget.optional() }),
    result: z.strictObject({ jobs: z.array(RetrievalJob) }),
  },
  'retrieval.jobs': { params: NoParams, result: z.strictObject({ jobs: z.array(RetrievalJob) }) },
  'retrieval.cancel': { params: z.strictObject({ jobId: RetrievalJobId }), result: RetrievalJob },
  'retrieval.resume': { params: z.strictObject({ jobId: RetrievalJobId }), result: RetrievalJob },
  /** Bundles and log archives in the data folder, newest first, for the offline viewer. */
  'viewer.recent': {
    params: NoParams,
    result: z.strictObject({ bundles: z.array(z.strictObject({ localPath: z.string(), name: z.string(), sizeBytes: Bytes, modifiedAt: IsoTime })) }),
  },
  /** Opens a bundle or a log.tar.xz with no connection: unpacks it once into a cache and indexes lines and times. */
  'viewer.open': { params: z.strictObject({ localPath: LocalTarget }), result: ViewerBundle },
  /** Lines matching `pattern` (text, or a regular expression), in file order; page on with `cursor`. */
  'viewer.search': {
    params: z.strictObject({
      bundleId: BundleId,
      pattern: z.string().min(1, 'type what to search for').max(1_000),
      regex: z.boolean(),
      caseSensitive: z.boolean(),
      files: ViewerFiles,
      ...TimeRange,
      limit: z.number().int().min(1).max(5_000).default(500),
      cursor: ViewerCursor.optional(),
    }),
    result: z.strictObject({ hits: z.array(ViewerLine), nextCursor: z.string().nullable(), scannedBytes: Bytes, totalBytes: Bytes }),
  },
  /** All logs' lines merged by timestamp; lines without one follow the line before them. */
  'viewer.timeline': {
    params: z.strictObject({ bundleId: BundleId, files: ViewerFiles, ...TimeRange, limit: z.number().int().min(1).max(5_000).default(500), cursor: ViewerCursor.optional() }),
    result: z.strictObject({ lines: z.array(ViewerLine), nextCursor: z.string().nullable() }),
  },
  'viewer.read': {
    params: z.strictObject({ bundleId: BundleId, path: z.string().min(1).max(4096), fromLine: z.number().int().positive(), count: z.number().int().min(1).max(5_000) }),
    result: z.strictObject({ lines: z.array(ViewerLine), totalLines: z.number().int().nonnegative() }),
  },
  'viewer.close': { params: z.strictObject({ bundleId: BundleId }), result: z.strictObject({}) },
  ...wizardMethods,
} as const;

export const events = {
  'settings.changed': Settings,
  'fleet.changed': FleetChanged,
  'monitor.status': PlatformStatus,
  'alarms.changed': AlarmChangeEvent,
  'terminal.output': TerminalOutput,
  'terminal.exit': TerminalExit,
  'logs.lines': LogLines,
  'logs.followEnd': LogFollowEnd,
  'retrieval.job': RetrievalJob,
  ...wizardEvents,
} as const;

export type MethodName = keyof typeof methods;
export type EventName = keyof typeof events;
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type Result<M extends MethodName> = z.output<(typeof methods)[M]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

// ---- Wire envelopes (WebSocket frames and IPC payloads) -------------------

export const RequestId = z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]);

export const RequestMessage = z.strictObject({
  id: RequestId,
  method: z.string().min(1).max(128),
  params: z.unknown().optional(),
});
export type RequestMessage = z.infer<typeof RequestMessage>;

export const ResponseMessage = z.discriminatedUnion('ok', [
  z.strictObject({ id: RequestId.nullable(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ id: RequestId.nullable(), ok: z.literal(false), error: WireError }),
]);
export type ResponseMessage = z.infer<typeof ResponseMessage>;

export const EventMessage = z.strictObject({
  event: z.string(),
  payload: z.unknown(),
});
export type EventMessage = z.infer<typeof EventMessage>;

/** Names the first failing field of a zod error as a dotted path. */
export function describeIssue(error: z.ZodError, root: string): { field: string; message: string } {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  const field = path ? `${root}.${path}` : root;
  return { field, message: `${field}: ${issue?.message ?? 'invalid value'}` };
}
