import { describe, expect, it } from 'vitest';
import { detectFormFactor } from '../../electron/core/platform/formFactor';

describe('detectFormFactor', () => {
  it('calls an NVMe data device an arm64 gateway, whatever the architecture says', () => {
    expect(detectFormFactor('/dev/nvme0n1p2', 'aarch64')).toBe('gateway-arm64');
    expect(detectFormFactor('/dev/nvme0n1p2', 'x86_64')).toBe('gateway-arm64');
    expect(detectFormFactor('/dev/nvme1n2', null)).toBe('gateway-arm64');
  });

  it('goes by the architecture otherwise', () => {
    expect(detectFormFactor('/dev/sda2', 'x86_64')).toBe('vm');
    expect(detectFormFactor('/dev/sda2', 'aarch64')).toBe('gateway-arm64');
    expect(detectFormFactor('/dev/sda2', 'armv7l')).toBe('gateway-arm');
    expect(detectFormFactor('/dev/sda2', 'armv5tel')).toBe('gateway-arm');
    expect(detectFormFactor(null, 'x86_64')).toBe('vm');
  });

  it('does not take a device that only mentions nvme for one', () => {
    expect(detectFormFactor('/dev/mapper/nvme-backup', 'x86_64')).toBe('vm');
  });

  it('knows nothing without a usable architecture', () => {
    expect(detectFormFactor('/dev/sda2', null)).toBeNull();
    expect(detectFormFactor('/dev/sda2', 'mips')).toBeNull();
  });
});
