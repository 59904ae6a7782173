import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseTerminalState, terminalStateScript } from '../../electron/core/terminal/terminalState';

const run = promisify(execFile);
const ECHO_OFF = '500:5:bf:8a33:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0';

describe('reading which program has a terminal', () => {
  it('parses the probe: line mode, foreground group, its name, arguments and real uid', () => {
    const state = parseTerminalState(`mode:${ECHO_OFF}\nfg:812\ncomm:su\nargs:su root \nUid:\t1000\t0\t0\t0\n`);
    expect(state).toEqual({ mode: { echo: false, canonical: true }, foreground: { pgid: 812, comm: 'su', args: 'su root', uid: 1000 } });
  });

  it('has no foreground when /proc could not be read, and no mode when stty failed', () => {
    expect(parseTerminalState('mode:\n')).toEqual({ mode: undefined, foreground: undefined });
    expect(parseTerminalState(`mode:${ECHO_OFF}\nfg:812\ncomm:\nargs:\n`).foreground).toBeUndefined();
    expect(parseTerminalState('mode:x\nfg:-1\ncomm:sh\nUid:\t0\t0\t0\t0\n').foreground).toBeUndefined();
  });

  it('keeps control characters of a program name out', () => {
    expect(parseTerminalState('mode:\nfg:9\ncomm:ev\x1b[1mil\nargs:a\x07b\nUid:\t5\t5\t5\t5\n').foreground).toEqual({ pgid: 9, comm: 'ev[1mil', args: 'ab', uid: 5 });
  });

  it('refuses a tty or pid that is not one', () => {
    expect(() => terminalStateScript({ shellPid: 12, tty: "/dev/pts/1'; reboot" })).toThrow();
    expect(() => terminalStateScript({ shellPid: 0, tty: '/dev/pts/1' })).toThrow();
  });

  it('reads a real terminal: the program in front, its arguments, and echo off', async () => {
    let child;
    try {
      child = spawn('script', ['-qec', 'printf "start %s %s\\n" $$ "$(tty)"; stty -echo; exec sleep 30', '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      return;
    }
    try {
      const first = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const line = /start (\d+) (\/dev\/\S+)/.exec(out);
          if (line) resolve(line[0]);
        });
        child.on('error', reject);
        child.on('exit', () => reject(new Error('script ended')));
      }).catch(() => undefined);
      if (!first) return;
      const [, pid, tty] = first.split(' ');
      let state = parseTerminalState('');
      for (let i = 0; i < 50 && state.foreground?.comm !== 'sleep'; i++) {
        const { stdout } = await run('sh', ['-c', terminalStateScript({ shellPid: Number(pid), tty: tty ?? '' })]);
        state = parseTerminalState(stdout);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(state.foreground).toMatchObject({ pgid: Number(pid), comm: 'sleep', args: 'sleep 30', uid: process.getuid?.() });
      expect(state.mode).toEqual({ echo: false, canonical: true });
    } finally {
      child.kill();
    }
  });
});
