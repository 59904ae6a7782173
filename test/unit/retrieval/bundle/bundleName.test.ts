import { describe, expect, it } from 'vitest';
import { bundleFileName, bundleTimestamp, sanitiseNamePart } from '../../../../electron/core/retrieval/bundle/bundleName';
import { logEntryName, nameText } from '../../../../electron/core/retrieval/bundle/logEntryName';

describe('bundle names', () => {
  it('keeps only [A-Za-z0-9._-] in name parts', () => {
    expect(sanitiseNamePart('Müller GmbH / Zürich')).toBe('Muller-GmbH-Zurich');
    expect(sanitiseNamePart('ap1.example.com')).toBe('ap1.example.com');
    expect(sanitiseNamePart('../../etc/passwd')).toBe('etc-passwd');
    expect(sanitiseNamePart('..')).toBe('unnamed');
    expect(sanitiseNamePart('', 'site')).toBe('site');
    expect(sanitiseNamePart('日本語', 'platform')).toBe('platform');
    expect(sanitiseNamePart('a\0b\nc$(id)`x`')).toBe('a-b-c-id-x');
    expect(sanitiseNamePart('x'.repeat(200))).toHaveLength(64);
    for (const sample of ['a b', '--x--', '.hidden', 'trail.', 'ok_name-1.2']) expect(sanitiseNamePart(sample)).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
  });

  it('names the bundle <site>_<platform>_<YYYYMMDD-HHMMSS>.tar.xz in UTC', () => {
    const at = new Date('2024-03-05T07:08:09.123Z');
    expect(bundleTimestamp(at)).toBe('20240305-070809');
    expect(bundleFileName('Muster AG', 'ap 1', at)).toBe('Muster-AG_ap-1_20240305-070809.tar.xz');
  });
});

describe('log entry names from the platform', () => {
  it('accepts paths below var/log and normalises them', () => {
    expect(logEntryName(Buffer.from('var/log/'))).toEqual({ ok: true, path: 'var/log', remote: '/var/log', renamed: false });
    expect(logEntryName(Buffer.from('./var/log/apps/x.log'))).toEqual({ ok: true, path: 'var/log/apps/x.log', remote: '/var/log/apps/x.log', renamed: false });
    expect(logEntryName(Buffer.from('var/log/Zürich.log'))).toMatchObject({ ok: true, path: 'var/log/Zürich.log' });
  });

  it('refuses names that would land outside var/log', () => {
    for (const name of ['/etc/passwd', 'var/log/../../etc/passwd', 'etc/shadow', 'var/logx/a', '../var/log/a', 'var/log/a\0b']) {
      expect(logEntryName(Buffer.from(name)).ok).toBe(false);
    }
  });

  it('stores non-UTF-8 names with the undecodable bytes as %XX, and says so', () => {
    const raw = Buffer.concat([Buffer.from('var/log/bad'), Buffer.from([0xff, 0xfe]), Buffer.from('ü.log')]);
    expect(nameText(raw)).toEqual({ text: 'var/log/bad%FF%FEü.log', valid: false });
    expect(logEntryName(raw)).toEqual({ ok: true, path: 'var/log/bad%FF%FEü.log', remote: '/var/log/bad%FF%FEü.log', renamed: true });
    expect(nameText(Buffer.from([0x61, 0xc3]))).toEqual({ text: 'a%C3', valid: false });
  });
});
