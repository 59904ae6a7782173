import type { PlatformFacts } from '../platform/platformFacts';
import type { PlatformView } from './platformView';

/** The data partition's mount point on every AP form factor (the device differs, the path does not). */
const DATA_MOUNT = '/mnt/sda2';

/** The figures the alarms need, from the shell probe's facts; unknown facts stay unknown. */
export function platformViewOf(facts: PlatformFacts): PlatformView {
  const partition = facts.dataPartition.value;
  const running = (service: keyof PlatformFacts['services']) => facts.services[service].value?.running ?? null;
  return {
    build: facts.image.build.value,
    formFactor: facts.formFactor.value,
    disk: partition
      ? {
          device: facts.dataDevice.value?.device ?? DATA_MOUNT,
          mount: DATA_MOUNT,
          sizeBytes: partition.sizeBytes,
          usedBytes: partition.usedBytes,
          availBytes: partition.availableBytes,
          percent: partition.usePercent,
        }
      : null,
    reserveFilePresent: facts.reserveFile.value?.present ?? null,
    reserveFileBytes: facts.reserveFile.value?.sizeBytes ?? null,
    logsBytes: facts.logsBytes.value,
    coreDumpBytes: facts.coreDumps.value?.totalBytes ?? null,
    coreDumpCount: facts.coreDumps.value?.count ?? null,
    services: { manager: running('manager'), webserver: running('webserver'), postgres: running('postgres') },
    standbyConfPresent: facts.standbyConfig.value?.present ?? null,
  };
}
