import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { viewerHandlers } from '../../../../electron/core/retrieval/viewer/viewerHandlers';
import type { EngineLog } from '../../../../electron/core/engineLog';
import { methods } from '../../../../electron/core/contract';
import type { MethodName, Result } from '../../../../electron/core/contract';

/** The answer checked against the contract's result schema (what the dispatcher does). */
export const check = <M extends MethodName>(method: M, result: unknown): Result<M> => methods[method].result.parse(result) as Result<M>;

/** Runs a shell pipeline (system tar and xz), failing with its stderr. */
export function sh(command: string, cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr}`))));
  });
}

export async function put(root: string, path: string, content: string | Buffer, mtime?: Date): Promise<void> {
  const file = join(root, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
  if (mtime) await utimes(file, mtime, mtime);
}

/** The wiki's hand-made archive (P17): `tar -cf - var/log/* | xz -z -`, entries var/log/... */
export async function handMadeArchive(tree: string, out: string, xzArgs = '-0 -T1'): Promise<string> {
  await sh(`tar -cf - var/log | xz -z ${xzArgs} - > '${out}'`, tree);
  return out;
}

export interface BundleSpec {
  summary: Record<string, unknown>;
  /** path in the archive -> content */
  files: Record<string, string | Buffer>;
  /** Paths whose manifest sha256 is deliberately wrong. */
  tamper?: string[];
}

/** A console support bundle as bundle-format.md describes it: summary.json first, manifest.json last, written with tar + xz. */
export async function consoleBundle(work: string, out: string, spec: BundleSpec): Promise<string> {
  const tree = join(work, `tree-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  const summary = { format: 'ap-console-bundle/1', ...spec.summary };
  await put(tree, 'summary.json', JSON.stringify(summary));
  const paths = ['summary.json', ...Object.keys(spec.files)];
  for (const [path, content] of Object.entries(spec.files)) await put(tree, path, content);
  const files = [];
  for (const path of paths) {
    const bytes = await readFile(join(tree, path));
    const sha = createHash('sha256').update(spec.tamper?.includes(path) ? Buffer.concat([bytes, Buffer.from('x')]) : bytes).digest('hex');
    files.push({ path, source: `/${path}`, sizeBytes: (await stat(join(tree, path))).size, sha256: sha, kind: path.startsWith('var/log/') ? 'log' : 'command' });
  }
  await put(tree, 'manifest.json', JSON.stringify({ format: 'ap-console-bundle/1', createdAt: new Date().toISOString(), platform: { id: 'p1', name: 'ap1', site: 's', address: '10.0.0.1' }, files, problems: ['/var/log/gone.log vanished while the bundle was made.'] }));
  const list = [...paths, 'manifest.json'].map((p) => `'${p}'`).join(' ');
  await sh(`tar --format=posix -cf - ${list} | xz -z -0 -T1 - > '${out}'`, tree);
  return out;
}

export const quietLog = (): EngineLog & { infos: string[]; errors: string[] } => {
  const infos: string[] = [];
  const errors: string[] = [];
  return { infos, errors, info: (m) => infos.push(m), error: (m) => errors.push(m) };
};

export function viewer(dataDir: string) {
  const log = quietLog();
  return { log, ...viewerHandlers({ dataDir, log }) };
}

/** An ISO line as the AP's app logs write it (lab: test/lab/labLogs.ts). */
export const appLine = (at: number, service: string, text: string) => `${new Date(at).toISOString().replace('T', ' ').replace('Z', '')} ${service}: ${text}`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A busybox syslogd line: `Dec  1 10:00:00 ap kernel: …` */
export const syslogLine = (at: number, text: string) => {
  const d = new Date(at);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${MONTHS[d.getUTCMonth()]} ${day} ${d.toISOString().slice(11, 19)} ap ${text}`;
};

/** Writes `count` lines at start + i * step (ms) in the given format, in large batches (fast enough for hundreds of MB). */
export async function writeLog(path: string, count: number, startMs: number, stepMs: number, line: (at: number, i: number) => string): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const { open } = await import('node:fs/promises');
  const file = await open(path, 'w');
  let bytes = 0;
  try {
    let batch: string[] = [];
    for (let i = 0; i < count; i++) {
      batch.push(line(startMs + i * stepMs, i));
      if (batch.length === 10_000 || i === count - 1) {
        const chunk = Buffer.from(`${batch.join('\n')}\n`);
        bytes += chunk.length;
        await file.write(chunk);
        batch = [];
      }
    }
  } finally {
    await file.close();
  }
  return bytes;
}

/** ISO 8601 of a time in ms, fast for many consecutive calls (the part up to the seconds is cached). */
export function isoClock(): (at: number, form: 'T' | 'space') => string {
  let second = Number.NaN;
  let head = '';
  return (at, form) => {
    const s = Math.floor(at / 1000);
    if (s !== second) {
      second = s;
      head = new Date(s * 1000).toISOString().slice(0, 19);
    }
    const ms = String(at - s * 1000).padStart(3, '0');
    return form === 'T' ? `${head}.${ms}Z` : `${head.replace('T', ' ')}.${ms}`;
  };
}

export const LARGE_T0 = Date.UTC(2026, 11, 1, 0, 0, 0);
export const LARGE_SERVICES = ['devices', 'manager', 'users', 'webserver'];
export const LARGE_STEP = 400;
export const LARGE_NEEDLE = 'license check FAILED for instance acme-0042';
export const largeServiceAt = (k: number, i: number) => LARGE_T0 + i * LARGE_STEP + k * 100;
const WORDS = ['connection from 10.0.0.', 'db query took ', 'websocket session ', 'instance started, pid ', 'WARNING: slow response '];

/**
 * A /var/log tree of about `mb` MB: four services (even ones ISO with T and Z, odd ones ISO with a space as the AP's apps
 * write), line i of service k at largeServiceAt(k, i), and a syslog at whole seconds; the needle is line `needleLine` of
 * service 2. Returns the bytes written and the lines per service.
 */
export async function writeLargeTree(tree: string, mb: number, needleLine: number): Promise<{ bytes: number; lines: number; syslogLines: number }> {
  const lines = Math.round((mb * 1e6 * 0.92) / LARGE_SERVICES.length / 92);
  const syslogLines = Math.round(lines / 4);
  let bytes = 0;
  for (const [k, service] of LARGE_SERVICES.entries()) {
    const clock = isoClock();
    const form = k % 2 === 0 ? 'T' : 'space';
    bytes += await writeLog(join(tree, `var/log/apps/${service}/${service}.log`), lines, largeServiceAt(k, 0), LARGE_STEP, (at, i) =>
      k === 2 && i === needleLine ? `${clock(at, form)} ${service}: ${LARGE_NEEDLE}` : `${clock(at, form)} ${service}: ${WORDS[i % WORDS.length]}${(i * 7919) % 100_003} seq=${i} id=${k}${i.toString(36)} status=ok`,
    );
  }
  bytes += await writeLog(join(tree, 'var/log/messages'), syslogLines, LARGE_T0, 1000, (at, i) => syslogLine(at, `kernel: eth0 rx ${i} packets ok, link up 1000 Mbit/s full duplex`));
  return { bytes, lines, syslogLines };
}
