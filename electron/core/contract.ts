// The one API contract between the renderer and the engine, for both transports.
import { z } from 'zod';

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

export const Settings = z.strictObject({
  theme: ThemePreference,
});
export type Settings = z.infer<typeof Settings>;

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
export const PlatformRole = z.enum(['standalone', 'primary', 'standby']);
export const Severity = z.enum(['info', 'warning', 'critical']);

export const Site = z.strictObject({
  id: z.string(),
  name: z.string().min(1),
  notes: z.string(),
  tags: z.array(z.string()),
});

export const Platform = z.strictObject({
  id: z.string(),
  siteId: z.string(),
  name: z.string().min(1),
  address: z.string().min(1),
  sshPort: z.number().int().min(1).max(65535),
  sshUser: z.string().min(1),
  jumpHostId: z.string().nullable(),
  formFactor: FormFactor,
  expectedRole: PlatformRole,
  credentialRef: z.string().nullable(),
});

export const DiskUsage = z.strictObject({
  device: z.string(),
  mount: z.string(),
  sizeBytes: z.number().nonnegative(),
  usedBytes: z.number().nonnegative(),
  availBytes: z.number().nonnegative(),
  hoursToFull: z.number().nullable(),
});

export const PlatformStatus = z.strictObject({
  platformId: z.string(),
  polledAt: IsoTime,
  reachable: z.boolean(),
  imageBuild: z.number().int().nullable(),
  role: PlatformRole.nullable(),
  data: DiskUsage.nullable(),
});

export const Alarm = z.strictObject({
  id: z.string(),
  platformId: z.string(),
  kind: z.string(),
  severity: Severity,
  message: z.string(),
  raisedAt: IsoTime,
  clearedAt: IsoTime.nullable(),
});

export const WizardRunSummary = z.strictObject({
  runId: z.string(),
  wizardId: z.string(),
  platformId: z.string(),
  state: z.enum(['planned', 'running', 'waiting', 'failed', 'done']),
  stepIndex: z.number().int().nonnegative(),
});

export const RetrievalJob = z.strictObject({
  jobId: z.string(),
  platformId: z.string(),
  kind: z.enum(['file', 'bundle', 'core-dump']),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative().nullable(),
  state: z.enum(['queued', 'running', 'failed', 'done', 'cancelled']),
});

// ---- Methods and events ---------------------------------------------------

export const methods = {
  'app.info': { params: NoParams, result: AppInfo },
  'app.health': { params: NoParams, result: AppHealth },
  'settings.get': { params: NoParams, result: Settings },
  'settings.update': { params: Settings.partial(), result: Settings },
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
} as const;

export const events = {
  'settings.changed': Settings,
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
