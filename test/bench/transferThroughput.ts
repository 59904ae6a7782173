import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openRootSession } from '../../electron/core/connect/root/rootSession';
import { shellCommand } from '../../electron/core/connect/shellQuote';
import { connectTarget } from '../../electron/core/connect/sshConnect';
import { execStream } from '../../electron/core/connect/sshExec';
import { downloadFile } from '../../electron/core/connect/transfer/downloadFile';
import type { MethodChoice } from '../../electron/core/connect/transfer/transferTypes';
import { startConnectLab } from '../integration/connect/connectLab';
import type { ConnectLab } from '../integration/connect/connectLab';
import { requireRoot } from '../lab/lab';
import { sshOptions } from '../lab/labClients';
import { inPlatform } from '../lab/platformNamespace';
import { run } from '../lab/run';

/**
 * Downloads one large file from a lab platform (over its network namespace) with OpenSSH's scp and sftp and
 * with this project's transfer module, in the same run, round by round, and prints MB/s and the ratios.
 * Client and platform share this machine's CPUs: every figure includes the platform's side too.
 */
const SIZE_MIB = Number(process.env.TRANSFER_BENCH_MIB ?? 1024);
const ROUNDS = Number(process.env.TRANSFER_BENCH_ROUNDS ?? 3);
const PLATFORM = 'bench-xfer';
const ADMIN_FILE = '/home/admin/bench.bin';
const ROOT_FILE = '/mnt/sda2/bench-root.bin';
const PASSWORDS = { admin: 'ipapps', root: 'iplinux' };

interface Method {
  label: string;
  group: 'openssh' | 'admin' | 'root' | 'info';
  /** Leaves no local file (checks its byte count itself). */
  noFile?: true;
  run(localPath: string): Promise<void>;
}

