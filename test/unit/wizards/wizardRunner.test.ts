import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../electron/core/audit/auditLog';
import { ConnectError } from '../../../electron/core/connect/connectError';
import type { RootSession } from '../../../electron/core/connect/root/rootSession';
import { command, secret } from '../../../electron/core/wizards/remoteCommand';
import { input } from '../../../electron/core/wizards/wizardInputs';
import { createWizardRunner } from '../../../electron/core/wizards/wizardRunner';
import type { WizardRunner } from '../../../electron/core/wizards/wizardRunner';
import type { WizardDefinition } from '../../../electron/core/wizards/wizardTypes';
import type { WizardRun } from '../../../electron/core/wizards/wizardWire';

const PLATFORM = { id: 'ap-1', name: 'ap1', siteName: 'Site', address: '10.0.0.5' };
const SECRET = 'Sup3r-Secret!';

/** A platform that is a list of files: `touch x` creates, `test -e x` checks, `fail` fails, `cut` drops the connection. */
function fakePlatform() {
  const files = new Set<string>();
  const ran: string[] = [];
  let cutNext = false;
  const session = (): RootSession => ({
    closed: false,
    close() {},
    readStream: () => Promise.reject(new Error('not used')),
    async run(argv, opts) {
      const text = 'shell' in argv ? argv.shell : argv.join(' ');
      ran.push(text);
      if (cutNext) {
        cutNext = false;
        throw new ConnectError('disconnected', 'The connection to ap1 dropped.');
      }
      const [program, arg = '', third = ''] = text.split(' ');
      opts?.onOutput?.(`ran ${text}\n`);
      if (program === 'touch') files.add(arg);
      if (program === 'test') return { output: '', code: files.has(third) ? 0 : 1 };
      if (program === 'fail') return { output: 'it broke\n', code: 3 };
      return { output: `ran ${text}\n`, code: 0 };
    },
  });
  return { files, ran, session, cut: () => (cutNext = true) };
}

const fileStep = (id: string, file: string, extra: Partial<WizardDefinition['steps'][number]> = {}): WizardDefinition['steps'][number] => ({
  id,
  title: `Create ${file}`,
  explanation: `Creates ${file}.`,
  kind: 'command',
  commands: () => [{ command: command('touch', file) }],
  verify: async (ctx) => ((await ctx.exec(command('test', '-e', file), { quiet: true })).code === 0 ? { ok: true, detail: `${file} exists.` } : { ok: false, detail: `${file} is missing.` }),
  onFailure: 'Check the platform.',
  ...extra,
});

const WIZARD: WizardDefinition = {
  id: 'disk-full',
  title: 'Test wizard',
  summary: 'Creates files.',
  reference: 'none',
  alarmKinds: ['disk.usage'],
  inputs: [input('token', 'the token', 'secret'), input('mode', 'the mode', 'choice', { options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] })],
  preconditions: [{ label: 'Reachable', check: async (ctx) => ({ ok: (await ctx.exec(command('echo', 'hi'), { quiet: true })).code === 0, detail: 'answers' }) }],
  steps: [
    fileStep('one', 'a'),
    fileStep('two', 'b', { destructive: true, commands: (p) => [{ command: command('touch', 'b') }, { command: command('use', secret(p.secrets.token ?? '')) }] }),
    fileStep('three', 'c', { kind: 'manual', manual: () => ({ instructions: ['Create c yourself.'], values: [{ label: 'Name', value: 'c' }] }) }),
    fileStep('four', 'd', { commands: () => [{ command: command('fail') }] }),
  ],
};

