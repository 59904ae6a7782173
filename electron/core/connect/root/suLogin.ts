import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { ConnectError, cancelled } from '../connectError';
import { exec } from '../sshExec';
import { bootstrapInput, readyPattern, suMarkerPattern } from './rootMarkers';
import type { RootMarkers } from './rootMarkers';
import { isPasswordPrompt, lineModeFromSttyG, suEndedError, suWords } from './suOutcome';
import { isTtyPath, sttyReadCommand } from './ttyLineMode';

export interface SuLoginOptions {
  platform: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface RootShellInfo {
  /** admin's uid: root hands it the read end of a FIFO. */
  adminUid: number;
  /** The root shell's pid, part of the names of its temporary folders. */
  shellPid: number;
}

const TRANSCRIPT_LIMIT = 64 * 1024;
const PROMPT_CHECKS = 20;
const PROMPT_CHECK_INTERVAL_MS = 100;
const BOOTSTRAP_RESEND_MS = [150, 300, 600, 1000];

/**
 * Answers su's password prompt on the admin channel (already running suCommand) and waits for the root shell.
 *
 * How the prompt is recognised without knowing its wording: the channel prints a marker right before it
 * execs su, so the first output after the marker is su's. Before typing the password, a second channel
 * reads the tty's line mode (`stty -g`): su reads passwords with echo off in canonical mode. Only then
 * is the password sent, so it can be neither echoed nor typed into a shell. su discards input typed
 * while it works, so the bootstrap line is resent until the root shell prints its ready marker.
 * Failure is told by su's exit status, not its message.
 */
export function suLogin(client: Client, channel: ClientChannel, markers: RootMarkers, password: string, options: SuLoginOptions): Promise<RootShellInfo> {
  const { platform } = options;
  const suMarker = suMarkerPattern(markers);
  const ready = readyPattern(markers);
  return new Promise<RootShellInfo>((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let transcript = '';
    let afterMarker = -1;
    let tty = '';
    let adminUid = -1;
    let phase: 'marker' | 'prompt' | 'checking' | 'auth' | 'done' = 'marker';
    let exitCode: number | null = null;
    let resendTimer: NodeJS.Timeout | undefined;
    let resends = 0;

    const finish = (outcome: { info: RootShellInfo } | { error: ConnectError }) => {
      if (phase === 'done') return;
      phase = 'done';
      clearTimeout(deadline);
      clearTimeout(resendTimer);
      channel.off('data', onData);
      channel.off('exit', onExit);
      channel.off('close', onClose);
      options.signal?.removeEventListener('abort', onAbort);
      if ('info' in outcome) resolve(outcome.info);
      else reject(outcome.error);
    };
    const fail = (error: ConnectError) => finish({ error });

    const sendBootstrap = () => {
      if (phase !== 'auth') return;
      channel.write(bootstrapInput(markers));
      resendTimer = setTimeout(sendBootstrap, BOOTSTRAP_RESEND_MS[Math.min(resends++, BOOTSTRAP_RESEND_MS.length - 1)]);
    };

    const checkPrompt = async () => {
      phase = 'checking';
      for (let attempt = 0; attempt < PROMPT_CHECKS; attempt++) {
        const probe = await exec(client, sttyReadCommand(tty), { timeoutMs: 10_000, signal: options.signal }).catch(() => undefined);
        if (phase !== 'checking') return;
        if (probe && probe.code === 0 && isPasswordPrompt(lineModeFromSttyG(probe.stdout.toString('latin1')))) {
          phase = 'auth';
          channel.write(`${password}\n`);
          sendBootstrap();
          return;
        }
        await new Promise((wait) => setTimeout(wait, PROMPT_CHECK_INTERVAL_MS));
        if (phase !== 'checking') return;
      }
      fail(new ConnectError('remote_failed', `su on ${platform} asked for input without switching terminal echo off, so the root password was not sent. Check su on the platform.`, { platform, su: suWords(transcript.slice(afterMarker), password, bootstrapInput(markers)) }));
    };

    const onData = (chunk: Buffer) => {
      transcript += decoder.write(chunk);
      if (transcript.length > TRANSCRIPT_LIMIT) {
        const cut = transcript.length - TRANSCRIPT_LIMIT;
        transcript = transcript.slice(cut);
        afterMarker = Math.max(0, afterMarker - cut);
      }
      if (phase === 'marker') {
        const found = suMarker.exec(transcript);
        if (!found) return;
        adminUid = Number(found[1]);
        tty = found[2] ?? '';
        afterMarker = found.index + found[0].length;
        if (!isTtyPath(tty)) {
          fail(new ConnectError('remote_failed', `The SSH server of ${platform} gave the admin session no terminal, which su needs. Check the server's PTY settings.`, { platform }));
          return;
        }
        phase = 'prompt';
      }
      if (phase === 'prompt' && transcript.slice(afterMarker).trim().length > 0) {
        void checkPrompt();
        return;
      }
      if (phase === 'auth') {
        const found = ready.exec(transcript.slice(afterMarker));
        if (!found) return;
        if (Number(found[1]) !== 0) {
          fail(new ConnectError('remote_failed', `su root on ${platform} gave a shell that is not root (uid ${found[1]}). Check su on the platform.`, { platform }));
          return;
        }
        if (found[3]) {
          fail(new ConnectError('remote_failed', `The terminal on ${platform} could not be switched to raw output (stty -opost), so root output would not be exact. Check stty on the platform.`, { platform }));
          return;
        }
        finish({ info: { adminUid, shellPid: Number(found[2]) } });
      }
    };
    const onExit = (code: number | null) => {
      exitCode = typeof code === 'number' ? code : null;
    };
    const onClose = () => fail(suEndedError(platform, exitCode, suWords(afterMarker >= 0 ? transcript.slice(afterMarker) : transcript, password, bootstrapInput(markers))));
    const onAbort = () => fail(cancelled(`Switching to root on ${platform}`));
    const deadline = setTimeout(
      () => fail(new ConnectError('timeout', `su root on ${platform} did not answer within ${Math.round(options.timeoutMs / 1000)} s. The platform may be overloaded; try again.`, { platform })),
      options.timeoutMs,
    );

    channel.on('data', onData);
    channel.on('exit', onExit);
    channel.on('close', onClose);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
