import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectError } from '../../../electron/core/connect/connectError';
import { openRootSession } from '../../../electron/core/connect/root/rootSession';
import type { RootReadStream, RootSession } from '../../../electron/core/connect/root/rootSession';
import { connectTarget } from '../../../electron/core/connect/sshConnect';
import type { SshLink } from '../../../electron/core/connect/sshConnect';
import { exec } from '../../../electron/core/connect/sshExec';
import { fillDisk, healDisk, setPassword } from '../../lab/faults';
import { platformDir } from '../../lab/labPaths';
import { inPlatform } from '../../lab/platformNamespace';
import { caught as caughtConnectError } from '../../support/caughtConnectError';
import { isRoot, startConnectLab } from './connectLab';
import type { ConnectLab } from './connectLab';

const runLocal = promisify(execFile);

const DROP_ROOT_PASSWORD = `Wurzel pass 'x' "$1" ä`;
const WRONG_PASSWORD = 'wrong-root-secret-7391';
const CHANGED_PASSWORD = 'Neu-Root-Pass-5521';
const BLOB = '/home/root/blob.bin';
const BLOB_RANDOM_BYTES = 20 * 1024 * 1024;
/** Every byte value, then the sequences a terminal would act on (CR LF, ^C, ^D, ^Z, XON, XOFF, DEL, an escape sequence). */
const BLOB_HEAD = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\r\n\n\r\x03\x04\x1a\x11\x13\x7f\x1b[0m\r\r\n')]);
const BLOB_BYTES = BLOB_HEAD.length + BLOB_RANDOM_BYTES;
/** A name only this test's reads use, so their processes can be told apart on the machine. */
const ZERO = `/home/root/zero.${randomBytes(6).toString('hex')}`;
const TREE = '/home/root/tree';
const SERVERS = [
  ['root-open', 'openssh'],
  ['root-drop', 'dropbear'],
] as const;

/** Everything the tests saw: outputs, errors and every byte of the root terminals. No password may be in it. */
const seen: string[] = [];
const rootTerminalBytes: Buffer[] = [];

/** Keeps a copy of every byte that terminal (PTY) channels of this client deliver, next to their normal reader. */
function recordTerminals(client: Client): void {
  type ExecCallback = (error: Error | undefined, channel: NodeJS.EventEmitter) => void;
  const holder = client as unknown as { exec: (command: string, options: { pty?: unknown }, callback: ExecCallback) => boolean };
  const original = holder.exec.bind(client);
  holder.exec = (command, options, callback) => {
    if (typeof options === 'function' || !options.pty) return original(command, options, callback);
    return original(command, options, (error, channel) => {
      if (!error) channel.on('data', (chunk: Buffer) => rootTerminalBytes.push(Buffer.from(chunk)));
      callback(error, channel);
    });
  };
}

/** The ConnectError of `work`, its message and details kept among what the tests saw. */
async function caught(work: Promise<unknown>): Promise<ConnectError> {
  const error = await caughtConnectError(work);
  seen.push(error.message, JSON.stringify(error.details));
  return error;
}

async function run(session: RootSession, argv: readonly string[] | { shell: string }) {
  const result = await session.run(argv);
  seen.push(result.output);
  return result;
}

/** Reads the whole stream: sha256, length, which byte values occurred, and the exit code. */
async function drain(read: RootReadStream): Promise<{ sha: string; bytes: number; values: number; code: number }> {
  const hash = createHash('sha256');
  const values = new Set<number>();
  let bytes = 0;
  read.stream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
    if (values.size < 256) for (const b of chunk) values.add(b);
  });
  const code = await read.done;
  return { sha: hash.digest('hex'), bytes, values: values.size, code };
}

async function platformSha(name: string, path: string): Promise<string> {
  const { stdout } = await inPlatform(name, ['sha256sum', '--', path]);
  return stdout.split(' ')[0] ?? '';
}

/** Root's FIFO folders of one root shell (named after its pid), in the platform's view. */
async function fifoFolders(name: string, shellPid: string): Promise<string[]> {
  const { stdout } = await inPlatform(name, ['sh', '-c', 'ls -d /tmp/apc-root-read."$1".* /dev/shm/apc-root-read."$1".* 2>/dev/null; true', 'sh', shellPid]);
  return stdout.split('\n').filter(Boolean);
}

