import { z } from 'zod';

/** What a job does, kept with it so a failed job can run again after a restart. */
export const JobSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('download'), platformId: z.string(), paths: z.array(z.string()).min(1), targetDir: z.string().nullable() }),
  z.strictObject({ kind: z.literal('bundle'), platformId: z.string(), includeCoreDumps: z.boolean(), targetDir: z.string().nullable() }),
  z.strictObject({ kind: z.literal('memory-dump'), platformId: z.string(), pid: z.number().int().positive() }),
]);
export type JobSpec = z.infer<typeof JobSpec>;

/** Only a memory dump cannot go on where it stopped: the process has moved on, a new dump is a new job. */
export const resumableKind = (kind: JobSpec['kind']) => kind !== 'memory-dump';
