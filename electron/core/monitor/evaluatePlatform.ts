import { accessAlarms, certificateAlarms, serviceAlarms } from './accessAlarms';
import type { AlarmArea } from './alarmTracker';
import type { AlarmFinding, EvaluationContext } from './alarmTypes';
import { diskAlarms } from './diskAlarms';
import type { UsageSample } from './fillRate';
import type { PlatformPoll } from './pollPlatform';
import { replicationAlarms } from './replicationAlarms';
import type { HistorySample } from './usageHistory';

export interface PlatformExpectations {
  thresholdPercent: number;
  expectedStandbys: number | null;
  /** The reserve file was there in an earlier poll (a manager from 13r1 SR9 on creates it). */
  reserveSeen: boolean;
  /** Image builds in this range lose data when the VM disk is resized. */
  dangerousResizeBuild: (build: number) => boolean;
}

export interface Evaluation {
  findings: AlarmFinding[];
  evaluated: Set<AlarmArea>;
}

const usage = (history: readonly HistorySample[]): UsageSample[] => history.map((s) => ({ at: s.at, usedBytes: s.usedBytes }));
const wal = (history: readonly HistorySample[]): UsageSample[] => history.filter((s) => s.walRetainedBytes !== null).map((s) => ({ at: s.at, usedBytes: s.walRetainedBytes as number }));

/** Every alarm one poll shows, and which areas it could judge (the rest keep their state). */
export function evaluatePlatform(poll: PlatformPoll<unknown>, expect: PlatformExpectations, history: readonly HistorySample[], ctx: EvaluationContext): Evaluation {
  const findings: AlarmFinding[] = [...accessAlarms(poll.reach)];
  if (poll.manager.login === 'refused') {
    findings.push({ key: 'access.managerLogin', kind: 'access.managerLogin', severity: 'warning', cause: `${poll.manager.message ?? 'The AP Manager refused the stored manager password.'} Devices may have deployed a new one.`, wizard: null });
  }
  const evaluated = new Set<AlarmArea>(['access']);
  if (poll.webserver) {
    evaluated.add('certificate');
    findings.push(...certificateAlarms(poll.webserver.certificateNotAfter, ctx));
  }
  const view = poll.view;
  if (poll.reach.state !== 'ok' || !view) return { findings, evaluated };

  evaluated.add('disk');
  findings.push(
    ...diskAlarms(
      {
        disk: view.disk,
        reserveFilePresent: view.reserveFilePresent,
        reserveFileBytes: view.reserveFileBytes,
        reserveExpected: expect.reserveSeen,
        logsBytes: view.logsBytes,
        coreDumpBytes: view.coreDumpBytes,
        coreDumpCount: view.coreDumpCount,
        thresholdPercent: expect.thresholdPercent,
        history: usage(history),
      },
      ctx,
    ),
  );
  evaluated.add('service');
  const managerHttps = poll.webserver ? poll.webserver.reachable && poll.webserver.answered : null;
  findings.push(...serviceAlarms({ ...view.services, managerHttps }));
  evaluated.add('build');
  if (view.build !== null && view.formFactor !== 'gateway-arm' && view.formFactor !== 'gateway-arm64' && expect.dangerousResizeBuild(view.build)) {
    findings.push({
      key: 'build.dangerousResize',
      kind: 'build.dangerousResize',
      severity: 'warning',
      cause: `Image build ${view.build} loses data when its VM disk is resized. Do NOT resize this disk: update the platform to 130015 or later first.`,
      wizard: null,
    });
  }
  if (poll.replication) {
    evaluated.add('replication');
    findings.push(...replicationAlarms({ state: poll.replication, expectedStandbys: expect.expectedStandbys, availBytes: view.disk?.availBytes ?? null, walHistory: wal(history) }, ctx));
  }
  return { findings, evaluated };
}
