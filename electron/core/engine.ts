import { join } from 'node:path';
import type { RunMode } from './contract';
import { appInfo } from './app/appInfo';
import type { HostVersions } from './app/appInfo';
import { appHealth } from './app/appHealth';
import { createDispatcher } from './rpc/dispatcher';
import type { Dispatcher } from './rpc/dispatcher';
import { createEventBus } from './rpc/eventBus';
import type { EventListener } from './rpc/eventBus';
import { afterEach } from './rpc/handlers';
import type { Handlers } from './rpc/handlers';
import { settingsHandlers } from './settings/settingsHandlers';
import { createSettingsStore } from './settings/settingsStore';
import { hostKeyHandlers } from './connect/hostKeyHandlers';
import { createHostKeyStore } from './connect/hostKeyStore';
import { fleetHandlers } from './fleet/fleetHandlers';
import { localImportContext } from './fleet/fleetImport';
import { createInventoryStore } from './fleet/inventoryStore';
import { monitorHandlers } from './monitor/monitorHandlers';
import { createTerminalSessions } from './terminal/terminalSessions';
import { terminalHandlers } from './terminal/terminalHandlers';
import { createMonitorService } from './monitor/monitorService';
import { vaultSecrets } from './vault/vaultSecrets';
import { createVault } from './vault/vault';
import { VAULT_FILE } from './vault/vaultFile';
import type { Vault } from './vault/vault';
import type { SafeStorageProtector } from './vault/safeStorageProtector';
import { vaultHandlers } from './vault/vaultHandlers';
import type { EngineLog } from './engineLog';
import { isAllowedLink } from './security/platformLinks';
import { createAuditLog } from './audit/auditLog';
import { retrievalHandlers } from './retrieval/retrievalHandlers';
import { viewerHandlers } from './retrieval/viewer/viewerHandlers';
import { createPlatformAccess } from './retrieval/platformAccess';
import { uploadToAdminHome } from './connect/transfer/uploadFile';
import { WIZARD_CATALOG } from './wizards/wizardCatalog';
import { wizardHandlers } from './wizards/wizardHandlers';
import { createWizardRunner } from './wizards/wizardRunner';
import { downloadThroughQueue } from './wizards/jobDownload';

export interface EngineOptions {
  mode: RunMode;
  dataDir: string;
  host?: HostVersions;
  log: EngineLog;
  /** Electron's safeStorage in the desktop app; web mode protects the vault with a master password. */
  keychain?: SafeStorageProtector;
  /** Poll the fleet on a schedule (the app and web mode); without it, polls run only when asked. */
  pollOnSchedule?: boolean;
}

export interface Engine extends Dispatcher {
  subscribe(listener: EventListener): () => void;
  /** Whether a link may open in the system browser (innovaphone sites, the inventory's platforms). */
  linkAllowed(url: string): Promise<boolean>;
  /** Ends the terminals, stops polling, closes platform connections and saves what the monitor holds. */
  close(): Promise<void>;
}

/** The core's public entry: one engine per process, shared by every transport. */
export function createEngine(options: EngineOptions): Engine {
  const { mode, dataDir, log } = options;
  const host = options.host ?? { electron: null, chrome: null };
  const startedAt = new Date();
  const bus = createEventBus((error) => log.error('event listener failed', error));
  const settings = createSettingsStore(dataDir);
  const hostKeys = createHostKeyStore(dataDir);
  const inventory = createInventoryStore(dataDir);
  // Read at once, so the first screen does not wait for it; what goes wrong is reported with fleet.list.
  void inventory.read().catch(() => undefined);
  let vault: Promise<Vault> | undefined;
  const openVault = () =>
    (vault ??= createVault({ file: join(dataDir, VAULT_FILE), protector: options.keychain }).catch((error: unknown) => {
      vault = undefined;
      throw error;
    }));

  const secrets = vaultSecrets(openVault);
  const monitor = createMonitorService({
    dataDir,
    inventory,
    hostKeys,
    secrets,
    settings: () => settings.read(),
    emitStatus: (status) => bus.emit('monitor.status', status),
    emitAlarms: (changes) => bus.emit('alarms.changed', { changes }),
    log,
  });
  if (options.pollOnSchedule) monitor.start();
  const terminals = createTerminalSessions({
    acquire: (platformId, signal) => monitor.acquireClient(platformId, signal),
    secrets,
    emit: (event, payload) => bus.emit(event, payload),
  });

  const audit = createAuditLog(dataDir);
  const onAuditError = (error: unknown) => log.error('writing the audit log failed', error);
  const retrieval = retrievalHandlers({
    dataDir,
    monitor,
    inventory,
    secrets,
    audit,
    emit: { lines: (p) => bus.emit('logs.lines', p), followEnd: (p) => bus.emit('logs.followEnd', p), job: (job) => bus.emit('retrieval.job', job) },
    log,
  });
  const viewer = viewerHandlers({ dataDir, log });
  const wizardAccess = createPlatformAccess({ monitor, inventory, secrets, audit, onAuditError });
  const jobQueue = {
    download: (platformId: string, paths: string[]) => retrieval.handlers['retrieval.download']({ platformId, paths }),
    jobs: async () => (await retrieval.handlers['retrieval.jobs']({})).jobs,
    cancel: (jobId: string) => retrieval.handlers['retrieval.cancel']({ jobId }),
  };
  const wizards = createWizardRunner({
    dataDir,
    catalog: WIZARD_CATALOG,
    access: wizardAccess,
    monitor,
    audit,
    emit: { run: (run) => bus.emit('wizards.run', run), output: (payload) => bus.emit('wizards.output', payload) },
    download: (platformId, paths, signal) => downloadThroughQueue(jobQueue, platformId, paths, signal),
    upload: async (platformId, localPath, remoteName, signal) => (await uploadToAdminHome((await monitor.acquireClient(platformId, signal)).client, localPath, remoteName, signal)).remotePath,
    log,
  });

  const handlers: Handlers = {
    'app.info': async () => appInfo(mode, dataDir, host),
    'app.health': async () => {
      await settings.read();
      return appHealth({ startedAt, dataDir, settingsProblem: settings.problem() });
    },
    ...settingsHandlers({
      store: settings,
      changed: (next) => {
        bus.emit('settings.changed', next);
        monitor.applySettings(next);
      },
    }),
    ...afterEach(hostKeyHandlers(hostKeys), (params) => {
      if (typeof params === 'object' && params !== null && 'id' in params && typeof params.id === 'string') monitor.resetConnection(params.id);
    }),
    ...afterEach(vaultHandlers(openVault), () => monitor.retrySoon()),
    ...fleetHandlers({ store: inventory, openVault, emit: (change) => bus.emit('fleet.changed', change), context: localImportContext }),
    ...monitorHandlers(monitor),
    ...terminalHandlers(terminals),
    ...retrieval.handlers,
    ...viewer.handlers,
    ...wizardHandlers(wizards, audit),
  };

  const dispatcher = createDispatcher(handlers, (method, error) => log.error(`${method} failed`, error));

  return {
    dispatch: dispatcher.dispatch,
    subscribe: bus.subscribe,
    linkAllowed: async (url) => isAllowedLink(url, (await inventory.read()).platforms.map((p) => p.address)),
    close: async () => {
      terminals.closeAll();
      await wizards.close();
      wizardAccess.close();
      await retrieval.close();
      await viewer.close();
      return monitor.stop();
    },
  };
}
