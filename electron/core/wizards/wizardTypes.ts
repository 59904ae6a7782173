import type { Alarm, LastPlatformStatus, PlatformStatus } from '../contract';
import type { PlatformIdentity } from '../retrieval/platformAccess';
import type { RemoteCommand } from './remoteCommand';
import type { WizardId, WizardInputSpec } from './wizardWire';

/** Values a run carries from step to step (found instances, the chosen standby, sizes before); persisted with the run. */
export type RunData = Record<string, string | number | boolean | null | string[]>;

/** What a plan is made from: nothing here touches the platform. */
export interface PlanContext {
  platform: PlatformIdentity;
  /** The platform's last known status (may be old or missing). */
  status: PlatformStatus | null;
  inputs: Readonly<Record<string, string>>;
  /** Secret inputs, for building commands; shown masked. */
  secrets: Readonly<Record<string, string>>;
  data: Readonly<RunData>;
  /** Other inventory platforms named by inputs (a standby, a new primary), with their last status. */
  peers: ReadonlyMap<string, { platform: PlatformIdentity; status: PlatformStatus | null }>;
}

export interface ExecResult {
  code: number;
  output: string;
}

export interface ExecOptions {
  /** Another platform of the run (a peer); the run's own platform when left out. */
  on?: string;
  timeoutMs?: number;
  /** Output is not streamed to the step (still returned): for reads whose output is parsed. */
  quiet?: boolean;
}

/** What a step's functions may do while it runs. */
export interface StepContext extends PlanContext {
  /** Runs one command as root (through `su root`) on the platform: streamed to the UI, recorded in the audit with its exit code. */
  exec(command: RemoteCommand, opts?: ExecOptions): Promise<ExecResult>;
  /** The same, failing the step when the exit code is not 0. */
  must(command: RemoteCommand, opts?: ExecOptions): Promise<ExecResult>;
  /** Keeps a value for the later steps (persisted with the run). */
  remember(key: string, value: RunData[string]): void;
  /** A line in the step's output, from the console itself (what it found, what it waits for). */
  say(text: string): void;
  /** Polls the platform (or a peer) now and gives its fresh status and active alarms. */
  poll(platformId?: string): Promise<{ status: PlatformStatus | null; alarms: Alarm[] }>;
  /** Waits, cancellably. */
  sleep(ms: number): Promise<void>;
  /** Downloads files to this computer (verified), before the step deletes them; gives the local paths. */
  download(paths: readonly string[], opts?: { on?: string }): Promise<string[]>;
  /** Copies a local file to the platform's /home/admin over SFTP or SCP; gives the remote path. */
  upload(localPath: string, remoteName: string, opts?: { on?: string }): Promise<string>;
  signal: AbortSignal;
  /** True while the console checks what an interrupted step left: checks need not wait as long as after a run. */
  resuming: boolean;
}

/** A verification's finding: ok or not, with a sentence saying what was seen. */
export interface Finding {
  ok: boolean;
  detail: string;
}

export interface WizardStep {
  id: string;
  title: string;
  explanation: string | ((p: PlanContext) => string);
  kind: 'command' | 'manual' | 'check';
  /** Needs the platform's name typed before it runs. */
  destructive?: boolean;
  /** Running it twice does no harm (default true); a non-idempotent step cut off halfway is not run again without a new confirmation. */
  idempotent?: boolean;
  /** The commands it will run, in order, as they would run now (shown before running and in the dry run). */
  commands(p: PlanContext): Array<{ on?: string; command: RemoteCommand }>;
  /** For manual steps: what to do elsewhere and the exact values to enter. */
  manual?(p: PlanContext): { instructions: string[]; values: Array<{ label: string; value: string }> };
  /** Does the work; by default runs `commands` in order, each must exit 0. */
  run?(ctx: StepContext): Promise<void>;
  /** Whether the step achieved what it is for; a failed verification stops the wizard with `onFailure`. */
  verify(ctx: StepContext): Promise<Finding>;
  /** Why the step need not run (already done, nothing to do); null to run it. */
  skip?(ctx: StepContext): Promise<string | null>;
  /** The wiki's advice when it fails. */
  onFailure: string;
}

export interface Precondition {
  label: string;
  /** Reads only. */
  check(ctx: StepContext): Promise<Finding>;
}

export interface WizardDefinition {
  id: WizardId;
  title: string;
  summary: string;
  reference: string;
  /** Alarm kinds that suggest this wizard. */
  alarmKinds: readonly string[];
  inputs: readonly WizardInputSpec[];
  /** Inputs that name other platforms the run works on (their ids). */
  peerInputs?: readonly string[];
  /** A problem with the inputs, in a sentence; checked before the plan and the start. */
  checkInputs?(p: PlanContext): string | null;
  preconditions: readonly Precondition[];
  steps: readonly WizardStep[];
}

export type StatusLookup = (platformIds: readonly string[]) => Promise<LastPlatformStatus[]>;
