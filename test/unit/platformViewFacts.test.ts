import { describe, expect, it } from 'vitest';
import type { PlatformStatus } from '../../electron/core/contract';
import { databaseNotes, instanceRows } from '../../renderer/views/platform/instanceRows';
import { actualRole, daysUntil, reachSentence } from '../../renderer/views/platform/platformFacts';
import { wizardName } from '../../renderer/views/platform/wizardNames';

type Instance = NonNullable<PlatformStatus['instances']>[number];
const instance = (database: string, bytes: number, large = false): Instance => ({ database, owner: 'o', bytes, domain: null, instance: null, app: null, source: 'name', sharePercent: null, large });
const facts = { serverVersionNum: 150004, serverVersion: '15.4', inRecovery: true, standbyConfPresent: true, statsVisible: true, serverTime: '2026-12-01T12:00:00Z' };

describe('platform facts', () => {
  it('orders instances largest first and sizes their bars against the largest', () => {
    const rows = instanceRows([instance('a', 10), instance('b', 40, true), instance('c', 20)]);
    expect(rows.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(rows.map((r) => r.ofLargest)).toEqual([1, 0.5, 0.25]);
    expect(instanceRows([instance('z', 0)])[0]?.ofLargest).toBe(0);
  });

  it('picks the notes that say why the databases were not read', () => {
    expect(databaseNotes(['PostgreSQL could not be read: refused', 'The shell probe failed: x', 'Instances could not be read: y'])).toEqual([
      'PostgreSQL could not be read: refused',
      'Instances could not be read: y',
    ]);
  });

  it('reads a standby out of recovery as a primary', () => {
    expect(actualRole(null)).toBeNull();
    expect(actualRole({ role: 'off', ...facts })).toBe('standalone');
    const standby = { role: 'standby' as const, ...facts, receiver: null, receiveLsn: null, replayLsn: null, replayLagBytes: null, replayLagSeconds: null, lastReplayedTransactionTime: null, replayPaused: null };
    expect(actualRole({ ...standby, condition: 'not_in_recovery' })).toBe('primary');
    expect(actualRole({ ...standby, condition: 'streaming' })).toBe('standby');
  });

  it('prefers the engine sentence on reachability, with a fallback per state', () => {
    expect(reachSentence({ state: 'timeout', message: 'No answer within 10 s.', hostKey: null })).toBe('No answer within 10 s.');
    expect(reachSentence({ state: 'auth_failed', message: null, hostKey: null })).toMatch(/Refused the login/);
  });

  it('names wizards in words and counts days to a certificate expiry', () => {
    expect(wizardName('disk-warning')).toBe('free disk space');
    expect(wizardName('some-new-one')).toBe('some new one');
    expect(daysUntil('2026-12-11T00:00:00Z', Date.parse('2026-12-01T00:00:00Z'))).toBe(10);
  });
});
