import { randomBytes } from 'node:crypto';

export type IdKind = 'site' | 'ap' | 'bastion';

/** A new id such as `ap-3f9c1a2b7d4e`, unique among `taken`; it never changes afterwards. */
export function newId(kind: IdKind, taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `${kind}-${randomBytes(6).toString('hex')}`;
    if (!taken.has(id)) return id;
  }
}
