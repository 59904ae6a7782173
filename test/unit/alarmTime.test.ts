import { describe, expect, it } from 'vitest';
import { alarmDuration, formatAge, formatDuration } from '../../renderer/views/alarms/alarmTime';

describe('alarm times', () => {
  it('says durations in the largest two units', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(3 * 3_600_000)).toBe('3 h');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 4 h');
    expect(formatDuration(-5)).toBe('0 s');
  });

  it('says ages relative to now', () => {
    const now = Date.parse('2025-12-01T12:00:00.000Z');
    expect(formatAge('2025-12-01T11:59:30.000Z', now)).toBe('just now');
    expect(formatAge('2025-12-01T10:00:00.000Z', now)).toBe('2 h ago');
  });

  it('measures how long a cleared alarm lasted', () => {
    expect(alarmDuration('2025-12-01T10:00:00.000Z', '2025-12-01T10:30:00.000Z')).toBe('30 min');
    expect(alarmDuration('2025-12-01T10:00:00.000Z', null)).toBe('');
  });
});
