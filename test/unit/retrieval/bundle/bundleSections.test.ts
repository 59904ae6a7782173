import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../../electron/core/contract';
import { BundleSummaryFile } from '../../../../electron/core/retrieval/bundle/bundleManifest';
import { createProgress } from '../../../../electron/core/retrieval/bundle/bundleProgress';
import { bundleSummary, commandProblems, madeFiles } from '../../../../electron/core/retrieval/bundle/bundleSections';
import type { CommandOutcome } from '../../../../electron/core/retrieval/bundle/bundleSections';

const platform = { id: 'p-1', name: 'ap1', siteName: 'Muster AG', address: '10.0.0.5' };
const at = new Date('2024-05-01T10:00:00Z');
const alarm = (severity: 'warning' | 'critical', cleared: boolean): Alarm => ({
  id: `a-${severity}`,
  platformId: 'p-1',
  key: 'disk.usage',
  kind: 'disk',
  severity,
  cause: `disk ${severity}`,
  wizard: null,
  raisedAt: at.toISOString(),
  changedAt: at.toISOString(),
  clearedAt: cleared ? at.toISOString() : null,
  acknowledged: null,
});
const outcome = (name: string, output: string, code: number | null = 0): CommandOutcome => ({ name, command: `cmd-${name}`, output, code });
const DF = 'Filesystem     1024-blocks    Used Available Capacity Mounted on\n/dev/sda2           100000   99000      1000      99% /mnt/sda2\n';

describe('bundle summary and command files', () => {
  it('takes the build from the label, the disk from df, and only active alarms', () => {
    const summary = bundleSummary(platform, null, [alarm('critical', false), alarm('warning', true)], [outcome('image-build', 'AP 140029 sr3\n'), outcome('df-data', DF)], at, true);
    expect(BundleSummaryFile.parse(summary)).toEqual({
      format: 'ap-console-bundle/1',
      platformId: 'p-1',
      platformName: 'ap1',
      siteName: 'Muster AG',
      address: '10.0.0.5',
      build: '140029',
      collectedAt: '2024-05-01T10:00:00.000Z',
      disk: { usedBytes: 99000 * 1024, sizeBytes: 100000 * 1024 },
      alarms: [{ severity: 'critical', kind: 'disk', cause: 'disk critical' }],
      includesCoreDumps: true,
    });
  });

  it('has no build or disk when the commands failed and there is no status', () => {
    const summary = bundleSummary(platform, null, [], [outcome('image-build', 'cat: no such file', 1), outcome('df-data', '', null)], at, false);
    expect(summary.build).toBeNull();
    expect(summary.disk).toBeNull();
  });

  it('lists the files in bundle order and says which commands failed', () => {
    const outcomes = [outcome('df', 'x'), outcome('instances', 'psql: not found', 127), outcome('ps', '', null)];
    const files = madeFiles(bundleSummary(platform, null, [], outcomes, at, false), outcomes, null, []);
    expect(files.map((f) => f.path)).toEqual(['summary.json', 'commands/df.txt', 'commands/instances.txt', 'commands/ps.txt', 'commands/instances.json', 'commands/replication.json', 'commands/alarms.json']);
    expect(files[2]?.content.toString()).toBe('psql: not found');
    expect(commandProblems(outcomes)).toEqual(['cmd-instances ended with exit code 127; commands/instances.txt holds what it printed.', 'cmd-ps did not finish in time; commands/ps.txt is empty.']);
  });
});

describe('bundle progress', () => {
  it('reports stages at once and bytes at most every 250 ms, ending at every byte', () => {
    let clock = 0;
    const reports: Array<{ bytesDone: number; bytesTotal: number | null; message: string }> = [];
    const progress = createProgress((p) => reports.push(p), () => clock);
    progress.stage('Collecting');
    progress.setTotal(1000);
    for (let i = 0; i < 10; i++) {
      clock += 50;
      progress.add(100);
    }
    progress.entry('var/log/messages');
    progress.done('Saved');
    expect(reports[0]).toEqual({ bytesDone: 0, bytesTotal: null, message: 'Collecting' });
    expect(reports.length).toBeLessThan(6);
    expect(reports.at(-1)).toEqual({ bytesDone: 1000, bytesTotal: 1000, message: 'Saved' });
  });
});
