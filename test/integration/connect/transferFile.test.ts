import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openRootSession } from '../../../electron/core/connect/root/rootSession';
import { shellCommand } from '../../../electron/core/connect/shellQuote';
import { downloadFile } from '../../../electron/core/connect/transfer/downloadFile';
import type { DownloadFileOptions } from '../../../electron/core/connect/transfer/downloadFile';
import { AUTO_ORDER } from '../../../electron/core/connect/transfer/methodChoice';
import { partPath, sidecarPath } from '../../../electron/core/connect/transfer/partFile';
import { sftpSession } from '../../../electron/core/connect/transfer/sftpSession';
import type { TransferProgress } from '../../../electron/core/connect/transfer/transferTypes';
import { inPlatform } from '../../lab/platformNamespace';
import { run } from '../../lab/run';
import { isRoot, startConnectLab } from './connectLab';
import type { ConnectLab } from './connectLab';
import { caught } from '../../support/caughtConnectError';

const OPEN = 'tr-open';
const DROP = 'tr-drop';
const BIG = '/home/admin/big.bin';
const BIG_MIB = 160;
const ROOT_BIG = '/home/root/big-root.bin';
const AWKWARD = ['with space.txt', "it's \"quoted\".txt", '-leading-dash.txt', 'ünïcødé 😀.txt', '$(touch pwned).txt'];

/** Runs shell text as root inside the platform. */
const platformSh = (name: string, script: string) => inPlatform(name, ['sh', '-c', script]);
const remoteSha = async (name: string, path: string) => (await inPlatform(name, ['sha256sum', '--', path])).stdout.slice(0, 64);
const localSha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
const sizeOf = (path: string) => stat(path).then((s) => s.size, () => -1);

