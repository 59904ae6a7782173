import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl } from '../../electron/core/security/trustedSender';
import { APP_ORIGIN } from '../../electron/ipcChannels';

describe('isTrustedRendererUrl', () => {
  it('accepts pages of the packaged app origin', () => {
    expect(APP_ORIGIN).toBe('app://console');
    expect(isTrustedRendererUrl('app://console/index.html', APP_ORIGIN, undefined)).toBe(true);
    expect(isTrustedRendererUrl('app://console/index.html#/settings', APP_ORIGIN, undefined)).toBe(true);
  });

  it('accepts the dev server origin only when one is given', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', APP_ORIGIN, 'http://localhost:5173/')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/src/main.tsx', APP_ORIGIN, 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/', APP_ORIGIN, undefined)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', APP_ORIGIN, '')).toBe(false);
  });

  it('refuses other origins, including lookalikes of the app origin', () => {
    for (const url of [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'https://evil.example/',
      'app://evil/index.html',
      'app://console.evil/index.html',
      'file:///etc/passwd',
      'file:///work/renderer/index.html',
      'about:blank',
      'data:text/html,<script>1</script>',
    ]) {
      expect(isTrustedRendererUrl(url, APP_ORIGIN, 'http://localhost:5173/'), url).toBe(false);
    }
  });

  it('refuses garbage frame URLs and a garbage dev server URL', () => {
    expect(isTrustedRendererUrl('', APP_ORIGIN, 'http://localhost:5173/')).toBe(false);
    expect(isTrustedRendererUrl('not a url', APP_ORIGIN, 'http://localhost:5173/')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', APP_ORIGIN, 'not a url')).toBe(false);
  });
});
