import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pumpStream } from '../../electron/core/connect/transfer/fileSource';

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('feeding a stream to a sink', () => {
  it('hands over every chunk in order and settles only after the sink finished the last one', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.from(`chunk ${i};`));
    const seen: string[] = [];
    let busy = 0;
    await pumpStream(Readable.from(chunks), (chunk) => {
      expect(busy).toBe(0);
      // Every third chunk makes the stream wait, the last one included.
      if (seen.length % 3 !== 2 && seen.length !== chunks.length - 1) {
        seen.push(chunk.toString());
        return undefined;
      }
      busy++;
      return later(2).then(() => {
        busy--;
        seen.push(chunk.toString());
      });
    });
    expect(seen.join('')).toBe(chunks.map(String).join(''));
  });

  it('fails with the sink error, or the stream error', async () => {
    await expect(pumpStream(Readable.from([Buffer.from('a'), Buffer.from('b')]), () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    await expect(
      pumpStream(Readable.from([Buffer.from('a')]), () => {
        throw new Error('sync failure');
      }),
    ).rejects.toThrow('sync failure');
    const broken = new PassThrough();
    const pumped = pumpStream(broken, () => undefined);
    broken.destroy(new Error('channel broke'));
    await expect(pumped).rejects.toThrow('channel broke');
  });
});