describe('wizard runner', () => {
  let dataDir: string;
  let platform: ReturnType<typeof fakePlatform>;
  let runner: WizardRunner;
  const events: WizardRun[] = [];
  const output: string[] = [];
  const make = () =>
    createWizardRunner({
      dataDir,
      catalog: [WIZARD],
      access: { identity: async (id) => ({ ...PLATFORM, id }), dedicated: async () => ({ platform: PLATFORM, client: {} as never, root: {} as never, session: platform.session() }) },
      monitor: { statusesOf: async () => [], pollNow: async () => ({}), alarms: async () => ({ active: [] }) },
      audit: createAuditLog(dataDir),
      emit: { run: (run) => events.push(run), output: (p) => output.push(p.text) },
      download: async () => [],
      upload: async () => '',
      log: { info: () => undefined, error: () => undefined },
    });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'apc-wizard-unit-'));
    platform = fakePlatform();
    runner = make();
    events.length = 0;
    output.length = 0;
  });
  afterEach(async () => {
    await runner.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = () => runner.start('disk-full', 'ap-1', { mode: 'a' }, { token: SECRET });

  it('plans without running anything, with secrets masked', async () => {
    const plan = await runner.plan('disk-full', 'ap-1', { mode: 'a' });
    expect(platform.ran).toEqual([]);
    expect(plan.steps.map((s) => s.commands.map((c) => c.text))).toEqual([['touch a'], ['touch b', 'use ********'], ['touch c'], ['fail']]);
    expect(plan.preconditions[0]?.ok).toBeNull();
    await expect(readFile(join(dataDir, 'audit.jsonl'), 'utf8')).rejects.toThrow();
  });

  it('refuses bad inputs with the field named', async () => {
    await expect(runner.start('disk-full', 'ap-1', { mode: 'z' }, { token: SECRET })).rejects.toMatchObject({ field: 'params.inputs.mode', message: expect.stringMatching(/must be one of: A, B/) });
    await expect(runner.start('disk-full', 'ap-1', { mode: 'a', token: SECRET }, {})).rejects.toMatchObject({ message: expect.stringMatching(/is a secret/) });
    await expect(runner.start('disk-full', 'ap-1', { mode: 'a' }, {})).rejects.toMatchObject({ field: 'params.secrets.token' });
  });

  it('runs step by step: confirmations for destructive and manual steps, failures stop with the advice, all audited without the secret', async () => {
    let run = await start();
    expect(run.state).toBe('ready');
    expect(run.preconditions).toEqual([{ label: 'Reachable', ok: true, detail: 'answers' }]);
    run = await runner.step(run.runId, undefined, undefined);
    expect(run.steps[0]).toMatchObject({ state: 'done', outcome: 'a exists.', exitCodes: [0, 0] });
    await expect(runner.step(run.runId, undefined, undefined)).rejects.toMatchObject({ field: 'params.confirm', message: expect.stringMatching(/type the platform's name \(ap1\)/) });
    await expect(runner.step(run.runId, 'ap2', undefined)).rejects.toMatchObject({ field: 'params.confirm' });
    run = await runner.step(run.runId, 'ap1', undefined);
    expect(run.steps[1]?.state).toBe('done');
    expect(platform.ran).toContain(`use '${SECRET}'`);
    await expect(runner.step(run.runId, 'ap1', undefined)).rejects.toMatchObject({ message: expect.stringMatching(/confirm with "done"/) });
    run = await runner.step(run.runId, 'done', undefined);
    expect(run.steps[2]).toMatchObject({ state: 'failed', outcome: 'c is missing. Check the platform.' });
    expect(run.state).toBe('failed');
    platform.files.add('c');
    run = await runner.resume(run.runId, undefined);
    run = await runner.step(run.runId, 'done', undefined);
    expect(run.steps[2]?.state).toBe('done');
    run = await runner.step(run.runId, undefined, undefined);
    expect(run).toMatchObject({ state: 'failed', message: expect.stringMatching(/`fail` ended with exit code 3: it broke\. Check the platform\./) });

    const audit = await readFile(join(dataDir, 'audit.jsonl'), 'utf8');
    expect(audit).not.toContain(SECRET);
    expect(audit).toContain('use ********');
    const entries = audit.trim().split('\n').map((l) => JSON.parse(l) as { command: string; exitCode: number | null; confirmation: string | null; runId: string });
    expect(entries.every((e) => e.runId === run.runId)).toBe(true);
    expect(entries.filter((e) => e.confirmation).map((e) => e.confirmation)).toEqual([
      'Confirmed: Create b (typed "ap1")',
      'Manual step done: Create c (typed "done")',
      'Manual step done: Create c (typed "done")',
    ]);
    // Written before it ran, and again with how it ended.
    expect(entries.filter((e) => e.command === 'fail').map((e) => e.exitCode)).toEqual([null, 3]);
    expect(output.join('')).not.toContain(SECRET);
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });

  it('marks a cut step interrupted, and after a restart asks for the secret again and checks the step before running it anew', async () => {
    let run = await start();
    run = await runner.step(run.runId, undefined, undefined);
    platform.cut();
    run = await runner.step(run.runId, 'ap1', undefined);
    expect(run.state).toBe('interrupted');
    expect(run.steps[1]?.state).toBe('interrupted');
    platform.files.add('b');

    await runner.close();
    runner = make();
    const after = await runner.get(run.runId);
    expect(after.missingSecrets).toEqual(['the token']);
    run = await runner.resume(run.runId, undefined);
    expect(run.state).toBe('ready');
    await expect(runner.step(run.runId, 'ap1', undefined)).rejects.toMatchObject({ message: expect.stringMatching(/Enter the token again/) });
    const before = platform.ran.length;
    run = await runner.step(run.runId, 'ap1', { token: SECRET });
    expect(run.steps[1]).toMatchObject({ state: 'done', outcome: 'Already done before the interruption: b exists.' });
    expect(platform.ran.slice(before)).toEqual(['test -e b']);
  });

  it('turns a run that was running when the console died into an interrupted one', async () => {
    const run = await start();
    const file = join(dataDir, 'wizard-runs.json');
    const saved = JSON.parse(await readFile(file, 'utf8')) as { runs: Array<Record<string, unknown> & { steps: Array<Record<string, unknown>> }> };
    saved.runs[0]!.state = 'running';
    saved.runs[0]!.steps[0]!.state = 'running';
    await runner.close();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, JSON.stringify(saved));
    runner = make();
    const recovered = await runner.get(run.runId);
    expect(recovered.state).toBe('interrupted');
    expect(recovered.steps[0]?.state).toBe('interrupted');
    expect(recovered.message).toMatch(/The console stopped while "Create a" ran/);
  });

  it('cancels, and a cancelled run does not run on', async () => {
    const run = await start();
    const cancelled = await runner.cancel(run.runId);
    expect(cancelled.state).toBe('cancelled');
    await expect(runner.step(run.runId, undefined, undefined)).rejects.toMatchObject({ message: expect.stringMatching(/was cancelled/) });
    expect((await runner.runs()).map((r) => r.runId)).toEqual([run.runId]);
  });
});
