import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { certificateTime, commonName, daysUntil, describeCertificate, distinguishedNameLine, parseSubjectAltNames } from '../../electron/core/connect/https/certificateInfo';
import { peerChain } from '../../electron/core/connect/https/tlsSession';

// Made with openssl (EC P-256); fingerprints and dates as `openssl x509 -fingerprint -sha256 -dates` printed them.
const ROOT_PEM = `-----BEGIN CERTIFICATE-----
MIIBnjCCAUOgAwIBAgIUOd53h7dMlkt3Q8lbNuY72pt82iswCgYIKoZIzj0EAwIw
JDEPMA0GA1UECgwGTGFiIENBMREwDwYDVQQDDAhMYWIgUm9vdDAeFw0yNjExMjMx
NDE3NTVaFw0zNjExMjAxNDE3NTVaMCQxDzANBgNVBAoMBkxhYiBDQTERMA8GA1UE
AwwITGFiIFJvb3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAT4ktQDHaa5Myua
u9bObdt/XGLZlqn/d/U/F/OOAvMdH8+nmBgbTaU53ouVjJmm7Ke8v7VaKM9CHQtj
u2rc5w+Qo1MwUTAdBgNVHQ4EFgQUb9pDJM1A2mTMCaBR5idksKiGf44wHwYDVR0j
BBgwFoAUb9pDJM1A2mTMCaBR5idksKiGf44wDwYDVR0TAQH/BAUwAwEB/zAKBggq
hkjOPQQDAgNJADBGAiEAmJ268sE7mC9J54Z+5JRMROW+oOaBTJALILZHMgqiBWIC
IQDdv4LuN9QYvdSzHsCd1yu68vQtsuZRx78ZzAN7Dw5DqA==
-----END CERTIFICATE-----`;
const ROOT_SHA256 = '57:BA:53:32:5E:EE:3F:46:18:C8:22:4D:AE:5E:3E:4E:DC:92:C3:DC:FE:E8:46:30:85:65:8E:4F:E8:70:53:FA';

const LEAF_PEM = `-----BEGIN CERTIFICATE-----
MIIB4DCCAYagAwIBAgIUAjnGpAojj3HFhXnHU2chg/8Tno8wCgYIKoZIzj0EAwIw
JDEPMA0GA1UECgwGTGFiIENBMREwDwYDVQQDDAhMYWIgUm9vdDAeFw0yNjExMjMx
NDE3NTVaFw0zNjExMjAxNDE3NTVaMEExCzAJBgNVBAYTAkRFMRUwEwYDVQQKDAxN
dXN0ZXIsIEdtYkgxGzAZBgNVBAMMEmFwMS5tdXN0ZXIuZXhhbXBsZTBZMBMGByqG
SM49AgEGCCqGSM49AwEHA0IABPnc7LIuz+NfQpGkZ+63sx0yIacinwELk7kWG1pj
6sKpMnIyAQXq7hDn876etUBXC6tuMYftnpdOkqYUbEpPvDKjeTB3MDUGA1UdEQQu
MCyCEmFwMS5tdXN0ZXIuZXhhbXBsZYcECgAABYcQ/QAAAAAAAAAAAAAAAAAABTAd
BgNVHQ4EFgQUNjfBbqazPgoEgmb7O38+5bEIoZwwHwYDVR0jBBgwFoAUb9pDJM1A
2mTMCaBR5idksKiGf44wCgYIKoZIzj0EAwIDSAAwRQIgWnJQ3Bz3jNh3NjzV8ivM
ZVdAHnMDDNeq05hNdI1O2tMCIQDOMdvKj8FchEsa+W+k0kuuuL1chL57R84cGQC4
G+iX9w==
-----END CERTIFICATE-----`;
const LEAF_SHA256 = '9B:1C:F4:A1:D1:DC:E4:E5:96:70:FF:8A:F2:F1:3D:4D:2B:4C:E3:AE:06:69:BE:0A:BB:09:3A:3E:FF:7E:92:74';

const SELF_PEM = `-----BEGIN CERTIFICATE-----
MIIBlTCCATqgAwIBAgIUAe8yKF4MKTAEEeQbeGPm69p7+eswCgYIKoZIzj0EAwIw
EzERMA8GA1UEAwwIMTAuMC4wLjcwHhcNMjYxMTIzMTQxNzU1WhcNMjkwMjI1MTQx
NzU1WjATMREwDwYDVQQDDAgxMC4wLjAuNzBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABLLWU7ZgWYr00/HpNSUdlAbmuqbTRCFgfVgJpdK43PDOuBNKa332Bv7PuGST
yAgIcCbqC6nIRnG/eK79ODfRDgOjbDBqMB0GA1UdDgQWBBSJ+o9HewIJNGgavDML
1Ls5ORKfyTAfBgNVHSMEGDAWgBSJ+o9HewIJNGgavDML1Ls5ORKfyTAPBgNVHRMB
Af8EBTADAQH/MBcGA1UdEQQQMA6HBAoAAAeCBndlYi1hcDAKBggqhkjOPQQDAgNJ
ADBGAiEA9tgrSVmPlDNkDhUGIeoW7NkPUXHAV/Gdo76mpwsgosACIQDjlSobm8uH
Qj/1NvYtrO2lrOpACW2vrFhx5U6pBrtZ2g==
-----END CERTIFICATE-----`;
const SELF_SHA256 = 'C4:DB:89:D9:18:C4:40:3E:B4:DF:E4:BF:B2:BD:B0:0E:AF:57:68:7A:65:AB:89:95:07:D0:C6:F4:81:CC:CA:80';

