import { randomBytes } from 'node:crypto';
import { writeInPlatform } from './platformFilesRemote';

export const LOG_SERVICES = ['manager', 'webserver', 'users', 'devices'] as const;
const MESSAGES = [
  'connection from 10.0.0.%d accepted',
  'db query took %d ms',
  'instance started, pid %d',
  'websocket session %d closed',
  'license check ok (%d users)',
  'WARNING: slow response %d ms',
];

/** Timestamped lines as the AP's services write them, oldest first, ending at `end`. */
export function logLines(service: string, count: number, end: Date, stepMs = 7_000): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(end.getTime() - (count - i) * stepMs);
    const text = (MESSAGES[(i * 7 + service.length) % MESSAGES.length] ?? '').replace('%d', String((i * 37) % 997));
    lines.push(`${at.toISOString().replace('T', ' ').replace('Z', '')} ${service}: ${text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** /var/log/apps/<service>/<service>.log with two rotated generations, and the system log. */
export async function writeServiceLogs(name: string, linesPerFile = 400): Promise<void> {
  const now = new Date();
  for (const service of LOG_SERVICES) {
    for (const generation of [2, 1, 0]) {
      const end = new Date(now.getTime() - generation * linesPerFile * 7_000);
      const file = `/var/log/apps/${service}/${service}.log${generation === 0 ? '' : `.${generation}`}`;
      await writeInPlatform(name, file, logLines(service, linesPerFile, end));
    }
  }
  await writeInPlatform(name, '/var/log/messages', logLines('kernel', 100, now));
}

/** Core dumps as the kernel leaves them: /var/log/core_dumps/<service>/core.<pid>, ELF files of the given size. */
export async function writeCoreDumps(name: string, service: string, count: number, sizeKiB: number): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = randomBytes(sizeKiB * 1024);
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(body);
    const path = `/var/log/core_dumps/${service}/core.${1000 + i}`;
    await writeInPlatform(name, path, body);
    paths.push(path);
  }
  return paths;
}
