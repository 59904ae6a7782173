import { spawn } from 'node:child_process';
import { open, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAuditLog } from '../../electron/core/audit/auditLog';
import { openRootSession } from '../../electron/core/connect/root/rootSession';
import { connectTarget } from '../../electron/core/connect/sshConnect';
import { collectBundle } from '../../electron/core/retrieval/bundle/collectBundle';
import { BUNDLE_XZ_PRESET } from '../../electron/core/retrieval/bundle/xzFileWriter';
import { startConnectLab } from '../integration/connect/connectLab';
import type { ConnectLab } from '../integration/connect/connectLab';
import { requireRoot } from '../lab/lab';
import { sshOptions } from '../lab/labClients';
import { inPlatform } from '../lab/platformNamespace';

/**
 * Makes a log tree of BUNDLE_BENCH_MIB (default 1024) MiB of log text on a lab platform, then times in the same run
 * (a) collectBundle (root via su, tar streamed, xz in WebAssembly on this side, sha256 of every file, read back and
 * checked) and (b) the wiki's manual way with OpenSSH: `ssh admin@ap 'tar -cf - /var/log | xz -z -' > file`, plus
 * the platform's sha256sum of every file. Client and platform share this machine's CPUs. Figures only, no assertions.
 */
const SIZE_MIB = Number(process.env.BUNDLE_BENCH_MIB ?? 1024);
const PLATFORM = 'bench-bundle';
const PASSWORDS = { admin: 'ipapps', root: 'iplinux' };
const SERVICES = ['manager', 'webserver', 'devices', 'users', 'pbxmanager', 'reports', 'fax', 'voicemail'];
const FILE_MIB = 8;

/** awk that writes log files of FILE_MIB MiB each: timestamped lines of a few dozen message templates with varying fields. */
const GENERATOR = `
awk -v services="$1" -v files="$2" -v bytes="$3" 'BEGIN {
  n = split(services, svc, " "); srand(7); t = 1700000000;
  m[1] = "connection from 10.0.%d.%d accepted, session %d";
  m[2] = "db query on %s took %d ms";
  m[3] = "instance %s started, pid %d";
  m[4] = "websocket session %d closed by peer (code %d)";
  m[5] = "license check ok (%d users, %d devices)";
  m[6] = "WARNING: slow response from %s: %d ms";
  m[7] = "user user%d@example.com logged in from 192.168.%d.%d";
  m[8] = "registration of device %d refreshed, expires %d";
  m[9] = "ERROR: request GET /api/v1/%s/%d failed with status %d";
  m[10] = "backup of %s finished, %d kB written";
  for (f = 0; f < files; f++) {
    s = svc[(f % n) + 1]; g = int(f / n);
    file = "/var/log/apps/" s "/" s ".log" (g == 0 ? "" : "." g);
    system("mkdir -p /var/log/apps/" s);
    written = 0;
    while (written < bytes) {
      t += rand() * 3; k = int(rand() * 10) + 1;
      ts = strftime("%Y-%m-%d %H:%M:%S", t, 1) sprintf(".%03d", int(rand() * 1000));
      msg = sprintf(m[k], int(rand() * 255), int(rand() * 2000), int(rand() * 100000));
      if (k == 2 || k == 3 || k == 6 || k == 9 || k == 10) msg = sprintf(m[k], svc[int(rand() * n) + 1], int(rand() * 900), int(rand() * 600));
      line = ts " " s "[" 1000 + (f % 50) "]: " msg "\\n";
      printf "%s", line > file; written += length(line);
    }
    close(file);
  }
}'`;

function timeSpawn(program: string, args: string[], env: NodeJS.ProcessEnv, outPath?: string): Promise<{ seconds: number; code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    void (async () => {
      const out = outPath ? await open(outPath, 'w') : undefined;
      const child = spawn(program, args, { env, stdio: ['ignore', out ? out.fd : 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        void out?.close();
        resolve({ seconds: (performance.now() - started) / 1000, code, stdout });
      });
    })().catch(reject);
  });
}

