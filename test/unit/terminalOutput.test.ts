import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from '../../electron/core/terminal/terminalOutput';

describe('terminal output batches', () => {
  let sent: string[];
  let batcher: OutputBatcher;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    batcher = new OutputBatcher((data) => sent.push(data), { delayMs: 16, maxChars: 100 });
  });
  afterEach(() => vi.useRealTimers());

  it('sends output arriving close together as one event after the delay', () => {
    batcher.push(Buffer.from('$ ls\r\n'));
    batcher.push(Buffer.from('a b c\r\n'));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(15);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['$ ls\r\na b c\r\n']);
    batcher.push(Buffer.from('$ '));
    vi.advanceTimersByTime(16);
    expect(sent).toEqual(['$ ls\r\na b c\r\n', '$ ']);
  });

  it('sends at once when the batch is full', () => {
    batcher.push(Buffer.from('x'.repeat(60)));
    batcher.push(Buffer.from('y'.repeat(60)));
    expect(sent).toEqual(['x'.repeat(60) + 'y'.repeat(60)]);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
  });

  it('never splits a multi-byte character, wherever the chunks are cut', () => {
    const text = 'ä€😀 Grüße 漢字\r\n';
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      sent = [];
      const one = new OutputBatcher((data) => sent.push(data), { delayMs: 16, maxChars: 100 });
      one.push(bytes.subarray(0, cut));
      vi.advanceTimersByTime(16);
      one.push(bytes.subarray(cut));
      vi.advanceTimersByTime(16);
      expect(sent.join('')).toBe(text);
      for (const piece of sent) expect(piece).not.toContain('\uFFFD');
    }
  });

  it('one byte at a time still yields the text', () => {
    const bytes = Buffer.from('😀€');
    for (const byte of bytes) batcher.push(Buffer.from([byte]));
    vi.advanceTimersByTime(16);
    expect(sent).toEqual(['😀€']);
  });

  it('sends the rest on end, an incomplete character as a replacement', () => {
    batcher.push(Buffer.from([0x61, 0xe2, 0x82]));
    batcher.end();
    expect(sent).toEqual(['a\uFFFD']);
  });

  it('drops what waits on discard', () => {
    batcher.push(Buffer.from('late'));
    batcher.discard();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([]);
  });
});
