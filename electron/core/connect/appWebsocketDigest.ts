import { createHash } from 'node:crypto';

export interface AppLoginFields {
  app: string;
  domain: string;
  sip: string;
  guid: string;
  dn: string;
  /** Sent as compact JSON; when absent, it and its colon are left out of the digest. */
  info?: unknown;
}

/** The AppWebsocket login digest: lowercase hex SHA-256 of app:domain:sip:guid:dn[:info]:challenge:password. */
export function appLoginDigest(fields: AppLoginFields, challenge: string, password: string): string {
  const parts = [fields.app, fields.domain, fields.sip, fields.guid, fields.dn];
  if (fields.info !== undefined) parts.push(JSON.stringify(fields.info));
  parts.push(challenge, password);
  return createHash('sha256').update(parts.join(':'), 'utf8').digest('hex');
}
