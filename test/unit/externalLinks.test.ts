import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl } from '../../electron/core/security/externalLinks';

describe('isAllowedExternalUrl', () => {
  it('accepts https links to the allowlisted hosts', () => {
    expect(EXTERNAL_LINK_HOSTS).toContain('wiki.innovaphone.com');
    expect(isAllowedExternalUrl('https://wiki.innovaphone.com/index.php?title=Reference')).toBe(true);
    expect(isAllowedExternalUrl('https://WIKI.innovaphone.com/')).toBe(true);
    for (const host of EXTERNAL_LINK_HOSTS) expect(isAllowedExternalUrl(`https://${host}/x`), host).toBe(true);
  });

  it('refuses other schemes', () => {
    for (const url of ['http://wiki.innovaphone.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://wiki.innovaphone.com/', 'data:text/html,hi']) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('refuses credentials in the URL', () => {
    expect(isAllowedExternalUrl('https://user@wiki.innovaphone.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pass@wiki.innovaphone.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://:pass@wiki.innovaphone.com/')).toBe(false);
  });

  it('refuses lookalike and other hosts', () => {
    for (const url of [
      'https://wiki.innovaphone.com.evil.example/',
      'https://evil.example/wiki.innovaphone.com',
      'https://innovaphone.com/',
      'https://xwiki.innovaphone.com/',
      'https://evil.example/?next=https://wiki.innovaphone.com/',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('refuses garbage', () => {
    expect(isAllowedExternalUrl('')).toBe(false);
    expect(isAllowedExternalUrl('wiki.innovaphone.com')).toBe(false);
    expect(isAllowedExternalUrl('https://')).toBe(false);
  });

  it('uses a given allowlist instead of the default one', () => {
    expect(isAllowedExternalUrl('https://docs.example/', ['docs.example'])).toBe(true);
    expect(isAllowedExternalUrl('https://wiki.innovaphone.com/', ['docs.example'])).toBe(false);
  });
});
