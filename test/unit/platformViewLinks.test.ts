import { describe, expect, it } from 'vitest';
import { managerUrl, rpcapUrl, urlHost } from '../../renderer/views/platform/platformLinks';

describe('platform links', () => {
  it('opens the AP Manager over HTTPS at the platform address', () => {
    expect(managerUrl('10.0.0.5')).toBe('https://10.0.0.5/');
    expect(managerUrl('ap1.example.com')).toBe('https://ap1.example.com/');
  });

  it('puts IPv6 addresses in brackets and escapes a zone for URLs', () => {
    expect(urlHost('fd00::5')).toBe('[fd00::5]');
    expect(managerUrl('fe80::1%eth0')).toBe('https://[fe80::1%25eth0]/');
    expect(new URL(managerUrl('fd00::5')).hostname).toBe('[fd00::5]');
  });

  it('copies the remote capture address of eth0', () => {
    expect(rpcapUrl('10.0.0.5')).toBe('rpcap://10.0.0.5/eth0');
    expect(rpcapUrl('fd00::5')).toBe('rpcap://[fd00::5]/eth0');
  });
});
