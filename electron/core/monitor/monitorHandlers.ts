import { ContractError } from '../rpc/contractError';
import type { Handlers } from '../rpc/handlers';
import type { MonitorService } from './monitorService';

type MonitorMethods = Pick<
  Handlers,
  'monitor.statuses' | 'monitor.summaries' | 'fleet.overview' | 'monitor.platformStatuses' | 'monitor.pollNow' | 'monitor.history' | 'alarms.list' | 'alarms.acknowledge' | 'webserver.trust' | 'webserver.forget' | 'fleet.testConnection'
>;

/** The contract's monitor, alarm, webserver and connection test methods over the monitor service. */
export function monitorHandlers(monitor: MonitorService): MonitorMethods {
  return {
    'monitor.statuses': () => monitor.statuses(),
    'monitor.summaries': () => monitor.summaries(),
    'fleet.overview': () => monitor.overview(),
    'monitor.platformStatuses': async ({ platformIds }) => ({ statuses: await monitor.statusesOf(platformIds) }),
    'monitor.pollNow': ({ platformIds }) => monitor.pollNow(platformIds),
    'monitor.history': ({ platformId }) => monitor.history(platformId),
    'alarms.list': () => monitor.alarms(),
    'alarms.acknowledge': async ({ alarmId, note }) => {
      const outcome = await monitor.acknowledge(alarmId, note);
      if ('alarm' in outcome) return outcome.alarm;
      if (outcome.problem === 'cleared') throw new ContractError('failed', 'This alarm has cleared in the meantime: its trouble is gone, so there is nothing to acknowledge. It stays in the history.', 'params.alarmId');
      throw new ContractError('invalid_params', 'No such alarm: it may belong to a platform that was removed. Reload the alarms and try again.', 'params.alarmId');
    },
    'webserver.trust': ({ platformId, sha256 }) => monitor.trustCertificate(platformId, sha256),
    'webserver.forget': async ({ platformId }) => {
      await monitor.forgetCertificate(platformId);
      return { platformId };
    },
    'fleet.testConnection': ({ platformId }) => monitor.testConnection(platformId),
  };
}
