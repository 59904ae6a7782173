import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectError } from '../../../electron/core/connect/connectError';
import { connectManager } from '../../../electron/core/connect/https/connectManager';
import { probeHttps } from '../../../electron/core/connect/https/httpsProbe';
import { openPlatformDatabase } from '../../../electron/core/connect/pg/platformDatabase';
import { openRootSession } from '../../../electron/core/connect/root/rootSession';
import { SshTarget } from '../../../electron/core/connect/sshTarget';
import { downloadDirectory } from '../../../electron/core/connect/transfer/downloadDirectory';
import { downloadFile } from '../../../electron/core/connect/transfer/downloadFile';
import { createEngine } from '../../../electron/core/engine';
import type { Engine } from '../../../electron/core/engine';
import { createVault } from '../../../electron/core/vault/vault';
import { VAULT_FILE } from '../../../electron/core/vault/vaultFile';
import { setPassword } from '../../lab/faults';
import { inPlatform } from '../../lab/platformNamespace';
import { isRoot, startConnectLab } from './connectLab';
import type { ConnectLab } from './connectLab';

/** Distinct secrets, so that any trace of one is found, whatever else the run prints. */
const SECRETS = {
  master: 'Master-Geheim-8807-vault',
  admin: 'Admin-Geheim-4411-ssh',
  root: 'Root-Geheim-5522-su',
  bastion: 'Bastion-Geheim-6633-jump',
  manager: 'Manager-Geheim-7744-ws',
  wrongAdmin: 'Falsch-Admin-1001',
  wrongRoot: 'Falsch-Root-1002',
  wrongManager: 'Falsch-Manager-1003',
};
const REFS = {
  admin: 'platform:sec-ap:admin-password',
  root: 'platform:sec-ap:root-password',
  bastion: 'platform:sec-jump:admin-password',
  manager: 'platform:sec-ap:manager-password',
  wrongAdmin: 'platform:sec-ap:old-admin-password',
};
const ROOT_FILE = '/home/root/secret-cycle.bin';
const ADMIN_DIR = '/home/admin/cycle';

/** Every file below a folder, with its bytes. */
async function filesBelow(dir: string): Promise<Array<{ path: string; bytes: Buffer }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (path) => ({ path, bytes: await readFile(path) })));
}

/** Keeps everything this process prints while it runs. */
function recordOutput(into: string[]): () => void {
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write.bind(stream));
  streams.forEach((stream, i) => {
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (originals[i] as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  });
  return () => streams.forEach((stream, i) => (stream.write = originals[i] as typeof stream.write));
}