const der = (pem: string) => new X509Certificate(pem).raw;

describe('describeCertificate', () => {
  it('reads a self-signed platform certificate', () => {
    const info = describeCertificate(der(SELF_PEM), new Date('2027-02-25T14:17:55Z'));
    expect(info.subjectCommonName).toBe('10.0.0.7');
    expect(info.subjectAltNames).toEqual([
      { type: 'IP', value: '10.0.0.7' },
      { type: 'DNS', value: 'web-ap' },
    ]);
    expect(info.issuerCommonName).toBe('10.0.0.7');
    expect(info.validFrom).toBe('2026-11-23T14:17:55.000Z');
    expect(info.validTo).toBe('2029-02-25T14:17:55.000Z');
    expect(info.daysToExpiry).toBe(731);
    expect(info.expired).toBe(false);
    expect(info.notYetValid).toBe(false);
    expect(info.sha256).toBe(SELF_SHA256);
    expect(info.selfSigned).toBe(true);
    expect(info.serialNumber.toUpperCase()).toBe('01EF32285E0C29300411E41B7863E6EBDA7BF9EB');
  });

  it('reads a CA-issued certificate with an IPv6 SAN and an escaped comma in its subject', () => {
    const info = describeCertificate(der(LEAF_PEM), new Date('2026-12-01T00:00:00Z'));
    expect(info.selfSigned).toBe(false);
    expect(info.isCa).toBe(false);
    expect(info.subject).toBe('CN=ap1.muster.example, O=Muster\\, GmbH, C=DE');
    expect(info.issuer).toBe('CN=Lab Root, O=Lab CA');
    expect(info.issuerCommonName).toBe('Lab Root');
    expect(info.subjectAltNames.map((name) => name.type)).toEqual(['DNS', 'IP', 'IP']);
    expect(info.subjectAltNames[2]?.value.replace(/(^|:)0+(?=[0-9a-f])/gi, '$1')).toBe('FD00:0:0:0:0:0:0:5');
    expect(info.sha256).toBe(LEAF_SHA256);
  });

  it('marks expired and not yet valid certificates', () => {
    expect(describeCertificate(der(SELF_PEM), new Date('2029-03-01T00:00:00Z'))).toMatchObject({ expired: true, daysToExpiry: -4 });
    expect(describeCertificate(der(SELF_PEM), new Date('2026-11-01T00:00:00Z'))).toMatchObject({ notYetValid: true, expired: false });
  });
});

describe('peerChain', () => {
  it('walks from the server certificate to a root that names itself as issuer, once', () => {
    const root = { raw: der(ROOT_PEM) } as unknown as DetailedPeerCertificate;
    root.issuerCertificate = root;
    const leaf = { raw: der(LEAF_PEM), issuerCertificate: root } as unknown as DetailedPeerCertificate;
    const chain = peerChain(leaf, new Date('2027-01-01T00:00:00Z'));
    expect(chain.map((c) => c.sha256)).toEqual([LEAF_SHA256, ROOT_SHA256]);
    expect(chain[1]).toMatchObject({ selfSigned: true, isCa: true, subjectCommonName: 'Lab Root' });
  });

  it('is empty when the server sent no certificate', () => {
    expect(peerChain({} as DetailedPeerCertificate)).toEqual([]);
  });
});

describe('certificate text helpers', () => {
  it('parses OpenSSL subjectAltName text, including JSON-quoted values', () => {
    expect(parseSubjectAltNames('DNS:ap, IP Address:10.0.0.1, DNS:"a, b", email:x@y.z, URI:https://ap/x')).toEqual([
      { type: 'DNS', value: 'ap' },
      { type: 'IP', value: '10.0.0.1' },
      { type: 'DNS', value: 'a, b' },
      { type: 'email', value: 'x@y.z' },
      { type: 'URI', value: 'https://ap/x' },
    ]);
    expect(parseSubjectAltNames(undefined)).toEqual([]);
  });

  it('reads distinguished names', () => {
    expect(commonName('C=DE\nO=Lab\\, Inc\nCN=ap')).toBe('ap');
    expect(commonName('O=Only')).toBeNull();
    expect(distinguishedNameLine('C=DE\nO=Lab\\, Inc\nCN=ap')).toBe('CN=ap, O=Lab\\, Inc, C=DE');
  });

  it('converts certificate times and counts whole days', () => {
    expect(certificateTime('Feb 25 14:17:55 2029 GMT')).toBe('2029-02-25T14:17:55.000Z');
    expect(() => certificateTime('someday')).toThrow(/Unreadable/);
    expect(daysUntil('2029-02-25T14:17:55.000Z', new Date('2029-02-25T04:17:55Z'))).toBe(0);
    expect(daysUntil('2029-02-25T14:17:55.000Z', new Date('2029-02-24T14:17:55Z'))).toBe(1);
    expect(daysUntil('2029-02-25T14:17:55.000Z', new Date('2029-02-25T14:17:56Z'))).toBe(-1);
  });
});
