import { X509Certificate } from 'node:crypto';
import { formatFingerprint, sha256Fingerprint } from './certificateFingerprint';

export interface SubjectAltName {
  /** DNS, IP, email, URI, or the name OpenSSL prints for rarer kinds. */
  type: string;
  value: string;
}

/** One certificate of the chain a webserver presented, as the UI shows it. */
export interface CertificateInfo {
  subject: string;
  subjectCommonName: string | null;
  subjectAltNames: SubjectAltName[];
  issuer: string;
  issuerCommonName: string | null;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  /** Whole days until validTo; negative once expired. */
  daysToExpiry: number;
  expired: boolean;
  notYetValid: boolean;
  /** SHA-256 of the DER certificate, `AB:CD:…`. */
  sha256: string;
  selfSigned: boolean;
  isCa: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The attributes of an OpenSSL one-per-line distinguished name (`C=DE\nO=Lab\, Inc\nCN=ap`). */
export function parseDistinguishedName(text: string): Array<{ key: string; value: string }> {
  return text
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => {
      const at = line.indexOf('=');
      return { key: line.slice(0, at).trim(), value: line.slice(at + 1).replace(/\\(.)/g, '$1') };
    });
}

/** A distinguished name on one line, most specific attribute first, as browsers show it. */
export function distinguishedNameLine(text: string): string {
  return parseDistinguishedName(text)
    .reverse()
    .map(({ key, value }) => `${key}=${value.replace(/([,+])/g, '\\$1')}`)
    .join(', ');
}

export function commonName(text: string): string | null {
  const names = parseDistinguishedName(text).filter((attribute) => attribute.key === 'CN');
  return names.at(-1)?.value ?? null;
}

/** OpenSSL's subjectAltName text (`DNS:ap, IP Address:10.0.0.1`); values with separators come JSON-quoted. */
export function parseSubjectAltNames(text: string | undefined): SubjectAltName[] {
  if (!text) return [];
  const names: SubjectAltName[] = [];
  for (const match of text.matchAll(/([A-Za-z][A-Za-z ]*):("(?:[^"\\]|\\.)*"|[^,]*)(?:,\s*|$)/g)) {
    const kind = match[1] ?? '';
    const raw = match[2] ?? '';
    let value = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        value = raw.slice(1, -1);
      }
    }
    names.push({ type: kind === 'IP Address' ? 'IP' : kind, value });
  }
  return names;
}

/** The X.509 validity time as ISO 8601 (OpenSSL prints `Feb 25 14:14:43 2029 GMT`). */
export function certificateTime(text: string): string {
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new Error(`Unreadable certificate time "${text}".`);
  return new Date(time).toISOString();
}

/** Whole days from now to the end of validity, rounded down (a certificate ending in 10 hours has 0 days left). */
export function daysUntil(isoTime: string, now: Date): number {
  return Math.floor((Date.parse(isoTime) - now.getTime()) / DAY_MS);
}

function isSelfSigned(certificate: X509Certificate): boolean {
  try {
    return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

/** Reads one DER certificate into what the UI shows. */
export function describeCertificate(der: Buffer, now = new Date()): CertificateInfo {
  const certificate = new X509Certificate(der);
  const validFrom = certificateTime(certificate.validFrom);
  const validTo = certificateTime(certificate.validTo);
  return {
    subject: distinguishedNameLine(certificate.subject),
    subjectCommonName: commonName(certificate.subject),
    subjectAltNames: parseSubjectAltNames(certificate.subjectAltName),
    issuer: distinguishedNameLine(certificate.issuer),
    issuerCommonName: commonName(certificate.issuer),
    serialNumber: certificate.serialNumber,
    validFrom,
    validTo,
    daysToExpiry: daysUntil(validTo, now),
    expired: Date.parse(validTo) < now.getTime(),
    notYetValid: Date.parse(validFrom) > now.getTime(),
    sha256: formatFingerprint(sha256Fingerprint(der)),
    selfSigned: isSelfSigned(certificate),
    isCa: certificate.ca,
  };
}
