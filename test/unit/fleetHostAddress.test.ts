import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { hostAddressProblem, isIpv6 } from '../../electron/core/fleet/hostAddress';

describe('hostAddressProblem', () => {
  it('accepts host names, IPv4 and IPv6 addresses', () => {
    for (const ok of ['ap1', 'ap1.muster.example', 'AP-1.Example.COM.', 'int_dns.corp', '10.0.0.1', '255.255.255.255', '::1', 'fd00::5', '2001:db8::1:2:3:4', '::ffff:10.0.0.1', 'fe80::1%eth0', '1:2:3:4:5:6:7:8']) {
      expect(hostAddressProblem(ok), ok).toBeNull();
    }
  });

  it('says what is wrong with the rest', () => {
    const cases: [string, RegExp][] = [
      ['', /needed/],
      ['[fd00::1]', /without brackets/],
      ['ap 1', /spaces/],
      ['10.0.0.256', /IPv4/],
      ['10.0.0', /IPv4/],
      ['fd00::1::2', /IPv6/],
      ['10.0.0.1:22', /IPv6.*SSH port/],
      ['-oProxyCommand=x', /host name/],
      ['ap1-.example', /host name/],
      ['a'.repeat(64), /host name/],
      ['host.123', /host name/],
    ];
    for (const [value, message] of cases) expect(hostAddressProblem(value), value).toMatch(message);
  });

  it('agrees with Node on which strings are IPv6 addresses', () => {
    const samples = ['::', '::1', '1::', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'g::1', '12345::1', '::1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', ':1', '1:', '1:::2'];
    for (const sample of samples) expect(isIpv6(sample), sample).toBe(isIP(sample) === 6);
  });
});
