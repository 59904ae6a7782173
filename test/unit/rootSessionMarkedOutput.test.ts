import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MarkedOutput, MarkerSeeker } from '../../electron/core/connect/root/markedOutput';
import { beginMarker, bootstrapInput, commandInput, endMarkerPrefix, newRootMarkers, readyPattern, suCommand, suMarkerPattern, syncInput, syncMarker } from '../../electron/core/connect/root/rootMarkers';

const markers = newRootMarkers();

/** Feeds the stream in pieces cut at the given sizes (cycled) and collects body and code. */
function scan(stream: Buffer, id: number, sizes: number[]): { body: Buffer; code: number | undefined } {
  const output = new MarkedOutput(beginMarker(markers, id), endMarkerPrefix(markers, id));
  const parts: Buffer[] = [];
  let code: number | undefined;
  let at = 0;
  let n = 0;
  while (at < stream.length) {
    const size = Math.max(1, sizes[n++ % sizes.length] ?? 1);
    const result = output.feed(stream.subarray(at, at + size));
    parts.push(...result.body);
    if (result.code !== undefined) code = result.code;
    at += size;
  }
  return { body: Buffer.concat(parts), code };
}

const framed = (id: number, body: Buffer, code: number, noise = Buffer.from('# prompt\r\n')) =>
  Buffer.concat([noise, beginMarker(markers, id), body, Buffer.from(`\n${markers.nonce}:e:${id}:${code}\n`), Buffer.from('# ')]);

describe('cutting a command out of the shell output', () => {
  const bodies = [
    Buffer.alloc(0),
    Buffer.from('hello\n'),
    Buffer.from('no newline'),
    Buffer.from(`\n${markers.nonce}:e:`),
    Buffer.from(`almost the end marker: \n${markers.nonce}:e:9:`),
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    randomBytes(100_000),
  ];

  it('returns the exact bytes and the exit code whatever the chunking', () => {
    for (const body of bodies) {
      for (const sizes of [[1], [2, 3], [7, 1, 64], [4096], [1_000_000]]) {
        const result = scan(framed(5, body, 42), 5, sizes);
        expect(result.body.equals(body)).toBe(true);
        expect(result.code).toBe(42);
      }
    }
  });

  it('ignores markers of other commands and everything before the begin marker', () => {
    const earlier = Buffer.concat([beginMarker(markers, 4), Buffer.from('old output'), Buffer.from(`\n${markers.nonce}:e:4:0\n`)]);
    const result = scan(Buffer.concat([earlier, framed(5, Buffer.from('mine'), 0)]), 5, [3]);
    expect(result.body.toString()).toBe('mine');
    expect(result.code).toBe(0);
  });

  it('rejects a malformed exit code', () => {
    const output = new MarkedOutput(beginMarker(markers, 1), endMarkerPrefix(markers, 1));
    expect(() => output.feed(Buffer.concat([beginMarker(markers, 1), Buffer.from(`x\n${markers.nonce}:e:1:abc\n`)]))).toThrow(/malformed/);
  });

  it('finds a marker split over chunks', () => {
    const seeker = new MarkerSeeker(syncMarker(markers, 3));
    const stream = Buffer.concat([Buffer.from('noise'), syncMarker(markers, 3)]);
    const hits = [...stream].map((byte) => seeker.feed(Buffer.from([byte])));
    expect(hits.indexOf(true)).toBe(stream.length - 1);
  });
});

describe('the typed command, run by a real shell', () => {
  const runInSh = (input: string) => execFileSync('/bin/sh', ['-s'], { input, stdio: ['pipe', 'pipe', 'ignore'] });

  for (const [command, body, code] of [
    ["printf 'a\\r\\nb'", 'a\r\nb', 0],
    ['false', '', 1],
    ['(exit 42)', '', 42],
    ['echo "$1x" \'it\'"\'"\'s\'', "x it's\n", 0],
    ['if then', null, 2],
  ] as const) {
    it(`brackets "${command}" with markers and its exit code`, () => {
      const result = scan(runInSh(commandInput(markers, 7, command)), 7, [5]);
      expect(result.code).toBe(code);
      if (body !== null) expect(result.body.toString()).toBe(body);
    });
  }

  it('prints the sync marker', () => {
    expect(runInSh(syncInput(markers, 9)).includes(syncMarker(markers, 9))).toBe(true);
  });

  it('never types a marker literally (an echoing terminal cannot fake one)', () => {
    const typed = Buffer.from(commandInput(markers, 7, 'echo hi') + syncInput(markers, 8));
    expect(typed.includes(beginMarker(markers, 7))).toBe(false);
    expect(typed.includes(endMarkerPrefix(markers, 7))).toBe(false);
    expect(typed.includes(syncMarker(markers, 8))).toBe(false);
  });
});

describe('the su and ready markers', () => {
  it('are printed by the commands the session sends, with their values', () => {
    const su = suMarkerPattern(markers).exec(execFileSync('/bin/sh', ['-c', suCommand(markers, false).replace(/; exec su .*$/, '')], { stdio: ['ignore', 'pipe', 'ignore'] }).toString());
    expect(su?.[1]).toBe(String(process.getuid?.() ?? ''));
    const ready = readyPattern(markers).exec(execFileSync('/bin/sh', ['-s'], { input: bootstrapInput(markers), stdio: ['pipe', 'pipe', 'ignore'] }).toString());
    expect(ready?.[1]).toBe(String(process.getuid?.() ?? ''));
    expect(Number(ready?.[2])).toBeGreaterThan(1);
    expect(ready?.[3]).toBe('');
  });

  it('tells a terminal that still turns NL into CR NL', () => {
    expect(readyPattern(markers).exec(`${markers.nonce}:up:0:42\r\n`)?.[3]).toBe('\r');
    expect(readyPattern(markers).exec(`${markers.nonce}:up:0:42\n`)?.[3]).toBe('');
  });

  it('asks for su - root only for a login shell', () => {
    expect(suCommand(markers, true)).toMatch(/exec su - root$/);
    expect(suCommand(markers, false)).toMatch(/exec su root$/);
  });
});