async function main(): Promise<void> {
  requireRoot();
  let lab: ConnectLab | undefined;
  const work = await mkdtemp('/var/tmp/apc-bench-transfer-');
  try {
    lab = await startConnectLab({ platforms: [{ name: PLATFORM, kind: 'light', diskMiB: Math.max(64, SIZE_MIB + 380) }] });
    const address = lab.platform(PLATFORM).address;
    const bytes = SIZE_MIB * 1024 * 1024;
    console.log(`Making a ${SIZE_MIB} MiB file on ${PLATFORM} (${address}), admin-readable, and a root-owned copy (mode 600)…`);
    await inPlatform(PLATFORM, ['sh', '-c', `head -c ${SIZE_MIB}M /dev/urandom > ${ADMIN_FILE} && chown admin ${ADMIN_FILE} && cp ${ADMIN_FILE} ${ROOT_FILE} && chmod 600 ${ROOT_FILE} && touch -d '1 hour ago' ${ADMIN_FILE} ${ROOT_FILE} && cat ${ADMIN_FILE} ${ROOT_FILE} > /dev/null && sync`]);
    const target = lab.target(PLATFORM);
    await lab.trust(target);
    const knownHosts = join(work, 'known_hosts');
    await writeFile(knownHosts, '');
    const env = { ...process.env, SSHPASS: PASSWORDS.admin };
    const openssh = async (program: string, args: string[], input?: string) => {
      const result = await run('sshpass', ['-e', program, ...sshOptions(knownHosts), ...args], { env, input, allowFailure: true });
      if (result.code !== 0) throw new Error(`${program} failed: ${result.stderr.trim()}`);
    };
    const module = (method: MethodChoice, as: 'admin' | 'root') => async (localPath: string) => {
      const activeLab = lab as ConnectLab;
      const link = await connectTarget(target, activeLab.connectOptions());
      try {
        const root = as === 'root' ? await openRootSession(link.client, PASSWORDS.root, { platformId: PLATFORM }) : undefined;
        const result = await downloadFile({ client: link.client, as: root ? { root } : 'admin', remotePath: root ? ROOT_FILE : ADMIN_FILE, localPath, method });
        root?.close();
        if (result.bytes !== bytes) throw new Error(`downloaded ${result.bytes} bytes, expected ${bytes}`);
      } finally {
        link.close();
      }
    };
    /** What the SSH transport alone gives: cat over an ssh2 exec channel, bytes counted and dropped (no hash, no disk). */
    const transportOnly = async () => {
      const link = await connectTarget(target, (lab as ConnectLab).connectOptions());
      try {
        const running = await execStream(link.client, shellCommand(['cat', '--', ADMIN_FILE]));
        let received = 0;
        running.channel.on('data', (chunk: Buffer) => (received += chunk.length));
        await running.done;
        if (received !== bytes) throw new Error(`transport read ${received} bytes, expected ${bytes}`);
      } finally {
        link.close();
      }
    };
    const methods: Method[] = [
      { label: 'OpenSSH scp -O (legacy SCP)', group: 'openssh', run: (local) => openssh('scp', ['-O', `admin@${address}:${ADMIN_FILE}`, local]) },
      { label: 'OpenSSH scp (SFTP based)', group: 'openssh', run: (local) => openssh('scp', [`admin@${address}:${ADMIN_FILE}`, local]) },
      { label: 'OpenSSH sftp get', group: 'openssh', run: (local) => openssh('sftp', [`admin@${address}`], `get ${ADMIN_FILE} ${local}\n`) },
      { label: 'OpenSSH scp -O, aes128-gcm cipher', group: 'info', run: (local) => openssh('scp', ['-O', '-c', 'aes128-gcm@openssh.com', `admin@${address}:${ADMIN_FILE}`, local]) },
      { label: 'module, admin, auto', group: 'admin', run: module('auto', 'admin') },
      { label: 'module, admin, cat', group: 'admin', run: module('cat', 'admin') },
      { label: 'module, admin, sftp', group: 'admin', run: module('sftp', 'admin') },
      { label: 'module, root via su', group: 'root', run: module('auto', 'root') },
      { label: 'ssh2 exec cat, no hash, no disk', group: 'info', noFile: true, run: transportOnly },
    ];

    const seconds = new Map<string, number[]>(methods.map((m) => [m.label, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so that no method always runs first or last.
      const order = methods.map((_, i) => methods[(i + round * 3) % methods.length] as Method);
      for (const method of order) {
        const localPath = join(work, 'download.bin');
        const started = performance.now();
        await method.run(localPath);
        const elapsed = (performance.now() - started) / 1000;
        const size = method.noFile ? bytes : (await stat(localPath)).size;
        if (size !== bytes) throw new Error(`${method.label} left ${size} bytes, expected ${bytes}`);
        await rm(localPath, { force: true });
        seconds.get(method.label)?.push(elapsed);
        console.log(`round ${round + 1}/${ROUNDS}  ${method.label.padEnd(36)} ${(bytes / elapsed / 1e6).toFixed(1).padStart(7)} MB/s`);
      }
    }

    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
    };
    const rate = (label: string) => bytes / median(seconds.get(label) ?? [Infinity]) / 1e6;
    const best = (label: string) => bytes / Math.min(...(seconds.get(label) ?? [Infinity])) / 1e6;
    const reference = methods.filter((m) => m.group === 'openssh');
    const fastestOpenssh = Math.max(...reference.map((m) => rate(m.label)));
    const header = ['method', 'MB/s (median)', 'MB/s (best)', ...reference.map((m) => `x ${m.label.replace('OpenSSH ', '').replace(/ \(.*\)/, '')}`)];
    const rows = methods.map((m) => [m.label, rate(m.label).toFixed(1), best(m.label).toFixed(1), ...reference.map((r) => (rate(m.label) / rate(r.label)).toFixed(2))]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    console.log(`\n${SIZE_MIB} MiB, ${ROUNDS} rounds, connection and login included in every figure. The module also has the platform and this side\nSHA-256 the file and fsyncs it; OpenSSH does neither. 'ssh2 exec cat' is the module's transport alone.`);
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    const admin = Math.max(...methods.filter((m) => m.group === 'admin').map((m) => rate(m.label)));
    const root = rate('module, root via su');
    console.log(`\nadmin: ${(admin / fastestOpenssh).toFixed(2)}x the fastest OpenSSH tool (target 1.0); root via su: ${(root / fastestOpenssh).toFixed(2)}x (target 0.9)`);
  } finally {
    await rm(work, { recursive: true, force: true });
    await lab?.stop();
  }
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
