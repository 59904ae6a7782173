import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../electron/core/connect/connectError';
import { ProbeOutputError } from '../../electron/core/platform/probeOutputError';
import { probePlatform } from '../../electron/core/platform/probePlatform';
import type { AdminProbeShell, RootProbeShell } from '../../electron/core/platform/probePlatform';

const run = promisify(execFile);

/** The script run by this machine's sh, as a plain exec channel would run it. */
async function localSh(command: string): Promise<{ stdout: Buffer; code: number }> {
  const { stdout } = await run('/bin/sh', ['-c', command], { encoding: 'buffer', maxBuffer: 32 * 1024 * 1024 });
  return { stdout, code: 0 };
}

const adminShell: AdminProbeShell = { exec: localSh };

describe.skipIf(process.platform !== 'linux')('probePlatform', () => {
  it('runs one command as admin and returns the facts with the time it took', async () => {
    const commands: string[] = [];
    const result = await probePlatform({ exec: (command) => (commands.push(command), localSh(command)) });
    expect(commands).toHaveLength(1);
    expect(result.ranAs).toBe('admin');
    expect(result.facts.uid.value).toBe(process.getuid?.());
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(Math.abs(result.clockSkewSeconds ?? 99)).toBeLessThanOrEqual(result.clockSkewToleranceSeconds);
  });

  it('runs one command in a root session, even when its terminal turned every NL into CR NL', async () => {
    const commands: string[] = [];
    const root: RootProbeShell = {
      run: async ({ shell }) => {
        commands.push(shell);
        const { stdout } = await localSh(shell);
        return { output: stdout.toString('utf8').replace(/\n/g, '\r\n'), code: 0 };
      },
    };
    const result = await probePlatform(root);
    expect(commands).toHaveLength(1);
    expect(result.ranAs).toBe('root');
    expect(result.facts.cpuCount.unknown).toBeNull();
    expect(result.facts.arch.value).not.toContain('\r');
  });

  it('measures the clock skew against the local clock it is given', async () => {
    const hourAhead = () => Date.now() + 3_600_000;
    const result = await probePlatform(adminShell, { now: hourAhead });
    expect(Math.abs((result.clockSkewSeconds ?? 0) + 3600)).toBeLessThanOrEqual(result.clockSkewToleranceSeconds);
  });

  it('turns a cut answer into a ProbeOutputError', async () => {
    const cut: AdminProbeShell = {
      exec: async (command) => {
        const { stdout } = await localSh(command);
        return { stdout: stdout.subarray(0, Math.floor(stdout.length / 2)), code: null };
      },
    };
    await expect(probePlatform(cut)).rejects.toBeInstanceOf(ProbeOutputError);
  });

  it("passes the shell's own failures on unchanged", async () => {
    const failing: AdminProbeShell = { exec: () => Promise.reject(new ConnectError('timeout', 'The command did not finish within 60 s and was stopped.')) };
    await expect(probePlatform(failing)).rejects.toMatchObject({ code: 'timeout' });
  });

  it('passes its timeout and signal to the shell', async () => {
    const seen: Array<{ timeoutMs?: number; signal?: AbortSignal } | undefined> = [];
    const controller = new AbortController();
    await probePlatform({ exec: (command, options) => (seen.push(options), localSh(command)) }, { timeoutMs: 5_000, signal: controller.signal });
    expect(seen[0]?.timeoutMs).toBe(5_000);
    expect(seen[0]?.signal).toBe(controller.signal);
  });
});
