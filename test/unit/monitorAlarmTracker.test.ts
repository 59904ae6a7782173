import { describe, expect, it } from 'vitest';
import { AlarmTracker } from '../../electron/core/monitor/alarmTracker';
import type { AlarmFinding } from '../../electron/core/monitor/alarmTypes';

const disk = (severity: 'warning' | 'critical', cause = 'full'): AlarmFinding => ({ key: 'disk.usage', kind: 'disk.usage', severity, cause, wizard: 'disk-warning' });
const manager: AlarmFinding = { key: 'service.manager', kind: 'service.manager', severity: 'critical', cause: 'down', wizard: 'manager-mismatch' };
const all = new Set(['access', 'disk', 'service', 'replication', 'certificate', 'build'] as const);

describe('alarm tracker', () => {
  it('raises, changes and clears, keeping when the trouble began', () => {
    const tracker = new AlarmTracker();
    expect(tracker.apply('ap1', [disk('warning')], all, 1000).map((c) => c.type)).toEqual(['raised']);
    expect(tracker.apply('ap1', [disk('warning')], all, 2000)).toEqual([]);
    const changed = tracker.apply('ap1', [disk('critical')], all, 3000);
    expect(changed).toMatchObject([{ type: 'changed', alarm: { severity: 'critical', raisedAt: 1000, changedAt: 3000, id: 'ap1/disk.usage/1000' } }]);
    expect(tracker.previous('ap1').get('disk.usage')).toEqual({ severity: 'critical', since: 1000 });
    const cleared = tracker.apply('ap1', [], all, 4000);
    expect(cleared).toMatchObject([{ type: 'cleared', alarm: { clearedAt: 4000, raisedAt: 1000 } }]);
    expect(tracker.active()).toEqual([]);
    expect(tracker.history().map((a) => a.id)).toEqual(['ap1/disk.usage/1000']);
  });

  it('keeps alarms of areas an evaluation did not look at', () => {
    const tracker = new AlarmTracker();
    tracker.apply('ap1', [disk('warning'), manager], all, 1000);
    const unreachable: AlarmFinding = { key: 'access.unreachable', kind: 'access.unreachable', severity: 'critical', cause: 'no route', wizard: null };
    const changes = tracker.apply('ap1', [unreachable], new Set(['access'] as const), 2000);
    expect(changes.map((c) => c.type)).toEqual(['raised']);
    expect(tracker.active().map((a) => a.key).sort()).toEqual(['access.unreachable', 'disk.usage', 'service.manager']);
  });

  it('keeps platforms apart, forgets a removed one, and restores saved state', () => {
    const tracker = new AlarmTracker(2);
    tracker.apply('ap1', [manager], all, 1000);
    tracker.apply('ap2', [manager], all, 1000);
    expect(tracker.forget('ap1', 1500).map((c) => c.alarm.platformId)).toEqual(['ap1']);
    tracker.apply('ap2', [], all, 2000);
    tracker.apply('ap2', [manager], all, 3000);
    tracker.apply('ap2', [], all, 4000);
    expect(tracker.history().map((a) => a.id)).toEqual(['ap2/service.manager/3000', 'ap2/service.manager/1000']);
    const copy = new AlarmTracker();
    tracker.apply('ap3', [disk('critical')], all, 5000);
    copy.restore([...tracker.active(), ...tracker.history()]);
    expect(copy.active().map((a) => a.id)).toEqual(['ap3/disk.usage/5000']);
    expect(copy.history()).toHaveLength(2);
    expect(copy.apply('ap3', [disk('critical')], all, 6000)).toEqual([]);
  });

  it('keeps an acknowledgement through changes of severity and cause, and into the history', () => {
    const tracker = new AlarmTracker();
    const [raised] = tracker.apply('ap1', [disk('warning')], all, 1000);
    expect(raised?.alarm.acknowledged).toBeNull();
    const id = raised?.alarm.id ?? '';
    expect(tracker.acknowledge(id, 'Customer is ordering a bigger disk', 1500)).toMatchObject({ alarm: { id, acknowledged: { at: 1500, note: 'Customer is ordering a bigger disk' } } });
    const [changed] = tracker.apply('ap1', [disk('critical', 'fuller')], all, 2000);
    expect(changed?.alarm).toMatchObject({ severity: 'critical', cause: 'fuller', acknowledged: { at: 1500, note: 'Customer is ordering a bigger disk' } });
    expect(tracker.acknowledge(id, '', 2500)).toMatchObject({ alarm: { acknowledged: { at: 2500, note: '' } } });
    const [cleared] = tracker.apply('ap1', [], all, 3000);
    expect(cleared?.alarm).toMatchObject({ clearedAt: 3000, acknowledged: { at: 2500, note: '' } });
    expect(tracker.history()[0]?.acknowledged).toEqual({ at: 2500, note: '' });
    expect(tracker.acknowledge(id, 'late', 3500)).toEqual({ problem: 'cleared' });
    expect(tracker.acknowledge('ap1/disk.usage/42', 'nothing', 3500)).toEqual({ problem: 'unknown' });
    // A new trouble of the same kind starts unacknowledged.
    expect(tracker.apply('ap1', [disk('warning')], all, 4000)[0]?.alarm.acknowledged).toBeNull();
  });

  it('restores the history in the order the alarms cleared, whatever order they were saved in', () => {
    const tracker = new AlarmTracker();
    for (const at of [1000, 2000, 3000]) {
      tracker.apply('ap1', [manager], all, at);
      tracker.apply('ap1', [], all, at + 500);
    }
    const copy = new AlarmTracker();
    copy.restore([...tracker.active(), ...tracker.history()]);
    expect(copy.history().map((a) => a.clearedAt)).toEqual([3500, 2500, 1500]);
    const again = new AlarmTracker();
    again.restore([...copy.history()].reverse());
    expect(again.history().map((a) => a.clearedAt)).toEqual([3500, 2500, 1500]);
  });
});