describe.skipIf(!isRoot)('secrets never leave the vault in readable form', () => {
  let lab: ConnectLab;
  let engine: Engine;
  let downloads: string;
  const printed: string[] = [];
  const logged: string[] = [];
  const answers: string[] = [];
  const events: string[] = [];
  const failures: string[] = [];
  let stopRecording = () => undefined as void;

  const call = async (method: string, params: unknown = {}) => {
    const answer = await engine.dispatch({ id: answers.length + 1, method, params });
    answers.push(JSON.stringify(answer));
    return answer;
  };
  const keepFailure = (error: unknown) => {
    failures.push(String(error), inspect(error, { depth: 8 }), JSON.stringify(error), error instanceof Error ? (error.stack ?? '') : '');
    return error;
  };

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: 'sec-ap', diskMiB: 128, adminPassword: SECRETS.admin, rootPassword: SECRETS.root, managerPassword: SECRETS.manager },
        { name: 'sec-jump', kind: 'light', diskMiB: 32, sshServer: 'dropbear', adminPassword: SECRETS.bastion },
      ],
    });
    downloads = await mkdtemp(join(lab.dataDir, 'downloads-'));
    await inPlatform('sec-ap', ['sh', '-ec', 'head -c 3000000 /dev/urandom > "$1"; chmod 600 "$1"; mkdir -p "$2/sub"; echo eins > "$2/a.txt"; echo zwei > "$2/sub/b.txt"; chown -R admin "$2"', 'sh', ROOT_FILE, ADMIN_DIR]);
    stopRecording = recordOutput(printed);
    engine = createEngine({ mode: 'web', dataDir: lab.dataDir, log: { info: (m) => logged.push(m), error: (m, e) => logged.push(m, inspect(e, { depth: 8 })) } });
    engine.subscribe((event) => events.push(JSON.stringify(event)));
  }, 300_000);

  afterAll(async () => {
    stopRecording();
    await lab?.stop();
  });

  it('stores the secrets through the contract, and the answers carry none of them', async () => {
    expect(await call('vault.initialise', { masterPassword: SECRETS.master })).toMatchObject({ ok: true });
    for (const [name, ref] of Object.entries(REFS)) {
      const secret = name === 'wrongAdmin' ? SECRETS.wrongAdmin : SECRETS[name as keyof typeof SECRETS];
      expect(await call('vault.setSecret', { ref, secret })).toMatchObject({ ok: true });
    }
    expect(await call('vault.status')).toMatchObject({ ok: true, result: { status: 'unlocked' } });
  });

  it('runs a whole cycle with secrets read from the vault: bastion, SSH, su, transfers, PostgreSQL, manager, and failures', async () => {
    const vault = await createVault({ file: join(lab.dataDir, VAULT_FILE) });
    await vault.unlock(SECRETS.master);
    const pool = lab.newPool({ secrets: (ref) => vault.get(ref) });
    const hop = (id: 'sec-ap' | 'sec-jump', passwordRef: string) => ({ id, host: lab.platform(id).address, port: 22, username: 'admin', passwordRef });
    const target = SshTarget.parse({ hop: hop('sec-ap', REFS.admin), jumps: [hop('sec-jump', REFS.bastion)] });
    await lab.trust(lab.target('sec-ap'));
    await lab.trust(lab.target('sec-jump'));

    const link = await pool.acquire(target);
    const who = await pool.exec(target, 'id -un; echo "$SSH_CLIENT"');
    expect(who.stdout.toString().split('\n').slice(0, 2)).toEqual(['admin', expect.stringContaining(lab.platform('sec-jump').address)]);

    const root = await openRootSession(link.client, (await vault.get(REFS.root)) ?? '', { platformId: 'sec-ap' });
    expect((await root.run(['id', '-u'])).output.trim()).toBe('0');
    const file = await downloadFile({ client: link.client, as: { root }, remotePath: ROOT_FILE, localPath: join(downloads, 'root.bin') });
    expect(file.bytes).toBe(3_000_000);
    const folder = await downloadDirectory({ client: link.client, remotePath: ADMIN_DIR, localPath: join(downloads, 'cycle') });
    expect(folder.entries.files).toBe(2);
    expect(await readFile(join(downloads, 'cycle', 'sub', 'b.txt'), 'utf8')).toBe('zwei\n');

    const db = await openPlatformDatabase({ client: link.client, platform: 'sec-ap', database: 'manager', root: async () => root });
    expect(db.via).toBe('psql-root');
    expect(await db.query('SELECT current_user AS who')).toEqual([{ who: 'root' }]);
    await db.close();

    const probe = await probeHttps({ host: lab.platform('sec-ap').address, timeoutMs: 10_000 });
    const pinnedCertSha256 = probe.reachable ? probe.chain[0]?.sha256 : undefined;
    expect(pinnedCertSha256).toMatch(/^[0-9A-F:]{95}$/i);
    const manager = await connectManager({ host: lab.platform('sec-ap').address, password: (await vault.get(REFS.manager)) ?? '', trust: { pinnedCertSha256 } });
    expect(manager.version).toContain('140029');
    await manager.close();

    // The failures a partner meets, each with its error kept whole.
    const wrongRoot = await openRootSession(link.client, SECRETS.wrongRoot, { platformId: 'sec-ap' }).catch(keepFailure);
    expect(wrongRoot).toMatchObject({ code: 'root_auth_failed' });
    const wrongManager = await connectManager({ host: lab.platform('sec-ap').address, password: SECRETS.wrongManager, trust: { pinnedCertSha256 } }).catch(keepFailure);
    expect(isConnectError(wrongManager, 'auth_failed')).toBe(true);
    const stale = SshTarget.parse({ hop: hop('sec-ap', REFS.wrongAdmin), jumps: [hop('sec-jump', REFS.bastion)] });
    const wrongAdmin = await lab.newPool({ secrets: (ref) => vault.get(ref) }).acquire(stale).catch(keepFailure);
    expect(isConnectError(wrongAdmin, 'auth_failed')).toBe(true);
    await setPassword('sec-ap', 'root', SECRETS.wrongRoot);
    const changedRoot = await openRootSession(link.client, SECRETS.root, { platformId: 'sec-ap' }).catch(keepFailure);
    expect(isConnectError(changedRoot, 'root_auth_failed')).toBe(true);
    await setPassword('sec-ap', 'root', SECRETS.root);

    root.close();
    pool.closeAll();
    // The engine's own failure path, with a secret in the request that fails.
    expect(await call('vault.lock')).toMatchObject({ ok: true, result: { status: 'locked' } });
    expect(await call('vault.unlock', { masterPassword: SECRETS.wrongAdmin })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/master password is wrong/) } });
    expect(await call('vault.unlock', { masterPassword: SECRETS.master })).toMatchObject({ ok: true, result: { status: 'unlocked' } });
    expect(await call('vault.setSecret', { ref: 'not a ref', secret: SECRETS.admin })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/reference is malformed/) } });
  }, 240_000);

  it('finds none of them in any file written, anything printed or logged, any answer, event or error', async () => {
    const written = await filesBelow(lab.dataDir);
    const names = written.map((file) => file.path.slice(lab.dataDir.length + 1));
    expect(names).toEqual(expect.arrayContaining([VAULT_FILE, expect.stringMatching(/^downloads-.*\/root\.bin$/), expect.stringMatching(/\/cycle\/a\.txt$/)]));
    expect(names.some((name) => /host-?keys/i.test(name))).toBe(true);
    expect(failures.length).toBeGreaterThanOrEqual(16);
    expect(answers.length).toBeGreaterThanOrEqual(8);

    const texts = [
      ...written.flatMap((file) => [file.bytes.toString('utf8'), file.bytes.toString('latin1'), file.bytes.toString('utf16le')]),
      ...printed,
      ...logged,
      ...answers,
      ...events,
      ...failures,
    ];
    const all = texts.join('\n');
    const leaks = Object.entries(SECRETS).filter(([, secret]) => all.includes(secret) || all.includes(Buffer.from(secret).toString('base64')) || all.includes(Buffer.from(secret).toString('hex')));
    expect(leaks.map(([name]) => name)).toEqual([]);
  });
});