async function processesMentioning(name: string, text: string): Promise<string[]> {
  const { stdout } = await inPlatform(name, ['ps', '-eo', 'pid=,args=']);
  return stdout.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

async function pidAlive(name: string, pid: string): Promise<boolean> {
  return (await inPlatform(name, ['kill', '-0', pid], { allowFailure: true })).code === 0;
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

/** A root-only file: BLOB_HEAD, then random bytes. */
async function writeRootBlob(name: string, path: string, randomLength: number): Promise<void> {
  await inPlatform(name, ['sh', '-ec', 'cat > "$1"; head -c "$2" /dev/urandom >> "$1"; chown root:root "$1"; chmod 600 "$1"', 'sh', path, String(randomLength)], { input: BLOB_HEAD });
}

/** German locale for admin's SSH sessions (pam_env) and su, inside that platform only. */
async function germanPlatform(name: string): Promise<void> {
  const localeFile = join(platformDir(name), 'default-locale');
  await writeFile(localeFile, 'LANG=de_DE.UTF-8\n');
  await inPlatform(name, ['sh', '-ec', 'mount -t tmpfs -o mode=755 lab-locale /usr/lib/locale; localedef -i de_DE -f UTF-8 de_DE.UTF-8; mount --bind "$1" /etc/default/locale', 'sh', localeFile]);
}

describe.skipIf(!isRoot)('root sessions through su on lab platforms', () => {
  let lab: ConnectLab;
  const links: SshLink[] = [];

  async function connect(name: string): Promise<SshLink> {
    const target = lab.target(name);
    await lab.trust(target);
    const link = await connectTarget(target, lab.connectOptions());
    recordTerminals(link.client);
    links.push(link);
    return link;
  }

  const rootPassword = (name: string) => lab.secrets.get(`lab:${name}:root`) ?? '';

  async function openRoot(name: string, login = false): Promise<{ link: SshLink; session: RootSession }> {
    const link = await connect(name);
    const session = await openRootSession(link.client, rootPassword(name), { platformId: name, login });
    return { link, session };
  }

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: 'root-open', kind: 'light', diskMiB: 32 },
        { name: 'root-drop', kind: 'light', diskMiB: 32, sshServer: 'dropbear', rootPassword: DROP_ROOT_PASSWORD },
        { name: 'root-de', kind: 'light', diskMiB: 32 },
      ],
    });
    for (const [name] of SERVERS) {
      await writeRootBlob(name, BLOB, BLOB_RANDOM_BYTES);
      await inPlatform(name, ['ln', '-s', '/dev/zero', ZERO]);
      await inPlatform(name, [
        'sh',
        '-ec',
        'mkdir -p "$1/sub dir"; head -c 1048576 /dev/urandom > "$1/a.bin"; printf "line\\r\\nnext\\n" > "$1/sub dir/b.txt"; : > "$1/empty"; chmod -R go-rwx "$1"',
        'sh',
        TREE,
      ]);
    }
    await germanPlatform('root-de');
  });

  afterAll(async () => {
    for (const link of links) link.close();
    await lab?.stop();
  });

  for (const [name, server] of SERVERS) {
    describe(`${server}`, () => {
      it('gets root with su root, keeps state across a sequence of commands and reports exit codes', async () => {
        const { session } = await openRoot(name);
        expect(await run(session, ['id', '-u'])).toEqual({ output: '0\n', code: 0 });
        expect((await run(session, ['pwd'])).output).toBe('/home/admin\n');
        expect((await run(session, { shell: 'cd /var/log && APC_STEP=kept; export APC_STEP' })).code).toBe(0);
        expect((await run(session, ['sh', '-c', 'pwd; echo "$APC_STEP"'])).output).toBe('/var/log\nkept\n');
        expect((await run(session, ['true'])).code).toBe(0);
        expect((await run(session, ['false'])).code).toBe(1);
        expect((await run(session, ['sh', '-c', 'exit 42'])).code).toBe(42);
        expect((await run(session, { shell: '(exit 42)' })).code).toBe(42);
        expect((await run(session, { shell: 'if then' })).code).not.toBe(0);
        expect(await run(session, ['echo', 'still here'])).toEqual({ output: 'still here\n', code: 0 });
        session.close();
        expect(session.closed).toBe(true);
      });

      it('passes arguments and output through exactly: quotes, control characters, CR LF, long lines, no final newline', async () => {
        const { session } = await openRoot(name);
        const args = ['a b', "it's", '$HOME', '`id`', 'ä€😀', '-n', '', 'a\x03b\x04c\rd\ne\x1a\x11\x13\x15\x7f'];
        expect((await run(session, ['printf', '%s|', ...args])).output).toBe(`${args.join('|')}|`);
        const long = randomBytes(6000).toString('base64');
        expect((await run(session, ['printf', '%s', long])).output).toBe(long);
        expect((await run(session, { shell: "printf 'a\\r\\nb\\n\\n'" })).output).toBe('a\r\nb\n\n');
        const streamed: string[] = [];
        const both = await session.run({ shell: 'echo out; echo err >&2; printf tail' }, { onOutput: (text) => streamed.push(text) });
        expect(both.output).toBe('out\nerr\ntail');
        expect(streamed.join('')).toBe(both.output);
        session.close();
      });

      it('runs su - root with root\'s login environment', async () => {
        const { session } = await openRoot(name, true);
        expect((await run(session, ['pwd'])).output).toBe('/home/root\n');
        expect((await run(session, { shell: 'echo "$HOME:$(id -un)"' })).output).toBe('/home/root:root\n');
        session.close();
      });

      it('interrupts a command on timeout or cancel and goes on with the same shell', async () => {
        const { session } = await openRoot(name);
        await run(session, { shell: 'APC_MARK=survives' });
        const started = Date.now();
        const timedOut = await caught(session.run(['sleep', '30'], { timeoutMs: 300 }));
        expect(timedOut.code).toBe('timeout');
        expect(Date.now() - started).toBeLessThan(8_000);
        expect((await run(session, { shell: 'echo "$APC_MARK"' })).output).toBe('survives\n');

        const abort = new AbortController();
        setTimeout(() => abort.abort(), 200);
        expect((await caught(session.run(['sleep', '30'], { signal: abort.signal }))).code).toBe('cancelled');
        expect((await caught(session.run(['id'], { signal: abort.signal }))).code).toBe('cancelled');
        expect((await run(session, ['echo', 'back'])).output).toBe('back\n');
        expect(session.closed).toBe(false);
        session.close();
      });

      it('reports a shell that exited as a closed session', async () => {
        const { session } = await openRoot(name);
        expect((await caught(session.run({ shell: 'exit 0' }))).code).toBe('disconnected');
        expect(session.closed).toBe(true);
        expect((await caught(session.run(['id']))).code).toBe('disconnected');
      });

      it('refuses a wrong root password as root_auth_failed, naming the platform and not the password', async () => {
        const link = await connect(name);
        const error = await caught(openRootSession(link.client, WRONG_PASSWORD, { platformId: name }));
        expect(error.code).toBe('root_auth_failed');
        expect(error.message).toContain(`su root was refused: the root password stored for ${name} is wrong`);
        expect(error.details.exitCode).toBe(1);
        expect(JSON.stringify(error.details)).not.toContain(WRONG_PASSWORD);
        // The connection is still good for the right password.
        const session = await openRootSession(link.client, rootPassword(name), { platformId: name });
        expect((await run(session, ['id', '-u'])).output).toBe('0\n');
        session.close();
      });

      it('gives up at once when the caller has already cancelled', async () => {
        const link = await connect(name);
        const abort = new AbortController();
        abort.abort();
        expect((await caught(openRootSession(link.client, rootPassword(name), { platformId: name, signal: abort.signal }))).code).toBe('cancelled');
      });

      it('follows a root password changed on the platform (as Devices does)', async () => {
        await setPassword(name, 'root', CHANGED_PASSWORD);
        try {
          const link = await connect(name);
          expect((await caught(openRootSession(link.client, rootPassword(name), { platformId: name }))).code).toBe('root_auth_failed');
          const session = await openRootSession(link.client, CHANGED_PASSWORD, { platformId: name });
          expect((await run(session, ['id', '-u'])).output).toBe('0\n');
          session.close();
        } finally {
          await setPassword(name, 'root', rootPassword(name));
        }
      });

      for (const via of ['fifo', 'pty'] as const) {
        it(`streams a 20 MB root-only binary file byte for byte (${via})`, async () => {
          const { link, session } = await openRoot(name);
          expect((await exec(link.client, `cat ${BLOB}`)).code).not.toBe(0);
          const expected = await platformSha(name, BLOB);
          const got = await drain(await session.readStream(['cat', '--', BLOB], { via }));
          expect(got).toEqual({ sha: expected, bytes: BLOB_BYTES, values: 256, code: 0 });
          const tail = await drain(await session.readStream(['tail', '-c', '+1025', BLOB], { via }));
          expect(tail.bytes).toBe(BLOB_BYTES - 1024);
          expect(tail.code).toBe(0);
          expect((await run(session, { shell: `tail -c +1025 ${BLOB} | sha256sum` })).output.split(' ')[0]).toBe(tail.sha);
          session.close();
        });

        it(`streams tar of a root-only folder that unpacks to the same files (${via})`, async () => {
          const { session } = await openRoot(name);
          const local = await mkdtemp(join(tmpdir(), 'apc-root-tar-'));
          try {
            const read = await session.readStream(['tar', '-cf', '-', '-C', TREE, '.'], { via });
            await pipeline(read.stream, createWriteStream(join(local, 'tree.tar')));
            expect(await read.done).toBe(0);
            await runLocal('mkdir', [join(local, 'x')]);
            await runLocal('tar', ['-xf', join(local, 'tree.tar'), '-C', join(local, 'x')]);
            const remote = (await run(session, { shell: `cd ${TREE} && find . -type f | sort | while read -r f; do sha256sum "$f"; done` })).output;
            const files = remote.trim().split('\n').map((line) => line.split('  ')[1] ?? '');
            expect(files).toEqual(['./a.bin', './empty', './sub dir/b.txt']);
            for (const line of remote.trim().split('\n')) {
              const [sha, file = ''] = line.split('  ');
              expect(createHash('sha256').update(await readFile(join(local, 'x', file))).digest('hex')).toBe(sha);
            }
          } finally {
            await rm(local, { recursive: true, force: true });
          }
          session.close();
        });

        it(`cancels a read mid-stream, leaves no FIFO, folder or reader behind, and keeps the session (${via})`, async () => {
          const { session } = await openRoot(name);
          const shellPid = (await run(session, { shell: 'echo $$' })).output.trim();
          const read = await session.readStream(['cat', '--', ZERO], { via });
          let bytes = 0;
          const ended = new Promise<unknown>((resolve) => {
            read.stream.on('error', resolve);
            read.stream.on('close', () => resolve(undefined));
          });
          await new Promise<void>((resolve) =>
            read.stream.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
              if (bytes > 4 * 1024 * 1024) resolve();
            }),
          );
          if (via === 'fifo') expect(await fifoFolders(name, shellPid)).toHaveLength(1);
          read.cancel();
          expect((await caught(read.done)).code).toBe('cancelled');
          await ended;
          expect((await run(session, ['echo', 'after cancel'])).output).toBe('after cancel\n');
          expect(await fifoFolders(name, shellPid)).toEqual([]);
          expect(await waitFor(async () => (await processesMentioning(name, `apc-root-read.${shellPid}.`)).length === 0, 5_000)).toBe(true);
          expect(await waitFor(async () => (await processesMentioning(name, ZERO)).length === 0, 5_000)).toBe(true);
          session.close();
        });
      }

      it('cancels a read through its signal', async () => {
        const { session } = await openRoot(name);
        const abort = new AbortController();
        const read = await session.readStream(['cat', '--', ZERO], { signal: abort.signal });
        read.stream.on('error', () => undefined);
        read.stream.once('data', () => abort.abort());
        expect((await caught(read.done)).code).toBe('cancelled');
        expect((await run(session, ['echo', 'ok'])).output).toBe('ok\n');
        session.close();
      });

      it('removes FIFO folders a cut connection left behind, and only those', async () => {
        const first = await openRoot(name);
        const deadPid = (await run(first.session, { shell: 'echo $$' })).output.trim();
        const read = await first.session.readStream(['cat', '--', ZERO]);
        read.stream.on('error', () => undefined);
        read.done.catch(() => undefined);
        await new Promise((resolve) => read.stream.once('data', resolve));
        first.link.close();
        expect(await waitFor(async () => !(await pidAlive(name, deadPid)), 10_000)).toBe(true);

        // A folder of a live shell (this test's own pid stands in for one) must stay.
        const liveFolder = `/tmp/apc-root-read.${process.pid}.${randomBytes(16).toString('hex')}`;
        const staleFolder = `/tmp/apc-root-read.999999999.${randomBytes(16).toString('hex')}`;
        await inPlatform(name, ['sh', '-ec', 'mkdir -m 711 "$1" "$2"; mkfifo "$1/f" "$2/f"', 'sh', liveFolder, staleFolder]);
        try {
          const { session } = await openRoot(name);
          const small = await drain(await session.readStream(['cat', '--', '/etc/hostname']));
          expect(small.code).toBe(0);
          const left = (await inPlatform(name, ['sh', '-c', 'ls -d "$@" 2>/dev/null; true', 'sh', liveFolder, staleFolder])).stdout.trim();
          expect(left).toBe(liveFolder);
          expect(await fifoFolders(name, deadPid)).toEqual([]);
          session.close();
        } finally {
          await inPlatform(name, ['rm', '-rf', liveFolder, staleFolder]);
        }
      });
    });
  }

  it('reads root files with the data partition full', async () => {
    const name = 'root-open';
    const path = '/mnt/sda2/root-only.bin';
    await writeRootBlob(name, path, 1024 * 1024);
    await fillDisk(name, 100);
    try {
      const { session } = await openRoot(name);
      const got = await drain(await session.readStream(['cat', '--', path]));
      expect(got.sha).toBe(await platformSha(name, path));
      expect(got.code).toBe(0);
      session.close();
    } finally {
      await healDisk(name);
    }
  });

  it('reports a failing read command by its exit code', async () => {
    const { session } = await openRoot('root-drop');
    for (const via of ['fifo', 'pty'] as const) {
      const got = await drain(await session.readStream(['cat', '--', '/no/such/file'], { via }));
      expect(got.code).toBe(1);
      expect(got.bytes).toBe(0);
    }
    session.close();
  });

  describe('German platform', () => {
    it('answers a German su prompt and keeps working', async () => {
      const before = rootTerminalBytes.length;
      const { session } = await openRoot('root-de');
      expect(Buffer.concat(rootTerminalBytes.slice(before)).toString('utf8')).toContain('Passwort:');
      expect((await run(session, ['id', '-u'])).output).toBe('0\n');
      const missing = await run(session, ['ls', '/no/such']);
      expect(missing.code).toBe(2);
      expect(missing.output).toMatch(/nicht gefunden/);
      session.close();
    });

    it('tells a wrong password by su\'s exit status, whatever language su speaks', async () => {
      const link = await connect('root-de');
      const error = await caught(openRootSession(link.client, WRONG_PASSWORD, { platformId: 'root-de' }));
      expect(error.code).toBe('root_auth_failed');
      expect(String(error.details.su)).toMatch(/Authentifizierung/);
    });

    it('works with su - root whose profile prints a banner and sets odd prompts', async () => {
      await inPlatform('root-de', ['sh', '-ec', 'cat > /home/root/.profile', 'sh'], {
        input: "echo 'Willkommen, Wurzel!'\nPS1='$(date) # >>> '\nPS2='weiter> '\nexport APC_PROFILE=gelesen\n",
      });
      const { session } = await openRoot('root-de', true);
      expect((await run(session, { shell: 'echo "$LANG $APC_PROFILE"' })).output).toBe('de_DE.UTF-8 gelesen\n');
      await run(session, { shell: "PS1='>>> $ '; PS2='?? '" });
      expect((await run(session, { shell: "printf '%s\\n' 'zwei\nZeilen'" })).output).toBe('zwei\nZeilen\n');
      expect((await run(session, ['sh', '-c', 'exit 42'])).code).toBe(42);
      session.close();
    });
  });

  it('never shows a password: not in outputs, errors, or the root terminals', () => {
    const everything = [...seen, Buffer.concat(rootTerminalBytes).toString('utf8'), Buffer.concat(rootTerminalBytes).toString('latin1')].join('\n');
    expect(rootTerminalBytes.length).toBeGreaterThan(0);
    for (const secret of ['iplinux', DROP_ROOT_PASSWORD, WRONG_PASSWORD, CHANGED_PASSWORD]) expect(everything).not.toContain(secret);
  });
});
