import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'ssh2';
import { ConnectError } from '../connect/connectError';
import { isPasswordPrompt, typablePassword } from '../connect/root/suOutcome';
import { readTerminalState } from './terminalState';
import type { Foreground, TerminalState } from './terminalState';
import type { TerminalTty } from './terminalStart';

export interface BecomeRootTarget {
  client: Client;
  where: TerminalTty;
  /** Names the platform in messages. */
  platform: string;
  /** Types into the terminal. */
  type(data: string): void;
  /** Aborted when the terminal ends. */
  signal: AbortSignal;
}

export interface BecomeRootTimes {
  /** How long su may take to ask for the password. */
  promptMs: number;
  /** How long su may take to answer it. */
  outcomeMs: number;
  pollMs: number;
}

const TIMES: BecomeRootTimes = { promptMs: 10_000, outcomeMs: 15_000, pollMs: 150 };

/** Programs at whose prompt `su root` can be typed. */
const SHELLS = new Set(['sh', 'ash', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'hush', 'busybox', 'fish', 'csh', 'tcsh']);
/** Ctrl-U first: whatever the user had typed at the prompt is not run with it. */
const SU_LINE = '\x15su root\r';

const isOurSu = (fg: Foreground) => {
  const args = fg.args.split(' ');
  return fg.comm === 'su' && /(^|\/)su$/.test(args[0] ?? '') && args[args.length - 1] === 'root';
};
const isRootShell = (fg: Foreground) => fg.uid === 0 && fg.comm !== 'su';

/** Polls the terminal's state until `check` decides (a value) or the time is up (undefined). */
async function pollState<T>(target: BecomeRootTarget, ms: number, pollMs: number, check: (state: TerminalState) => T | undefined): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const state = await readTerminalState(target.client, target.where, target.signal);
    const decided = state ? check(state) : undefined;
    if (decided !== undefined) return decided;
    if (Date.now() >= until) return undefined;
    await sleep(pollMs, undefined, { signal: target.signal });
  }
}

function terminalEnded(platform: string): ConnectError {
  return new ConnectError('disconnected', `The terminal on ${platform} ended while switching to root. Reconnect to open a new terminal.`, { platform });
}

/**
 * Types `su root` at the terminal's shell prompt and answers su's password prompt with the root password.
 * The password is typed only when the terminal's foreground program is that su and the tty reads with echo
 * off in canonical mode (how su reads a password, in any language), both read from /proc and stty on a
 * second channel; so it is never echoed and never typed into another program. Nothing is typed at all
 * unless a shell has the terminal.
 */
export async function becomeRoot(target: BecomeRootTarget, password: string, times: BecomeRootTimes = TIMES): Promise<void> {
  const { platform } = target;
  if (!typablePassword(password)) {
    throw new ConnectError('root_auth_failed', `The root password stored for ${platform} is empty or holds a line break or control character, which su cannot receive. Store the platform's root password again.`, { platform });
  }
  try {
    await switchToRoot(target, password, times);
  } catch (error) {
    if (target.signal.aborted) throw terminalEnded(platform);
    throw error;
  }
}

async function switchToRoot(target: BecomeRootTarget, password: string, times: BecomeRootTimes): Promise<void> {
  const { platform } = target;
  const before = (await readTerminalState(target.client, target.where, target.signal))?.foreground;
  if (!before) {
    throw new ConnectError('remote_failed', `The console cannot tell which program has the terminal on ${platform}, so it typed nothing. Type su root yourself, or reconnect and try again.`, { platform });
  }
  if (before.uid === 0) throw new ConnectError('remote_failed', `The terminal on ${platform} is root already, so nothing was typed.`, { platform });
  if (before.comm === 'su') throw new ConnectError('remote_failed', `su is already running in the terminal on ${platform}, so nothing was typed. Finish it or press Ctrl+C, then choose Become root again.`, { platform });
  if (!SHELLS.has(before.comm)) {
    throw new ConnectError('remote_failed', `${before.comm} is running in the terminal on ${platform}, so nothing was typed. Return to the shell prompt, then choose Become root again.`, { platform });
  }

  target.type(SU_LINE);
  let sawSu = false;
  const asked = await pollState(target, times.promptMs, times.pollMs, ({ mode, foreground: fg }) => {
    if (!fg) return undefined;
    if (isOurSu(fg)) {
      sawSu = true;
      return isPasswordPrompt(mode) ? 'prompt' : undefined;
    }
    if (isRootShell(fg)) return 'root';
    return sawSu ? 'ended' : undefined;
  });
  if (asked === 'root') return;
  if (asked === 'ended') {
    throw new ConnectError('remote_failed', `su root on ${platform} ended without asking for the password, so it was not typed. The terminal shows what su said.`, { platform });
  }
  if (asked === undefined) {
    throw new ConnectError('timeout', `su root on ${platform} showed no password prompt within ${Math.round(times.promptMs / 1000)} s, so the root password was not typed. The terminal shows what happened; try again at the shell prompt.`, { platform });
  }

  // A line end that ends the line in canonical mode whatever the tty does with CR.
  target.type(`${password}\n`);
  const outcome = await pollState(target, times.outcomeMs, times.pollMs, ({ foreground: fg }) => {
    if (!fg || fg.comm === 'su') return undefined;
    return isRootShell(fg) ? 'root' : 'refused';
  });
  if (outcome === 'root') return;
  if (outcome === 'refused') {
    throw new ConnectError(
      'root_auth_failed',
      `su root was refused: the root password stored for ${platform} is wrong. Store the platform's current root password (it may have been changed by Devices) and try again.`,
      { platform },
    );
  }
  throw new ConnectError('timeout', `su root on ${platform} gave no root shell within ${Math.round(times.outcomeMs / 1000)} s of the password. The terminal shows what su is doing.`, { platform });
}
