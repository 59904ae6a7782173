import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellCommand } from '../../../electron/core/connect/shellQuote';
import { connectTarget } from '../../../electron/core/connect/sshConnect';
import type { SshLink } from '../../../electron/core/connect/sshConnect';
import { exec } from '../../../electron/core/connect/sshExec';
import { inPlatform } from '../../lab/platformNamespace';
import { batchByCommandBytes, describeMismatch, executingPieces, fuzzSeed, generateShellArguments } from '../../support/shellArgumentGenerator';
import { isRoot, startConnectLab } from './connectLab';
import type { ConnectLab } from './connectLab';

const FUZZ_COUNT = 3000;

const PLATFORMS = [
  // OpenSSH hands the command to `sh -c`: one argument, at most 128 KiB on Linux.
  { name: 'quote-open', sshServer: 'openssh', commandBytes: 100 * 1024 },
  // dropbear closes the whole connection on a command longer than 9000 bytes (its MAX_CMD_LEN).
  { name: 'quote-drop', sshServer: 'dropbear', commandBytes: 9000 },
] as const;

const hasBusybox = ['/bin/busybox', '/usr/bin/busybox'].some((path) => existsSync(path));

/** How the printf command reaches a shell: the login shell parses what SSH sends, and may start another shell. */
const ROUTES: ReadonlyArray<{ via: string; wrap: (command: string) => string; skip?: boolean }> = [
  { via: 'the login shell', wrap: (command) => command },
  { via: 'bash -c', wrap: (command) => shellCommand(['bash', '-c', command]) },
  { via: 'dash -c', wrap: (command) => shellCommand(['dash', '-c', command]) },
  { via: 'busybox sh -c (the ash of a real AP)', wrap: (command) => shellCommand(['busybox', 'sh', '-c', command]), skip: !hasBusybox },
];

describe.skipIf(!isRoot)('shell quoting against the login shells of lab platforms', () => {
  const seed = fuzzSeed();
  const replay = `replay with SHELL_FUZZ_SEED=${seed}`;
  const markerName = `fuzz-pwned-${randomBytes(6).toString('hex')}`;
  const args = generateShellArguments({ seed, count: FUZZ_COUNT, markerPrefix: `/tmp/${markerName}` });
  const links = new Map<string, SshLink>();
  const homeBefore = new Map<string, string>();
  let lab: ConnectLab;

  /** Files that parsed pieces would leave, as root inside the platform sees them. */
  const markers = async (name: string) => (await inPlatform(name, ['ls', '-A', '/tmp'])).stdout.split('\n').filter((file) => file.startsWith(markerName));
  const homeListing = async (name: string) => (await inPlatform(name, ['ls', '-A', '/home/admin'])).stdout;
  const link = (name: string) => {
    const found = links.get(name);
    if (!found) throw new Error(`not connected to ${name}`);
    return found;
  };

  beforeAll(async () => {
    lab = await startConnectLab({ platforms: PLATFORMS.map(({ name, sshServer }) => ({ name, sshServer, kind: 'light', diskMiB: 32 })) });
    for (const { name } of PLATFORMS) {
      const target = lab.target(name);
      await lab.trust(target);
      links.set(name, await connectTarget(target, lab.connectOptions()));
      homeBefore.set(name, await homeListing(name));
    }
  });
  afterAll(async () => {
    for (const { name } of PLATFORMS) {
      const leftovers = await markers(name).catch(() => []);
      if (leftovers.length > 0) await inPlatform(name, ['rm', '-f', '--', ...leftovers.map((file) => `/tmp/${file}`)]);
    }
    for (const open of links.values()) open.close();
    await lab?.stop();
  });

  for (const { name, sshServer, commandBytes } of PLATFORMS) {
    it(`${sshServer}: admin's login shell is /bin/sh, which parses the command line SSH sends`, async () => {
      const { stdout } = await exec(link(name).client, shellCommand(['getent', 'passwd', 'admin']));
      expect(stdout.toString().trim().split(':')[6]).toBe('/bin/sh');
    });

    it(`${sshServer}: the checks notice an unquoted piece that runs`, async () => {
      const piece = executingPieces((tag) => `/tmp/${markerName}-${tag}`)[0] ?? '';
      const result = await exec(link(name).client, `printf '%s\\0' ${piece}`);
      expect(describeMismatch([piece], result.stdout, seed)).toMatch(/differs/);
      expect(await markers(name)).toEqual([`${markerName}-subst`]);
      await inPlatform(name, ['rm', '-f', `/tmp/${markerName}-subst`]);
    });

    for (const { via, wrap, skip } of ROUTES) {
      it.skipIf(skip)(`${sshServer} through ${via}: ${FUZZ_COUNT} arguments arrive exactly and nothing else runs`, async () => {
        const build = (batch: readonly string[]) => wrap(shellCommand(['printf', '%s\\0', ...batch]));
        const { batches, oversized } = batchByCommandBytes(args, build, commandBytes);
        // Arguments too long for dropbear once quoted are covered by OpenSSH, which takes them all.
        if (sshServer === 'openssh') expect(oversized, replay).toEqual([]);
        else expect(oversized.length, replay).toBeLessThan(args.length / 100);
        for (const batch of batches) {
          const result = await exec(link(name).client, build(batch), { timeoutMs: 30_000 });
          expect(describeMismatch(batch, result.stdout, seed), replay).toBeUndefined();
          expect(result.stderr.toString(), replay).toBe('');
          expect(result.code, replay).toBe(0);
        }
        expect(await markers(name), `${replay}: files left by parsed arguments`).toEqual([]);
        expect(await homeListing(name), `${replay}: files appeared in admin's home`).toBe(homeBefore.get(name));
      });
    }
  }

  it('dropbear runs a command of 9000 bytes and drops the connection on a longer one', async () => {
    const target = lab.target('quote-drop');
    const sized = (bytes: number) => shellCommand(['printf', '%s', 'x'.repeat(bytes - "'printf' '%s' ''".length)]);
    const fresh = await connectTarget(target, lab.connectOptions());
    try {
      expect(Buffer.byteLength(sized(9000))).toBe(9000);
      expect((await exec(fresh.client, sized(9000))).stdout.length).toBe(9000 - "'printf' '%s' ''".length);
      await expect(exec(fresh.client, sized(9001), { timeoutMs: 10_000 })).rejects.toMatchObject({ code: 'disconnected' });
      await expect(exec(fresh.client, 'echo still', { timeoutMs: 10_000 })).rejects.toMatchObject({ code: 'disconnected' });
    } finally {
      fresh.close();
    }
  });
});
