import { describe, expect, it } from 'vitest';
import { becomeRoot } from '../../electron/core/terminal/becomeRoot';
import type { BecomeRootTimes } from '../../electron/core/terminal/becomeRoot';
import { caught } from '../support/caughtConnectError';
import { FakeClient } from './terminalFakeClient';

const NORMAL = '500:5:bf:8a3b:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0';
const ECHO_OFF = '500:5:bf:8a33:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0';
const LINE_EDITING = '500:5:bf:8a31:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0';
const PASSWORD = `Wurzel 'x' "$1" ä`;
const TIMES: BecomeRootTimes = { promptMs: 300, outcomeMs: 300, pollMs: 5 };
const SU_LINE = '\x15su root\r';

interface Shown {
  mode: string;
  comm: string;
  args?: string;
  uid?: number;
}
const probe = (s: Shown) => `mode:${s.mode}\nfg:77\ncomm:${s.comm}\nargs:${s.args ?? s.comm}\nUid:\t${s.uid ?? 1000}\t0\t0\t0\n`;
const adminShell: Shown = { mode: LINE_EDITING, comm: 'sh', args: 'sh -l' };
const suPrompt: Shown = { mode: ECHO_OFF, comm: 'su', args: 'su root' };
const rootShell: Shown = { mode: LINE_EDITING, comm: 'sh', uid: 0 };

/** A terminal whose state follows what was typed into it: `states(typed)` is what the probe sees. */
function terminal(states: (typed: string[]) => Shown) {
  const typed: string[] = [];
  const client = new FakeClient(() => probe(states(typed)));
  const target = { client: client.asClient(), where: { shellPid: 77, tty: '/dev/pts/3' }, platform: 'ap-1', type: (data: string) => void typed.push(data), signal: new AbortController().signal };
  return { typed, client, target };
}

describe('becoming root in a terminal', () => {
  it('types su root at the shell prompt and the password only into su prompting with echo off', async () => {
    const t = terminal((typed) => (typed.length === 0 ? adminShell : typed.length === 1 ? suPrompt : rootShell));
    await becomeRoot(t.target, PASSWORD, TIMES);
    expect(t.typed).toEqual([SU_LINE, `${PASSWORD}\n`]);
    for (const command of t.client.commands) expect(command).not.toContain(PASSWORD);
  });

  it('waits while su starts and has not switched echo off yet', async () => {
    let polls = 0;
    const t = terminal((typed) => {
      if (typed.length === 0) return adminShell;
      if (typed.length > 1) return rootShell;
      return ++polls < 5 ? { mode: NORMAL, comm: 'su', args: 'su root' } : suPrompt;
    });
    await becomeRoot(t.target, PASSWORD, TIMES);
    expect(polls).toBeGreaterThanOrEqual(5);
    expect(t.typed).toEqual([SU_LINE, `${PASSWORD}\n`]);
  });

  it('types nothing when another program has the terminal, or su or root already does', async () => {
    for (const [shown, words] of [
      [{ mode: LINE_EDITING, comm: 'vi' }, 'vi is running'],
      [{ mode: ECHO_OFF, comm: 'su', args: 'su root' }, 'su is already running'],
      [rootShell, 'root already'],
    ] as const) {
      const t = terminal(() => shown);
      const error = await caught(becomeRoot(t.target, PASSWORD, TIMES));
      expect(error.message).toContain(words);
      expect(t.typed).toEqual([]);
    }
  });

  it('never types the password into a program that hides its input but is not su', async () => {
    // e.g. `sh -c 'stty -echo; read x'` at the prompt: su root is typed, read takes it, no su ever prompts.
    const hidden = terminal(() => ({ mode: ECHO_OFF, comm: 'sh', args: 'sh -c stty -echo; read x' }));
    expect((await caught(becomeRoot(hidden.target, PASSWORD, TIMES))).code).toBe('timeout');
    expect(hidden.typed).toEqual([SU_LINE]);
    // a su for another user prompting
    const other = terminal((typed) => (typed.length === 0 ? adminShell : { mode: ECHO_OFF, comm: 'su', args: 'su postgres' }));
    expect((await caught(becomeRoot(other.target, PASSWORD, TIMES))).code).toBe('timeout');
    expect(other.typed).toEqual([SU_LINE]);
  });

  it('says so, having typed no password, when su ends without prompting or never prompts', async () => {
    let polls = 0;
    const ended = terminal((typed) => (typed.length === 0 || ++polls > 3 ? adminShell : { mode: NORMAL, comm: 'su', args: 'su root' }));
    const error = await caught(becomeRoot(ended.target, PASSWORD, TIMES));
    expect(error.message).toContain('ended without asking for the password');
    expect(ended.typed).toEqual([SU_LINE]);

    const silent = terminal(() => adminShell);
    const late = await caught(becomeRoot(silent.target, PASSWORD, TIMES));
    expect(late.code).toBe('timeout');
    expect(late.message).toContain('showed no password prompt');
    expect(silent.typed).toEqual([SU_LINE]);
  });

  it('tells a refused password from a slow su, the password in no message', async () => {
    const refused = terminal((typed) => (typed.length === 0 ? adminShell : typed.length === 1 ? suPrompt : adminShell));
    const error = await caught(becomeRoot(refused.target, PASSWORD, TIMES));
    expect(error.code).toBe('root_auth_failed');
    expect(error.message).toContain('wrong');
    expect(`${error.message}${JSON.stringify(error.details)}`).not.toContain(PASSWORD);

    const slow = terminal((typed) => (typed.length === 0 ? adminShell : { mode: typed.length === 1 ? ECHO_OFF : NORMAL, comm: 'su', args: 'su root' }));
    expect((await caught(becomeRoot(slow.target, PASSWORD, TIMES))).message).toContain('gave no root shell');
    expect(slow.typed).toEqual([SU_LINE, `${PASSWORD}\n`]);
  });

  it('takes a root shell without a prompt as done, and refuses passwords su cannot read', async () => {
    const t = terminal((typed) => (typed.length === 0 ? adminShell : rootShell));
    await becomeRoot(t.target, PASSWORD, TIMES);
    expect(t.typed).toEqual([SU_LINE]);
    for (const bad of ['', 'line\nbreak', 'ctrl\x03c']) {
      const u = terminal(() => adminShell);
      expect((await caught(becomeRoot(u.target, bad, TIMES))).code).toBe('root_auth_failed');
      expect(u.typed).toEqual([]);
    }
  });

  it('stops when the terminal ends', async () => {
    const controller = new AbortController();
    const t = terminal(() => adminShell);
    const work = caught(becomeRoot({ ...t.target, signal: controller.signal }, PASSWORD, { ...TIMES, promptMs: 5_000 }));
    setTimeout(() => controller.abort(), 30);
    const error = await work;
    expect(error.message).toContain('ended while switching to root');
    expect(t.typed).not.toContain(`${PASSWORD}\n`);
  });
});
