import { describe, expect, it } from 'vitest';
import { readStandbyConfig } from '../../electron/core/platform/standbyConfig';

describe('readStandbyConfig', () => {
  it('keeps the primary host of a well-formed file and nothing else', () => {
    const text = '{\n  "primary": "10.231.0.2",\n  "name": "standby1",\n  "password": "repl-secret-1"\n}\n';
    const config = readStandbyConfig(text);
    expect(config).toEqual({ present: true, parsed: true, primaryHost: '10.231.0.2' });
    expect(JSON.stringify(config)).not.toContain('repl-secret-1');
  });

  it('reads files as people leave them: byte order mark, comments, trailing commas', () => {
    const text = '\uFEFF{\n  // the primary\n  "primaryHost": "ap1.example.com:5432", /* port forwarded */\n  "name": "sb",\n}\n';
    expect(readStandbyConfig(text)).toEqual({ present: true, parsed: true, primaryHost: 'ap1.example.com:5432' });
  });

  it('leaves text in strings alone while removing comments', () => {
    expect(readStandbyConfig('{"host": "10.0.0.9", "note": "see // and /* here */"}').primaryHost).toBe('10.0.0.9');
  });

  it('prefers a primary key over a generic host key, and looks one level deep', () => {
    expect(readStandbyConfig('{"host": "self.local", "primary": "10.0.0.1"}').primaryHost).toBe('10.0.0.1');
    expect(readStandbyConfig('{"replication": {"primary": {"host": "[fd00::1]"}}}').primaryHost).toBeNull();
    expect(readStandbyConfig('{"primary": {"host": "fd00::1"}}').primaryHost).toBe('fd00::1');
  });

  it('keeps no host that is not one (spaces, control characters, overlong)', () => {
    expect(readStandbyConfig('{"primary": "10.0.0.1; rm -rf /"}').primaryHost).toBeNull();
    expect(readStandbyConfig(`{"primary": "${'a'.repeat(300)}"}`).primaryHost).toBeNull();
  });

  it('says a garbled file is not parsed and keeps nothing of it', () => {
    for (const text of ['{"primary": "10.0.0.5", "password": "pw-abc', '', '[1, 2]', 'null', 'primary=10.0.0.5']) {
      const config = readStandbyConfig(text);
      expect(config).toEqual({ present: true, parsed: false, primaryHost: null });
    }
  });
});
