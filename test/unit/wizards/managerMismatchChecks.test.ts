import { describe, expect, it } from 'vitest';
import { binaryArch, binaryPath, binaryUrl, showsMismatch } from '../../../electron/core/wizards/procedures/managerMismatchChecks';

describe('the manager/image mismatch fix', () => {
  it('chooses the build by form factor: VM x86_64, IPx10/IPx11 arm, IPx13 arm64', () => {
    expect(binaryArch('vm')).toBe('x86_64');
    expect(binaryArch('gateway-arm')).toBe('arm');
    expect(binaryArch('gateway-arm64')).toBe('arm64');
  });

  it('gives the wiki URLs and paths', () => {
    expect(binaryUrl('arm', 'manager')).toBe('https://webbuild.innovaphone.com/1410593/arm/manager/manager');
    expect(binaryUrl('x86_64', 'webserver')).toBe('https://webbuild.innovaphone.com/1410593/x86_64/webserver/webserver');
    expect(binaryUrl('arm64', 'webserver')).toBe('https://webbuild.innovaphone.com/1410593/arm64/webserver/webserver');
    expect(binaryPath('webserver')).toBe('/apps/webserver/webserver');
  });

  it('recognises the libcrypto.so.3 error', () => {
    expect(showsMismatch('/apps/manager/manager: error while loading shared libraries: libcrypto.so.3: cannot open shared object file: No such file or directory')).toBe(true);
    expect(showsMismatch('manager 140029 listening on 443')).toBe(false);
  });
});
