import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProbeScript } from '../../../electron/core/platform/probeScript';
import { run } from '../../lab/run';
import type { BenchPlatform } from './benchFleet';
import type { Teardown } from './teardown';
import { runTool } from './toolProcess';
import { judgeToolRun } from './toolPollRun';
import type { ToolOutput, ToolPollRun } from './toolPollRun';

export const ANSIBLE_FORKS = 50;
/**
 * Ansible's own default ssh_args are `-C -o ControlMaster=auto -o ControlPersist=60s`. The persist time is
 * raised to 600 s so that a run over hundreds of platforms (longer than 60 s) still finds every master
 * connection of the run before; nothing else differs from the default.
 */
export const ANSIBLE_SSH_ARGS = '-C -o ControlMaster=auto -o ControlPersist=600s';

export interface AnsibleSetup {
  platforms: readonly BenchPlatform[];
  workDir: string;
  knownHostsFile: string;
  script: ProbeScript;
  teardown: Teardown;
}

/** A host's result as Ansible's tree callback writes it (only what is read here). */
const HostResult = z.looseObject({
  rc: z.number().optional(),
  stdout: z.string().optional(),
  unreachable: z.boolean().optional(),
  failed: z.boolean().optional(),
  msg: z.string().optional(),
});

/** A YAML inventory (written as JSON, which YAML reads): admin with the password, host keys from the known_hosts file. */
function inventory(setup: AnsibleSetup): string {
  const hosts = Object.fromEntries(
    setup.platforms.map((p) => [p.name, { ansible_host: p.address, ansible_port: p.port, ansible_user: 'admin', ansible_password: p.adminPassword }]),
  );
  const sshCommonArgs = `-o UserKnownHostsFile=${setup.knownHostsFile} -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes`;
  return JSON.stringify({ all: { hosts, vars: { ansible_ssh_common_args: sshCommonArgs } } });
}

async function outputOf(treeDir: string, p: BenchPlatform): Promise<ToolOutput> {
  const text = await readFile(join(treeDir, p.name), 'utf8').catch(() => null);
  if (text === null) return { problem: 'Ansible wrote no result' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'Ansible result is not JSON' };
  }
  const parsed = HostResult.safeParse(json);
  if (!parsed.success) return { problem: 'Ansible result not understood' };
  const r = parsed.data;
  if (r.unreachable) return { problem: `unreachable: ${r.msg ?? ''}`.trim() };
  if (r.failed || r.rc !== 0) return { problem: `failed (rc ${r.rc ?? 'none'}): ${r.msg ?? ''}`.trim() };
  return { output: r.stdout ?? '' };
}

/** Ends the master connections ControlPersist keeps, each by its own control socket. */
async function exitMasters(controlDir: string): Promise<void> {
  for (const socket of await readdir(controlDir).catch(() => [] as string[])) {
    await run('ssh', ['-o', `ControlPath=${join(controlDir, socket)}`, '-O', 'exit', 'ansible-master'], { allowFailure: true });
  }
}

export interface AnsibleSession {
  /** One `ansible all -m raw` over every platform; results go to a tree folder of their own per run. */
  runOnce(): Promise<ToolPollRun>;
  /** Ends the ControlPersist masters. */
  close(): Promise<void>;
}

/**
 * `ansible all -m raw -a SCRIPT -f 50`, from Debian's ansible-core, with password logins through sshpass.
 * The first run opens every connection; the runs after it go over the ControlPersist masters it left.
 */
export async function prepareAnsible(setup: AnsibleSetup): Promise<AnsibleSession> {
  const { workDir, teardown } = setup;
  const controlDir = join(workDir, 'cp');
  await mkdir(controlDir, { recursive: true });
  await mkdir(join(workDir, 'ansible-home'), { recursive: true });
  const inventoryFile = join(workDir, 'inventory.yml');
  const configFile = join(workDir, 'ansible.cfg');
  await writeFile(inventoryFile, inventory(setup), { mode: 0o600 });
  await writeFile(configFile, '');
  teardown.add('Ansible master connections', () => exitMasters(controlDir));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ANSIBLE_CONFIG: configFile,
    ANSIBLE_HOME: join(workDir, 'ansible-home'),
    ANSIBLE_LOCAL_TEMP: join(workDir, 'ansible-home', 'tmp'),
    ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir,
    ANSIBLE_SSH_ARGS,
    ANSIBLE_HOST_KEY_CHECKING: 'True',
    ANSIBLE_STDOUT_CALLBACK: 'oneline',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_RETRY_FILES_ENABLED: 'False',
    ANSIBLE_DEPRECATION_WARNINGS: 'False',
  };
  let runs = 0;
  return {
    async runOnce() {
      const treeDir = join(workDir, `ansible-tree-${runs++}`);
      const args = ['all', '-i', inventoryFile, '-m', 'raw', '-a', setup.script.text, '-f', String(ANSIBLE_FORKS), '-t', treeDir];
      const ran = await runTool('ansible', args, { env, cwd: workDir, signal: teardown.signal });
      const judged = await judgeToolRun(setup.platforms, { seconds: ran.seconds, code: ran.code, printed: ran.stderr }, setup.script.nonce, (p) => outputOf(treeDir, p));
      await rm(treeDir, { recursive: true, force: true });
      return judged;
    },
    close: () => exitMasters(controlDir),
  };
}