/** Calls `act` once the partial file holds at least `bytes` (polled), while `work` runs. */
async function whenPartReaches(localPath: string, bytes: number, act: () => void, work: Promise<unknown>): Promise<void> {
  let settled = false;
  void work.then(() => (settled = true), () => (settled = true));
  while (!settled) {
    if ((await sizeOf(partPath(localPath))) >= bytes) {
      act();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error('the download ended before the partial file reached the mark; use a larger file');
}

describe.skipIf(!isRoot)('downloading files from lab platforms', () => {
  let lab: ConnectLab;
  let local: string;
  const connect = (name: string) => lab.connect(name);

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: OPEN, kind: 'light', diskMiB: 64 },
        { name: DROP, kind: 'light', diskMiB: 64, sshServer: 'dropbear' },
      ],
    });
    for (const name of [OPEN, DROP]) {
      await lab.trust(lab.target(name));
      const names = AWKWARD.map((n) => `/home/admin/${n}`);
      await platformSh(name, `for f in ${names.map((n) => shellCommand([n])).join(' ')}; do printf 'content of %s\\n' "$f" > "$f"; done; chown admin /home/admin/*`);
      await platformSh(name, `head -c ${BIG_MIB}M /dev/urandom > ${BIG} && chown admin ${BIG} && touch -d '1 hour ago' ${BIG}`);
      await platformSh(name, "head -c 3M /dev/urandom > /mnt/sda2/secret.bin && chmod 600 /mnt/sda2/secret.bin && touch -d '1 hour ago' /mnt/sda2/secret.bin");
      await platformSh(name, `cp ${BIG} ${ROOT_BIG} && chown root ${ROOT_BIG} && chmod 600 ${ROOT_BIG} && touch -d '1 hour ago' ${ROOT_BIG}`);
    }
  });
  afterAll(async () => {
    await lab?.stop();
  });
  beforeEach(async () => {
    local = await mkdtemp('/var/tmp/apc-transfer-test-');
  });
  afterEach(async () => {
    await rm(local, { recursive: true, force: true });
  });

  it('probes SFTP once per connection: OpenSSH has it, dropbear has none', async () => {
    const open = await connect(OPEN);
    const first = await sftpSession(open.client);
    expect(first).toBeDefined();
    expect(await sftpSession(open.client)).toBe(first);
    expect(await sftpSession((await connect(DROP)).client)).toBeUndefined();
  });

  for (const [name, methods] of [[OPEN, ['auto', 'sftp', 'cat']], [DROP, ['auto', 'cat']]] as const) {
    it(`downloads awkward file names from ${name} with ${methods.join(', ')}, verified by the platform's hash`, async () => {
      const { client } = await connect(name);
      for (const method of methods) {
        for (const file of AWKWARD) {
          const localPath = join(local, method, file);
          const result = await downloadFile({ client, remotePath: `/home/admin/${file}`, localPath, method });
          const expected = method === 'auto' ? (name === OPEN ? AUTO_ORDER[0] : 'cat') : method;
          expect(result.method).toBe(expected);
          expect(await readFile(localPath, 'utf8')).toBe(`content of /home/admin/${file}\n`);
          expect(result.sha256).toBe(await remoteSha(name, `/home/admin/${file}`));
          expect(existsSync(partPath(localPath)) || existsSync(sidecarPath(localPath))).toBe(false);
        }
      }
      expect((await inPlatform(name, ['ls', '/home/admin'])).stdout.split('\n')).not.toContain('pwned');
    });
  }

  it('refuses SFTP where the server has none, with what to do instead', async () => {
    const error = await caught(downloadFile({ client: (await connect(DROP)).client, remotePath: '/home/admin/with space.txt', localPath: join(local, 'x'), method: 'sftp' }));
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/no SFTP server.*automatic method/);
  });

  for (const name of [OPEN, DROP]) {
    it(`says clearly when the file on ${name} is missing, a folder, or root's`, async () => {
      const { client } = await connect(name);
      const missing = await caught(downloadFile({ client, remotePath: '/home/admin/gone.log', localPath: join(local, 'gone') }));
      expect(missing.code).toBe('remote_failed');
      expect(missing.message).toMatch(/does not exist on the platform/);
      const folder = await caught(downloadFile({ client, remotePath: '/home/admin', localPath: join(local, 'home') }));
      expect(folder.message).toMatch(/is a folder/);
      const secret = await caught(downloadFile({ client, remotePath: '/mnt/sda2/secret.bin', localPath: join(local, 'secret') }));
      expect(secret.message).toMatch(/admin may not read .*Download it as root/);
      expect(existsSync(join(local, 'secret'))).toBe(false);
    });

    it(`downloads a root-owned file (mode 600) from ${name} through the root session`, async () => {
      const { client } = await connect(name);
      const root = await openRootSession(client, 'iplinux', { platformId: name });
      try {
        const localPath = join(local, 'secret.bin');
        const result = await downloadFile({ client, as: { root }, remotePath: '/mnt/sda2/secret.bin', localPath });
        expect(result.bytes).toBe(3 * 1024 * 1024);
        expect(await localSha(localPath)).toBe(await remoteSha(name, '/mnt/sda2/secret.bin'));
        const sftp = await caught(downloadFile({ client, as: { root }, remotePath: '/mnt/sda2/secret.bin', localPath: join(local, 'again'), method: 'sftp' }));
        expect(sftp.code).toBe('protocol');
      } finally {
        root.close();
      }
    });
  }

  it('refuses a download whose file changed before it was verified, and keeps nothing under the final name', async () => {
    const { client } = await connect(OPEN);
    await platformSh(OPEN, "head -c 1M /dev/urandom > /home/admin/changing.bin && chown admin /home/admin/changing.bin && touch -d '1 hour ago' /home/admin/changing.bin");
    for (const method of ['cat', 'sftp'] as const) {
      const localPath = join(local, `changing-${method}.bin`);
      const stages: string[] = [];
      const error = await caught(
        downloadFile({
          client,
          remotePath: '/home/admin/changing.bin',
          localPath,
          method,
          onStage: async (stage) => {
            stages.push(stage);
            // Same size, other bytes: only the hash can tell.
            if (stage === 'verify') await platformSh(OPEN, 'head -c 1M /dev/urandom | dd of=/home/admin/changing.bin conv=notrunc status=none');
          },
        }),
      );
      expect(error.code).toBe('verify_failed');
      expect(error.message).toMatch(/changed on the platform or was damaged/);
      expect(stages).toEqual(['transfer', 'verify']);
      expect(existsSync(localPath)).toBe(false);
      expect(existsSync(partPath(localPath))).toBe(false);
    }
  });

  it('accepts a log that only grew since it was read, as the prefix it had', async () => {
    const { client } = await connect(DROP);
    await platformSh(DROP, "seq 1 100000 > /home/admin/app.log && chown admin /home/admin/app.log && touch -d '1 hour ago' /home/admin/app.log");
    const before = (await inPlatform(DROP, ['stat', '-c', '%s', '/home/admin/app.log'])).stdout.trim();
    const localPath = join(local, 'app.log');
    const result = await downloadFile({
      client,
      remotePath: '/home/admin/app.log',
      localPath,
      onStage: async (stage) => {
        if (stage === 'verify') await platformSh(DROP, 'seq 100001 100100 >> /home/admin/app.log');
      },
    });
    expect(result.bytes).toBe(Number(before));
    expect((await readFile(localPath, 'utf8')).split('\n').at(-2)).toBe('100000');
  });

  for (const [name, method] of [[OPEN, 'cat'], [OPEN, 'sftp'], [DROP, 'cat']] as const) {
    it(`resumes from the offset after the connection to ${name} is cut (${method})`, async () => {
      const localPath = join(local, 'big.bin');
      const first = await connect(name);
      const cutAt = 24 * 1024 * 1024;
      const download = downloadFile({ client: first.client, remotePath: BIG, localPath, method });
      await whenPartReaches(localPath, cutAt, () => first.client.destroy(), download);
      const cut = await caught(download);
      expect(cut.code).toBe('disconnected');
      expect(cut.message).toMatch(/partial file is kept/);
      const kept = await sizeOf(partPath(localPath));
      expect(kept).toBeGreaterThanOrEqual(cutAt);
      expect(kept).toBeLessThan(BIG_MIB * 1024 * 1024);
      expect(existsSync(localPath)).toBe(false);

      const second = await connect(name);
      const result = await downloadFile({ client: second.client, remotePath: BIG, localPath, method });
      expect(result.resumedFrom).toBe(kept);
      expect(result.transferred).toBe(BIG_MIB * 1024 * 1024 - kept);
      expect(await localSha(localPath)).toBe(await remoteSha(name, BIG));
    });
  }

  it('reconnects by itself after a cut and goes on from the offset', async () => {
    const localPath = join(local, 'big.bin');
    const first = await connect(DROP);
    let reconnects = 0;
    const options: DownloadFileOptions = {
      client: first.client,
      remotePath: BIG,
      localPath,
      reconnectDelayMs: 50,
      reconnect: async () => {
        reconnects++;
        return { client: (await connect(DROP)).client };
      },
    };
    const download = downloadFile(options);
    await whenPartReaches(localPath, 16 * 1024 * 1024, () => first.client.destroy(), download);
    const result = await download;
    expect(reconnects).toBe(1);
    expect(result.reconnects).toBe(1);
    expect(result.resumedFrom).toBe(0);
    // Bytes are fetched once: the second attempt starts where the first stopped.
    expect(result.transferred).toBe(BIG_MIB * 1024 * 1024);
    expect(await localSha(localPath)).toBe(await remoteSha(DROP, BIG));
  });

  for (const name of [OPEN, DROP]) {
    it(`resumes a root-owned download from ${name} after a cut, on a new connection and a new root session`, async () => {
      const localPath = join(local, 'root-big.bin');
      const rootLink = async () => {
        const { client } = await connect(name);
        return { client, as: { root: await openRootSession(client, 'iplinux', { platformId: name }) } };
      };
      const first = await rootLink();
      let reconnects = 0;
      const download = downloadFile({
        ...first,
        remotePath: ROOT_BIG,
        localPath,
        reconnectDelayMs: 50,
        reconnect: async () => {
          reconnects++;
          return rootLink();
        },
      });
      await whenPartReaches(localPath, 24 * 1024 * 1024, () => first.client.destroy(), download);
      const result = await download;
      expect(reconnects).toBe(1);
      expect(result.reconnects).toBe(1);
      expect(result.transferred).toBe(BIG_MIB * 1024 * 1024);
      expect(await localSha(localPath)).toBe(await remoteSha(name, ROOT_BIG));
    });
  }

  it('starts over when the remote file changed between two attempts', async () => {
    const localPath = join(local, 'big.bin');
    await platformSh(OPEN, `cp ${BIG} /home/admin/moving.bin && chown admin /home/admin/moving.bin`);
    const first = await connect(OPEN);
    const download = downloadFile({ client: first.client, remotePath: '/home/admin/moving.bin', localPath });
    await whenPartReaches(localPath, 8 * 1024 * 1024, () => first.client.destroy(), download);
    await caught(download);
    await platformSh(OPEN, "head -c 5M /dev/urandom > /home/admin/moving.bin && touch -d '2 hours ago' /home/admin/moving.bin");
    const result = await downloadFile({ client: (await connect(OPEN)).client, remotePath: '/home/admin/moving.bin', localPath });
    expect(result.resumedFrom).toBe(0);
    expect(result.bytes).toBe(5 * 1024 * 1024);
    expect(await localSha(localPath)).toBe(await remoteSha(OPEN, '/home/admin/moving.bin'));
  });

  it('cancels: the remote read stops, the partial file stays for a resume, nothing under the final name', async () => {
    const localPath = join(local, 'big.bin');
    const { client } = await connect(OPEN);
    const abort = new AbortController();
    const download = downloadFile({ client, remotePath: BIG, localPath, signal: abort.signal });
    await whenPartReaches(localPath, 8 * 1024 * 1024, () => abort.abort(), download);
    const error = await caught(download);
    expect(error.code).toBe('cancelled');
    expect(existsSync(localPath)).toBe(false);
    const kept = await sizeOf(partPath(localPath));
    expect(kept).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(sidecarPath(localPath), 'utf8'))).toMatchObject({ identity: { remotePath: BIG, who: 'admin', size: BIG_MIB * 1024 * 1024 } });
    // The cancelled cat is gone on the platform: no reader of the file is left.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await run('pgrep', ['-f', `^cat -- ${BIG}`], { allowFailure: true })).stdout.trim()).toBe('');
    const result = await downloadFile({ client, remotePath: BIG, localPath });
    expect(result.resumedFrom).toBe(kept);
  });

  it('reports progress at most four times a second, with rate and time left, and a last report at the end', async () => {
    const localPath = join(local, 'big.bin');
    const { client } = await connect(DROP);
    const events: Array<TransferProgress & { at: number }> = [];
    const started = performance.now();
    const result = await downloadFile({ client, remotePath: BIG, localPath, onProgress: (p) => events.push({ ...p, at: performance.now() }) });
    const seconds = (performance.now() - started) / 1000;
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 2);
    for (let i = 1; i < events.length - 1; i++) expect((events[i]?.at ?? 0) - (events[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(245);
    const last = events.at(-1) as TransferProgress;
    expect(last).toMatchObject({ bytes: result.bytes, total: result.bytes, etaSeconds: 0 });
    const middle = events[1] as TransferProgress;
    expect(middle.rate).toBeGreaterThan(0);
    expect(middle.etaSeconds).toBeGreaterThan(0);
  });

  it('stops with a clear error on a full local disk and keeps the partial file for a resume', async () => {
    const small = join(local, 'small-disk');
    await mkdir(small);
    await run('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'apc-transfer-enospc', small]);
    try {
      const localPath = join(small, 'big.bin');
      const error = await caught(downloadFile({ client: (await connect(OPEN)).client, remotePath: BIG, localPath }));
      expect(error.code).toBe('local_failed');
      expect(error.message).toMatch(/local disk is full.*download again to continue/);
      expect(existsSync(localPath)).toBe(false);
      const kept = await sizeOf(partPath(localPath));
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThanOrEqual(4 * 1024 * 1024);
    } finally {
      await run('umount', [small]);
    }
  });
});
