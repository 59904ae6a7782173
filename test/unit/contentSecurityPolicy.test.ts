import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/core/security/contentSecurityPolicy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('allows only own scripts by default and never eval', () => {
    const policy = contentSecurityPolicy();
    const parsed = directives(policy);
    expect(policy).not.toContain('unsafe-eval');
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('default-src')).toEqual(["'none'"]);
    expect(parsed.get('connect-src')).toEqual(["'self'"]);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
    expect(parsed.get('base-uri')).toEqual(["'none'"]);
  });

  it('allows inline scripts only when asked', () => {
    const parsed = directives(contentSecurityPolicy({ inlineScripts: true }));
    expect(parsed.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(contentSecurityPolicy({ inlineScripts: true })).not.toContain('unsafe-eval');
    expect(directives(contentSecurityPolicy({ inlineScripts: false })).get('script-src')).toEqual(["'self'"]);
  });

  it('appends extra connect sources after its own origin', () => {
    const parsed = directives(contentSecurityPolicy({ connect: ['ws://localhost:5173', 'ws://127.0.0.1:5173'] }));
    expect(parsed.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173', 'ws://127.0.0.1:5173']);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
  });
});
