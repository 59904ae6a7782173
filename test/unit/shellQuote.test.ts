import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { quoteArg, shellCommand } from '../../electron/core/connect/shellQuote';

const NASTY = ["it's", '$(touch /tmp/pwned)', '`id`', 'a\nb', '-rf', '--', ' ', '', '"', '\\', '*', '~', 'ä€😀', "'; echo x; '", '$HOME', '!x', '\t'];

function echoedBySh(argv: string[]): string[] {
  const output = execFileSync('/bin/sh', ['-c', `${shellCommand(['printf', '%s\\0', ...argv])}`]);
  return output.toString('utf8').split('\0').slice(0, -1);
}

describe('shell quoting', () => {
  it('hands every argument to a real shell exactly as given', () => {
    expect(echoedBySh(NASTY)).toEqual(NASTY);
  });

  it('keeps random printable and control strings intact', () => {
    const randomArgs = Array.from({ length: 200 }, (_, n) =>
      Array.from({ length: 1 + (n % 17) }, (_, i) => String.fromCharCode(1 + ((n * 31 + i * 7) % 126))).join(''),
    );
    expect(echoedBySh(randomArgs)).toEqual(randomArgs);
  });

  it('refuses NUL bytes and empty commands', () => {
    expect(() => quoteArg('a\0b')).toThrow(/NUL/);
    expect(() => shellCommand([])).toThrow(/program/);
  });
});
