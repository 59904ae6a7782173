import { describe, expect, it } from 'vitest';
import { isAllowedLink, urlHostOf } from '../../electron/core/security/platformLinks';

describe('isAllowedLink', () => {
  const addresses = ['10.0.0.5', 'ap1.Kunde.example', 'fd00::5'];

  it('opens the innovaphone sites and the webservers of inventory platforms', () => {
    expect(isAllowedLink('https://wiki.innovaphone.com/index.php', [])).toBe(true);
    expect(isAllowedLink('https://10.0.0.5/', addresses)).toBe(true);
    expect(isAllowedLink('https://ap1.kunde.example/manager', addresses)).toBe(true);
    expect(isAllowedLink('https://[fd00::5]/', addresses)).toBe(true);
  });

  it('refuses other hosts, plain http and credentials in the URL', () => {
    expect(isAllowedLink('https://10.0.0.6/', addresses)).toBe(false);
    expect(isAllowedLink('http://10.0.0.5/', addresses)).toBe(false);
    expect(isAllowedLink('https://admin:pw@10.0.0.5/', addresses)).toBe(false);
    expect(isAllowedLink('javascript:alert(1)', addresses)).toBe(false);
  });

  it('writes IPv6 addresses in brackets, as URLs name them', () => {
    expect(urlHostOf('FD00::5')).toBe('[fd00::5]');
    expect(urlHostOf('AP1.example')).toBe('ap1.example');
  });
});
