import { z } from 'zod';

/** Why a fact is not known. `needs_root`: readable by root only, and the probe ran as admin. */
export const UnknownCode = z.enum(['needs_root', 'not_readable', 'missing', 'not_mounted', 'tool_missing', 'not_reported', 'unrecognised', 'unparseable', 'failed']);
export type UnknownCode = z.infer<typeof UnknownCode>;

export const UnknownFact = z.strictObject({ code: UnknownCode, reason: z.string().min(1) });
export type UnknownFact = z.infer<typeof UnknownFact>;

/** A fact is either known (`value`, `unknown: null`) or unknown (`value: null` and the reason). */
export type Fact<T> = { value: T; unknown: null } | { value: null; unknown: UnknownFact };

function fact<T extends z.ZodType>(value: T) {
  return z.union([z.strictObject({ value, unknown: z.null() }), z.strictObject({ value: z.null(), unknown: UnknownFact })]);
}

const bytes = z.number().int().nonnegative();

export const FormFactor = z.enum(['vm', 'gateway-arm', 'gateway-arm64']);
export type FormFactor = z.infer<typeof FormFactor>;

export const ServiceState = z.strictObject({ running: z.boolean(), pids: z.array(z.number().int().positive()) });
export type ServiceState = z.infer<typeof ServiceState>;

export const CoreDumps = z.strictObject({
  count: z.number().int().nonnegative(),
  totalBytes: bytes,
  newest: z.strictObject({ path: z.string().min(1), mtimeEpochSeconds: z.number().int() }).nullable(),
});
export type CoreDumps = z.infer<typeof CoreDumps>;

export const DataPartition = z.strictObject({
  sizeBytes: bytes,
  usedBytes: bytes,
  availableBytes: bytes,
  /** Use% exactly as df printed it. */
  usePercent: z.number().int().min(0).max(100),
});
export type DataPartition = z.infer<typeof DataPartition>;

export const StandbyConfig = z.strictObject({
  present: z.boolean(),
  /** False when the file is there but is not JSON an object could be read from. */
  parsed: z.boolean(),
  /** The primary's host as the file names it; nothing else of the file is kept (it holds the replication password). */
  primaryHost: z.string().nullable(),
});
export type StandbyConfig = z.infer<typeof StandbyConfig>;

/** What one probe of an App Platform's shell learned. */
export const PlatformFacts = z.strictObject({
  uid: fact(z.number().int().nonnegative()),
  image: z.strictObject({
    /** The text of /mnt/sda1/label as read. */
    label: fact(z.string()),
    build: fact(z.number().int().min(100000).max(999999)),
  }),
  clockEpochSeconds: fact(z.number().int()),
  uptimeSeconds: fact(z.number().nonnegative()),
  load: fact(z.strictObject({ one: z.number().nonnegative(), five: z.number().nonnegative(), fifteen: z.number().nonnegative() })),
  memory: z.strictObject({ totalBytes: fact(bytes), availableBytes: fact(bytes) }),
  cpuCount: fact(z.number().int().positive()),
  arch: fact(z.string().min(1)),
  /** The device mounted at /mnt/sda2 and its filesystem type, from /proc/mounts. */
  dataDevice: fact(z.strictObject({ device: z.string().min(1), fsType: z.string().min(1) })),
  formFactor: fact(FormFactor),
  dataPartition: fact(DataPartition),
  reserveFile: fact(z.strictObject({ present: z.boolean(), sizeBytes: bytes.nullable() })),
  logsBytes: fact(bytes),
  coreDumps: fact(CoreDumps),
  pgsqlBytes: fact(bytes),
  services: z.strictObject({ manager: fact(ServiceState), webserver: fact(ServiceState), postgres: fact(ServiceState) }),
  standbyConfig: fact(StandbyConfig),
});
export type PlatformFacts = z.infer<typeof PlatformFacts>;

export const known = <T>(value: T): Fact<T> => ({ value, unknown: null });
export const unknown = <T = never>(code: UnknownCode, reason: string): Fact<T> => ({ value: null, unknown: { code, reason } });
export const unknownFrom = <T = never>(why: UnknownFact): Fact<T> => ({ value: null, unknown: why });
