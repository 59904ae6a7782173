import { describe, expect, it } from 'vitest';
import { bestStandby, hoursUntilFull, lsnValue } from '../../../electron/core/wizards/procedures/replicationChecks';

describe('lsnValue', () => {
  it('reads both halves of a WAL position', () => {
    expect(lsnValue('0/3000060')).toBe(0x3000060n);
    expect(lsnValue('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(lsnValue('1/0')! > lsnValue('0/FFFFFFFF')!).toBe(true);
  });

  it('gives null for no position or anything else', () => {
    expect(lsnValue(null)).toBeNull();
    expect(lsnValue('')).toBeNull();
    expect(lsnValue('16-B374')).toBeNull();
  });
});

describe('bestStandby', () => {
  const c = (id: string, receiveLsn: string | null, replayLsn: string | null) => ({ id, name: id, receiveLsn, replayLsn });

  it('takes the standby that received the most WAL', () => {
    expect(bestStandby([c('a', '0/3000000', '0/3000000'), c('b', '0/5000000', '0/2000000')])?.id).toBe('b');
  });

  it('breaks a tie on received WAL by the replayed position', () => {
    expect(bestStandby([c('a', '0/5000000', '0/4000000'), c('b', '0/5000000', '0/5000000')])?.id).toBe('b');
  });

  it('falls back to the replayed position when nothing was received since the start', () => {
    expect(bestStandby([c('a', null, '0/7000000'), c('b', '0/6000000', '0/6000000')])?.id).toBe('a');
  });

  it('keeps the first on a full tie and skips standbys without a position', () => {
    expect(bestStandby([c('x', null, null), c('a', '1/0', '1/0'), c('b', '1/0', '1/0')])?.id).toBe('a');
    expect(bestStandby([c('x', null, null)])).toBeNull();
    expect(bestStandby([])).toBeNull();
  });
});

describe('hoursUntilFull', () => {
  it('divides the free space by the growth between the first and the last sample', () => {
    const hour = 3_600_000;
    expect(hoursUntilFull(10_000, [{ at: 0, bytes: 0 }, { at: hour / 2, bytes: 300 }, { at: hour, bytes: 1_000 }])).toBe(10);
  });

  it('is null while the kept WAL does not grow, or with too few samples', () => {
    expect(hoursUntilFull(10_000, [{ at: 0, bytes: 500 }, { at: 60_000, bytes: 500 }])).toBeNull();
    expect(hoursUntilFull(10_000, [{ at: 0, bytes: 500 }, { at: 60_000, bytes: 100 }])).toBeNull();
    expect(hoursUntilFull(10_000, [{ at: 0, bytes: 500 }])).toBeNull();
    expect(hoursUntilFull(10_000, [])).toBeNull();
  });

  it('says 0 when nothing is free any more', () => {
    expect(hoursUntilFull(0, [{ at: 0, bytes: 0 }, { at: 1_000, bytes: 1_000 }])).toBe(0);
  });
});
