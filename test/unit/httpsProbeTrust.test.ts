import { describe, expect, it } from 'vitest';
import { isConnectError } from '../../electron/core/connect/connectError';
import { formatFingerprint, normalizeFingerprint, sameFingerprint } from '../../electron/core/connect/https/certificateFingerprint';
import type { CertificateInfo } from '../../electron/core/connect/https/certificateInfo';
import { CertificateTrust, evaluateTrust, untrustedCertificateError } from '../../electron/core/connect/https/certificateTrust';
import { parseTrust } from '../../electron/core/connect/https/httpsOptions';

const HEX = 'c4db89d918c4403eb4dfe4bfb2bdb00eaf57687a65ab899507d0c6f481ccca80';
const COLONS = 'C4:DB:89:D9:18:C4:40:3E:B4:DF:E4:BF:B2:BD:B0:0E:AF:57:68:7A:65:AB:89:95:07:D0:C6:F4:81:CC:CA:80';
const OTHER = '9B:1C:F4:A1:D1:DC:E4:E5:96:70:FF:8A:F2:F1:3D:4D:2B:4C:E3:AE:06:69:BE:0A:BB:09:3A:3E:FF:7E:92:74';

const leaf: CertificateInfo = {
  subject: 'CN=10.0.0.7',
  subjectCommonName: '10.0.0.7',
  subjectAltNames: [{ type: 'IP', value: '10.0.0.7' }],
  issuer: 'CN=10.0.0.7',
  issuerCommonName: '10.0.0.7',
  serialNumber: '01',
  validFrom: '2026-11-23T14:17:55.000Z',
  validTo: '2029-02-25T14:17:55.000Z',
  daysToExpiry: 800,
  expired: false,
  notYetValid: false,
  sha256: COLONS,
  selfSigned: true,
  isCa: true,
};

describe('certificate fingerprints', () => {
  it('formats lowercase hex as colon pairs', () => {
    expect(formatFingerprint(HEX)).toBe(COLONS);
  });

  it('accepts what users paste', () => {
    for (const text of [HEX, COLONS, ` ${COLONS} `, `SHA256:${HEX}`, `SHA-256 Fingerprint=${COLONS}`, HEX.toUpperCase().match(/.{8}/g)?.join(' ') ?? '']) {
      expect(normalizeFingerprint(text)).toBe(HEX);
    }
  });

  it('rejects what is not a SHA-256 fingerprint', () => {
    for (const text of ['', HEX.slice(2), `${HEX}00`, HEX.replace('c', 'g'), 'SHA1:AB:CD']) expect(normalizeFingerprint(text)).toBeNull();
    expect(sameFingerprint('nonsense', 'nonsense')).toBe(false);
    expect(sameFingerprint(HEX, COLONS)).toBe(true);
    expect(sameFingerprint(HEX, OTHER)).toBe(false);
  });
});

describe('evaluateTrust', () => {
  it('trusts a CA-verified chain without a pin', () => {
    expect(evaluateTrust(leaf, true, null)).toEqual({ trusted: true, chainValid: true, chainError: null, pinConfigured: false, pinMatches: false });
  });

  it('trusts an unverified certificate only when it is the pinned one', () => {
    expect(evaluateTrust(leaf, false, 'DEPTH_ZERO_SELF_SIGNED_CERT').trusted).toBe(false);
    expect(evaluateTrust(leaf, false, 'DEPTH_ZERO_SELF_SIGNED_CERT', { pinnedCertSha256: HEX })).toMatchObject({ trusted: true, pinMatches: true });
    expect(evaluateTrust(leaf, false, 'DEPTH_ZERO_SELF_SIGNED_CERT', { pinnedCertSha256: OTHER })).toMatchObject({ trusted: false, pinConfigured: true, pinMatches: false });
    expect(evaluateTrust(undefined, false, 'no certificate', { pinnedCertSha256: HEX }).trusted).toBe(false);
  });

  it('checks pins at the trust boundary', () => {
    expect(CertificateTrust.safeParse({ pinnedCertSha256: 'abc' }).success).toBe(false);
    expect(CertificateTrust.safeParse({ pinnedCertSha256: COLONS }).success).toBe(true);
    expect(() => parseTrust({ pinnedCertSha256: 'abc' })).toThrow(/not a SHA-256 fingerprint/);
    expect(parseTrust(undefined)).toEqual({});
  });
});

describe('untrustedCertificateError', () => {
  it('carries the fingerprint for "trust this certificate" and says why', () => {
    const verdict = evaluateTrust(leaf, false, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    const error = untrustedCertificateError('https://10.0.0.7', leaf, verdict);
    expect(isConnectError(error, 'certificate_untrusted')).toBe(true);
    expect(error.details).toMatchObject({ sha256: COLONS, selfSigned: true, url: 'https://10.0.0.7', chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(error.message).toContain('self-signed');
    expect(error.message).toContain(COLONS);
  });

  it('says the certificate changed when another one was pinned', () => {
    const trust = { pinnedCertSha256: OTHER };
    const error = untrustedCertificateError('https://10.0.0.7', leaf, evaluateTrust(leaf, false, 'DEPTH_ZERO_SELF_SIGNED_CERT', trust), trust);
    expect(error.message).toMatch(/changed/);
    expect(error.details).toMatchObject({ sha256: COLONS, pinnedSha256: OTHER });
  });

  it('names a chain error when the certificate is not self-signed', () => {
    const issued = { ...leaf, selfSigned: false };
    const error = untrustedCertificateError('https://ap', issued, evaluateTrust(issued, false, 'ERR_TLS_CERT_ALTNAME_INVALID'));
    expect(error.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});