async function main(): Promise<void> {
  requireRoot();
  let lab: ConnectLab | undefined;
  const work = await mkdtemp('/var/tmp/apc-bench-bundle-');
  try {
    lab = await startConnectLab({ platforms: [{ name: PLATFORM, kind: 'light', diskMiB: Math.max(256, Math.ceil(SIZE_MIB * 1.3) + 256) }] });
    const address = lab.platform(PLATFORM).address;
    const files = Math.max(1, Math.round(SIZE_MIB / FILE_MIB));
    console.log(`Writing ${files} log files of ${FILE_MIB} MiB (${files * FILE_MIB} MiB) on ${PLATFORM} (${address})…`);
    const generated = performance.now();
    await inPlatform(PLATFORM, ['sh', '-c', GENERATOR, 'sh', SERVICES.join(' '), String(files), String(FILE_MIB * 1024 * 1024)]);
    await inPlatform(PLATFORM, ['sh', '-c', 'chmod -R a+rX /var/log && sync && cat $(find /var/log -type f) > /dev/null']);
    const treeBytes = Number((await inPlatform(PLATFORM, ['sh', '-c', 'find /var/log -type f -exec stat -c %s {} + | awk "{s+=\\$1} END {printf \\"%.0f\\", s}"'])).stdout);
    console.log(`  ${(treeBytes / 1024 / 1024).toFixed(0)} MiB of logs in ${((performance.now() - generated) / 1000).toFixed(0)} s`);
    const target = lab.target(PLATFORM);
    await lab.trust(target);

    // (a) the console
    const link = await connectTarget(target, lab.connectOptions());
    let bundle;
    const started = performance.now();
    try {
      const root = await openRootSession(link.client, PASSWORDS.root, { platformId: PLATFORM });
      let lastPrint = 0;
      bundle = await collectBundle({
        client: link.client,
        root,
        platform: { id: PLATFORM, name: PLATFORM, siteName: 'Bench', address },
        includeCoreDumps: true,
        targetDir: join(work, 'bundles'),
        status: null,
        alarms: [],
        audit: createAuditLog(join(work, 'data')),
        signal: new AbortController().signal,
        onProgress: (p) => {
          if (performance.now() - lastPrint < 10_000) return;
          lastPrint = performance.now();
          console.log(`  collectBundle: ${(p.bytesDone / 1e6).toFixed(0)} of ${p.bytesTotal === null ? '?' : (p.bytesTotal / 1e6).toFixed(0)} MB`);
        },
      });
      root.close();
    } finally {
      link.close();
    }
    const consoleSeconds = (performance.now() - started) / 1000;

    // (b) the wiki's manual way (P17), with OpenSSH's ssh; then the platform's sha256sum of every file.
    const knownHosts = join(work, 'known_hosts');
    await writeFile(knownHosts, '');
    const env = { ...process.env, SSHPASS: PASSWORDS.admin };
    const manualPath = join(work, 'log.tar.xz');
    const ssh = (command: string, outPath?: string) => timeSpawn('sshpass', ['-e', 'ssh', ...sshOptions(knownHosts), `admin@${address}`, command], env, outPath);
    const tarXz = await ssh('tar -cf - /var/log/* 2>/dev/null | xz -z -', manualPath);
    const sums = await ssh('find /var/log -type f -exec sha256sum {} + | wc -l');
    const manualSeconds = tarXz.seconds + sums.seconds;
    const manualBytes = (await stat(manualPath)).size;

    const mb = treeBytes / 1e6;
    const row = (label: string, seconds: number, bytes: number) =>
      `${label.padEnd(44)} ${seconds.toFixed(1).padStart(7)} s ${(mb / seconds).toFixed(1).padStart(7)} MB/s   ${(bytes / 1e6).toFixed(1).padStart(7)} MB  ratio ${(treeBytes / bytes).toFixed(2)}`;
    console.log(`\n${(treeBytes / 1024 / 1024).toFixed(0)} MiB log tree (${files} files), client and platform on the same machine:`);
    console.log(row(`collectBundle (xz preset ${BUNDLE_XZ_PRESET}, wasm, verified)`, consoleSeconds, bundle.bytes));
    console.log(row('ssh tar | xz -z - (platform xz -6) + sha256sum', manualSeconds, manualBytes));
    console.log(`  of which tar | xz ${tarXz.seconds.toFixed(1)} s, sha256sum of ${sums.stdout.trim()} files ${sums.seconds.toFixed(1)} s`);
    console.log(`collectBundle takes ${(consoleSeconds / manualSeconds).toFixed(2)}x the manual way's time; bundle problems: ${bundle.problems.length}`);
  } finally {
    await rm(work, { recursive: true, force: true });
    await lab?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
