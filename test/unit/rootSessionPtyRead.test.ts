import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ptyReadScript } from '../../electron/core/connect/root/rootRead';
import { shellCommand } from '../../electron/core/connect/shellQuote';

const SHELLS = [['/bin/sh'], ...(existsSync('/usr/bin/busybox') ? [['/usr/bin/busybox', 'ash']] : [])];

describe('reading over the terminal: stdout through a pipe, the exit code kept', () => {
  for (const [program = '/bin/sh', ...args] of SHELLS) {
    it(`keeps bytes and exit code, drops stderr (${[program, ...args].join(' ')})`, () => {
      const run = (argv: string[]) => spawnSync(program, [...args, '-c', ptyReadScript(shellCommand(argv))]);
      const failing = run(['sh', '-c', 'printf "a\\0b\\r\\n"; echo oops >&2; exit 42']);
      expect(failing.status).toBe(42);
      expect(failing.stdout.equals(Buffer.from('a\0b\r\n'))).toBe(true);
      expect(failing.stderr.length).toBe(0);
      const missing = run(['cat', '--', '/no/such/file']);
      expect(missing.status).toBe(1);
      expect(missing.stdout.length).toBe(0);
    });
  }

  it('gives the command a pipe, not the terminal, as stdout (tar refuses to write an archive to a terminal)', () => {
    const probe = shellCommand(['sh', '-c', '[ -t 1 ] && echo terminal || echo pipe']);
    const inTerminal = (command: string) => execFileSync('script', ['-qec', command, '/dev/null']).toString().trim();
    expect(inTerminal(probe)).toBe('terminal');
    expect(inTerminal(ptyReadScript(probe))).toBe('pipe');
  });
});
