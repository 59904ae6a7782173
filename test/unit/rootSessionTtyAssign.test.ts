import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ttyAssignLines } from '../../electron/core/connect/root/ttyAssign';

const SHELLS = [['/bin/sh'], ...(existsSync('/usr/bin/busybox') ? [['/usr/bin/busybox', 'ash']] : [])];

/** What a real shell holds in the variable after reading the lines (printed between sentinels so nothing is trimmed). */
function assigned(shell: string[], text: string): string {
  const script = `${ttyAssignLines('__apc_c', text).join('\n')}\nprintf '[%s]' "$__apc_c"\n`;
  const [program = '/bin/sh', ...args] = shell;
  const out = execFileSync(program, [...args, '-s'], { input: script }).toString('utf8');
  return out.slice(1, -1);
}

/** Deterministic pseudo-random strings over every character a command may hold, control characters included. */
function randomText(seed: number, length: number): string {
  let state = seed * 2654435761;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
  const pool = ['\'', '"', '\\', '$', '`', '\n', '\r', '\t', '\x03', '\x04', '\x1a', '\x11', '\x13', '\x15', '\x7f', '\x1b', '%', '_', 'ä', '€', '😀', ' '];
  let out = '';
  for (let i = 0; i < length; i++) {
    const r = next() % 4;
    if (r === 0) out += pool[next() % pool.length];
    else if (r === 1) out += String.fromCharCode(1 + (next() % 0x7f));
    else out += String.fromCharCode(0x20 + (next() % 0x5f));
  }
  return out;
}

describe('typing a command into a tty shell', () => {
  const cases = [
    '',
    'echo hi',
    "it's \"quoted\" $HOME `id` \\n",
    'ends with newline\n',
    '\n\n',
    'control \x03\x04\x1a\x11\x13\x15\x7f and CR\r\n',
    '%s %d %%\\101',
    '_',
    '-e starts with a dash\n',
    `${'y'.repeat(600)}-n\tafter a chunk boundary`,
    'x'.repeat(10_000),
    'ä€😀'.repeat(500),
    ...Array.from({ length: 40 }, (_, n) => randomText(n + 1, 1 + ((n * 97) % 2500))),
  ];

  for (const shell of SHELLS) {
    it(`sets the variable to exactly the text (${shell.join(' ')})`, () => {
      for (const text of cases) expect(assigned(shell, text)).toBe(text);
    });
  }

  it('produces short lines without any character the line discipline would act on', () => {
    for (const text of cases) {
      for (const line of ttyAssignLines('v', text)) {
        expect(Buffer.byteLength(line)).toBeLessThan(4000);
        const controls = [...line].filter((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
        expect(controls).toEqual([]);
      }
    }
  });

  it('refuses a variable name the shell would not take', () => {
    expect(() => ttyAssignLines('a b', 'x')).toThrow(/variable name/);
    expect(() => ttyAssignLines('1a', 'x')).toThrow(/variable name/);
  });
});
