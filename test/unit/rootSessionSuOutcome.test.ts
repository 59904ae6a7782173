import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fifoPath, isFifoFolder, makeFifoScript, removeFolderScript, writeIntoFifoScript } from '../../electron/core/connect/root/rootFifo';
import { isPasswordPrompt, lineModeFromSttyG, redact, suEndedError, suWords, typablePassword } from '../../electron/core/connect/root/suOutcome';

describe('recognising su reading a password from the line mode', () => {
  // `stty -g` of a fresh terminal (echo, icanon) and the same with echo off, as GNU and BusyBox print them.
  const normal = '500:5:bf:8a3b:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0';
  const echoOff = '500:5:bf:8a33:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0';
  const lineEditing = '500:5:bf:8a31:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0';

  it('reads echo and canonical mode', () => {
    expect(lineModeFromSttyG(normal)).toEqual({ echo: true, canonical: true });
    expect(lineModeFromSttyG(`${echoOff}\n`)).toEqual({ echo: false, canonical: true });
    expect(lineModeFromSttyG(lineEditing)).toEqual({ echo: false, canonical: false });
    expect(lineModeFromSttyG('stty: invalid argument')).toBeUndefined();
  });

  it('takes only echo off in canonical mode as a password prompt', () => {
    expect(isPasswordPrompt(lineModeFromSttyG(echoOff))).toBe(true);
    expect(isPasswordPrompt(lineModeFromSttyG(normal))).toBe(false);
    expect(isPasswordPrompt(lineModeFromSttyG(lineEditing))).toBe(false);
    expect(isPasswordPrompt(undefined)).toBe(false);
  });

  it('agrees with the local stty on a real terminal setting', () => {
    let local: string;
    try {
      local = execFileSync('script', ['-qec', 'stty -echo; stty -g', '/dev/null']).toString().trim().split(/\r?\n/).pop() ?? '';
    } catch {
      return;
    }
    expect(isPasswordPrompt(lineModeFromSttyG(local))).toBe(true);
  });
});

describe('su outcome and secrets', () => {
  it('accepts only passwords a tty line can carry', () => {
    expect(typablePassword("iplinux with spaces 'and' \"quotes\" $1 ä€")).toBe(true);
    for (const bad of ['', 'a\nb', 'a\rb', 'a\x03b', 'a\x7fb', 'a\x00b']) expect(typablePassword(bad)).toBe(false);
  });

  it('redacts the secret and drops what the session typed from su words', () => {
    const typed = "stty -echo -opost 2>/dev/null; PS1=''\nprintf '%s%s\\n' 'x' ':up'\n";
    const words = suWords(`Password: geheim123\r\n\x1b[1mstty -echo -opost 2>/dev/null; PS1=''\nsu: Authentication failure\n`, 'geheim123', typed);
    expect(words).not.toContain('geheim123');
    expect(words).not.toContain('stty');
    expect(words).toContain('su: Authentication failure');
    expect(redact('a secret b secret', 'secret')).toBe('a ******** b ********');
  });

  it('maps su exit status to an error the user can act on, without the password', () => {
    const refused = suEndedError('ap-1', 1, 'su: Fehler bei Authentifizierung');
    expect(refused.code).toBe('root_auth_failed');
    expect(refused.message).toMatch(/su root was refused: the root password stored for ap-1 is wrong/);
    expect(suEndedError('ap-1', 127, '').code).toBe('remote_failed');
    expect(suEndedError('ap-1', null, '').code).toBe('disconnected');
    expect(suEndedError('ap-1', 0, '').code).toBe('remote_failed');
  });
});

describe('FIFO folder scripts', () => {
  it('names folders that the path check accepts, and nothing else', () => {
    expect(isFifoFolder(`/tmp/apc-root-read.123.${'a'.repeat(32)}`)).toBe(true);
    expect(isFifoFolder(`/dev/shm/apc-root-read.9.${'0'.repeat(32)}`)).toBe(true);
    for (const bad of ['', '/tmp', '/tmp/apc-root-read.x.abc', `/home/apc-root-read.1.${'a'.repeat(32)}`, `/tmp/apc-root-read.1.${'a'.repeat(32)}/..`]) expect(isFifoFolder(bad)).toBe(false);
  });

  it('hands the FIFO to admin by uid and refuses anything else', () => {
    expect(makeFifoScript(1000)).toContain('chown -- 1000 ');
    expect(() => makeFifoScript(-1)).toThrow();
    expect(() => makeFifoScript(1.5)).toThrow();
    expect(makeFifoScript(0)).not.toBe(makeFifoScript(0));
  });

  it('quotes the folder in the write and clean-up scripts', () => {
    const folder = `/tmp/apc-root-read.1.${'b'.repeat(32)}`;
    expect(fifoPath(folder)).toBe(`${folder}/f`);
    expect(writeIntoFifoScript("'cat' '--' 'x'", folder)).toBe(`'cat' '--' 'x' >'${folder}/f'; __apc_r=$?; rm -rf -- '${folder}'; (exit $__apc_r)`);
    expect(removeFolderScript(folder)).toBe(`rm -rf -- '${folder}'`);
  });

  it('is valid shell syntax', () => {
    execFileSync('/bin/sh', ['-n', '-c', makeFifoScript(1000)]);
  });
});
