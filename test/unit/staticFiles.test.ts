import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../electron/core/server/staticFiles';

const root = resolve('/srv/apc/renderer');

describe('resolveStaticPath', () => {
  it('maps "/" to index.html under the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
  });

  it('maps nested files below the root', () => {
    expect(resolveStaticPath(root, '/assets/index-abc123.js')).toBe(join(root, 'assets', 'index-abc123.js'));
    expect(resolveStaticPath(root, '/assets/my%20font.woff2')).toBe(join(root, 'assets', 'my font.woff2'));
    expect(resolveStaticPath(root, '/assets/../index.html')).toBe(join(root, 'index.html'));
  });

  it('accepts a root given with a trailing separator or relative parts', () => {
    expect(resolveStaticPath(`${root}/`, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(join(root, 'assets', '..'), '/index.html')).toBe(join(root, 'index.html'));
  });

  it('refuses paths that leave the root', () => {
    for (const urlPath of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2fsecret', '/..%2F..%2Fetc%2Fpasswd', '/assets/../../secret', '//../secret', '/../renderer-evil/secret']) {
      expect(resolveStaticPath(root, urlPath), urlPath).toBeNull();
    }
  });

  it('refuses NUL bytes', () => {
    expect(resolveStaticPath(root, '/index.html%00.js')).toBeNull();
    expect(resolveStaticPath(root, '/index.html\0.js')).toBeNull();
  });

  it('refuses malformed percent encoding', () => {
    for (const urlPath of ['/%', '/%zz', '/%E0%A4%A', '/index.html%']) {
      expect(resolveStaticPath(root, urlPath), urlPath).toBeNull();
    }
  });
});
