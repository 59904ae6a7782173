import type { ServiceFacts } from './accessAlarms';
import type { DiskFacts } from './diskAlarms';

/** What the monitor reads from a platform's shell probe; the probe's full facts travel beside it. */
export interface PlatformView {
  build: number | null;
  formFactor: 'vm' | 'gateway-arm' | 'gateway-arm64' | null;
  disk: DiskFacts | null;
  reserveFilePresent: boolean | null;
  reserveFileBytes: number | null;
  logsBytes: number | null;
  coreDumpBytes: number | null;
  coreDumpCount: number | null;
  services: Omit<ServiceFacts, 'managerHttps'>;
  standbyConfPresent: boolean | null;
}
