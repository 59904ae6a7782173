import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { newRootMarkers } from '../../electron/core/connect/root/rootMarkers';
import { StartLineFilter, terminalStartCommand } from '../../electron/core/terminal/terminalStart';

const markers = newRootMarkers();
const line = `${markers.nonce}:tty:4242:/dev/pts/7\r\n`;

describe('the start line of a terminal', () => {
  it('is cut out and tells the shell pid and tty, however the output is split', () => {
    const stream = Buffer.from(`${line}Welcome\r\n$ `);
    for (let cut = 1; cut < stream.length; cut++) {
      const filter = new StartLineFilter(markers);
      const shown = Buffer.concat([filter.feed(stream.subarray(0, cut)), filter.feed(stream.subarray(cut))]).toString();
      expect(shown).toBe('Welcome\r\n$ ');
      expect(filter.tty).toEqual({ shellPid: 4242, tty: '/dev/pts/7' });
      expect(filter.seeking).toBe(false);
    }
  });

  it('keeps output that came before it and passes everything after it untouched', () => {
    const filter = new StartLineFilter(markers);
    expect(filter.feed(Buffer.from('from rc\r\n')).length).toBe(0);
    expect(filter.feed(Buffer.from(`${line}$ `)).toString()).toBe('from rc\r\n$ ');
    expect(filter.feed(Buffer.from(line)).toString()).toBe(line);
  });

  it('names no tty when the shell had none', () => {
    const filter = new StartLineFilter(markers);
    expect(filter.feed(Buffer.from(`${markers.nonce}:tty:4242:not a tty\n$ `)).toString()).toBe('$ ');
    expect(filter.tty).toBeNull();
  });

  it('ignores a line with another nonce, and gives up after enough output', () => {
    const filter = new StartLineFilter(markers);
    const other = `${newRootMarkers().nonce}:tty:1:/dev/pts/1\n`;
    expect(filter.feed(Buffer.from(other)).length).toBe(0);
    const shown = filter.feed(Buffer.alloc(20_000, 0x61));
    expect(shown.toString()).toBe(other + 'a'.repeat(20_000));
    expect(filter.tty).toBeNull();
    expect(filter.release().length).toBe(0);
  });

  it('release hands back what was held', () => {
    const filter = new StartLineFilter(markers);
    filter.feed(Buffer.from('partial'));
    expect(filter.release().toString()).toBe('partial');
    expect(filter.seeking).toBe(false);
  });

  it('the start command prints the line in a real shell and runs the login shell', () => {
    const out = execFileSync('sh', ['-c', terminalStartCommand(markers)], { env: { ...process.env, SHELL: '/bin/sh' }, input: 'echo "login:$0"\n' }).toString();
    const filter = new StartLineFilter(markers);
    expect(filter.feed(Buffer.from(out)).toString()).toBe('login:/bin/sh\n');
    // No terminal here: the line is there, but names none.
    expect(filter.tty).toBeNull();
    expect(terminalStartCommand(markers)).not.toContain(`${markers.nonce}:tty`);
  });
});
