import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openRootSession } from '../../../electron/core/connect/root/rootSession';
import { shellCommand } from '../../../electron/core/connect/shellQuote';
import { downloadDirectory } from '../../../electron/core/connect/transfer/downloadDirectory';
import type { TransferProgress } from '../../../electron/core/connect/transfer/transferTypes';
import { inPlatform } from '../../lab/platformNamespace';
import { isRoot, startConnectLab } from './connectLab';
import type { ConnectLab } from './connectLab';
import { caught } from '../../support/caughtConnectError';

const OPEN = 'trd-open';
const DROP = 'trd-drop';
const TREE = '/home/admin/tree';
const FILES = ['a b/c d.log', "it's \"q\"/x.txt", '-dash/-f', 'ünï/😀.txt', 'deep/er/and/deeper/file', 'empty'];

const platformSh = (name: string, script: string) => inPlatform(name, ['sh', '-c', script]);

/** Relative path → SHA-256 of every regular file below `dir`, as the platform's own tools see them. */
async function remoteHashes(name: string, dir: string): Promise<Record<string, string>> {
  const { stdout } = await inPlatform(name, ['sh', '-c', 'cd "$1" && find . -type f -exec sha256sum {} +', 'sh', dir]);
  return Object.fromEntries(stdout.trim().split('\n').map((line) => [line.slice(66).replace(/^\.\//, ''), line.slice(0, 64)]));
}

async function localHashes(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      const info = await lstat(path);
      if (info.isDirectory()) await walk(path);
      else if (info.isFile()) out[relative(root, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
    }
  }
  await walk(root);
  return out;
}

describe.skipIf(!isRoot)('downloading folders from lab platforms', () => {
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
      const make = FILES.map((f) => `mkdir -p "$(dirname ${shellCommand([`${TREE}/${f}`])})" && printf '%s' ${shellCommand([f])} > ${shellCommand([`${TREE}/${f}`])}`);
      await platformSh(name, [...make, `: > ${TREE}/empty`, `head -c 24M /dev/urandom > ${TREE}/big.bin`, `ln -s 'a b/c d.log' ${TREE}/current.log`, `chmod 640 ${TREE}/-dash/-f`, `chown -R admin ${TREE}`].join(' && '));
      await platformSh(name, 'mkdir -p /mnt/sda2/private/sub && head -c 1M /dev/urandom > /mnt/sda2/private/sub/key.bin && echo hi > /mnt/sda2/private/note && chmod -R go-rwx /mnt/sda2/private');
    }
  });
  afterAll(async () => {
    await lab?.stop();
  });
  beforeEach(async () => {
    local = await mkdtemp('/var/tmp/apc-transfer-dir-test-');
  });
  afterEach(async () => {
    await rm(local, { recursive: true, force: true });
  });

  for (const name of [OPEN, DROP]) {
    it(`downloads a folder from ${name}: every file verified, symlink and modes kept, progress reported`, async () => {
      const { client } = await connect(name);
      const target = join(local, 'tree copy');
      const events: TransferProgress[] = [];
      const result = await downloadDirectory({ client, remotePath: TREE, localPath: target, onProgress: (p) => events.push(p) });
      expect(await localHashes(target)).toEqual(await remoteHashes(name, TREE));
      expect(await readlink(join(target, 'current.log'))).toBe('a b/c d.log');
      expect((await lstat(join(target, '-dash', '-f'))).mode & 0o777).toBe(0o640);
      expect(result.entries).toMatchObject({ files: FILES.length + 1, symlinks: 1 });
      expect(events.at(-1)).toMatchObject({ bytes: result.bytes, total: null });
      expect(existsSync(`${target}.part`)).toBe(false);
    });

    it(`downloads root's private folder from ${name} only through the root session`, async () => {
      const { client } = await connect(name);
      const denied = await caught(downloadDirectory({ client, remotePath: '/mnt/sda2/private', localPath: join(local, 'private') }));
      expect(denied.code).toBe('remote_failed');
      expect(denied.message).toMatch(/admin may not read .*Download it as root/);
      expect(await readdir(local)).toEqual([]);
      const root = await openRootSession(client, 'iplinux', { platformId: name });
      try {
        await downloadDirectory({ client, as: { root }, remotePath: '/mnt/sda2/private', localPath: join(local, 'private') });
      } finally {
        root.close();
      }
      expect(await localHashes(join(local, 'private'))).toEqual(await remoteHashes(name, '/mnt/sda2/private'));
    });
  }

  it('refuses a folder that changed before it was verified, and leaves nothing behind', async () => {
    const { client } = await connect(OPEN);
    const target = join(local, 'tree');
    const error = await caught(
      downloadDirectory({
        client,
        remotePath: TREE,
        localPath: target,
        onStage: async (stage) => {
          if (stage === 'verify') await platformSh(OPEN, `printf changed > ${shellCommand([`${TREE}/a b/c d.log`])}`);
        },
      }),
    );
    expect(error.code).toBe('verify_failed');
    expect(await readdir(local)).toEqual([]);
    await platformSh(OPEN, `printf %s 'a b/c d.log' > ${shellCommand([`${TREE}/a b/c d.log`])}`);
  });

  it('cancels a folder download and keeps nothing', async () => {
    const { client } = await connect(DROP);
    const abort = new AbortController();
    const error = await caught(
      downloadDirectory({
        client,
        remotePath: TREE,
        localPath: join(local, 'tree'),
        signal: abort.signal,
        onProgress: (p) => {
          if (p.bytes > 1024 * 1024) abort.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(await readdir(local)).toEqual([]);
  });

  it('will not overwrite a folder that is already there, nor take a file for a folder', async () => {
    const { client } = await connect(OPEN);
    await mkdir(join(local, 'there'));
    const exists = await caught(downloadDirectory({ client, remotePath: TREE, localPath: join(local, 'there') }));
    expect(exists.code).toBe('local_failed');
    expect(exists.message).toMatch(/already exists/);
    const file = await caught(downloadDirectory({ client, remotePath: `${TREE}/empty`, localPath: join(local, 'f') }));
    expect(file.message).toMatch(/not a folder/);
  });
});
