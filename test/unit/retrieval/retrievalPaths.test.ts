import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRemotePath, downloadsFolder, localPathFor, safeName } from '../../../electron/core/retrieval/retrievalPaths';

describe('which platform paths the console reads', () => {
  it('takes paths under /var/log, /mnt/sda2/log and /home/admin, normalised', () => {
    expect(checkRemotePath('/var/log//apps/manager/')).toEqual({ ok: true, path: '/var/log/apps/manager' });
    expect(checkRemotePath('/mnt/sda2/log/core_dumps/manager/core.1')).toMatchObject({ ok: true });
    expect(checkRemotePath('/home/admin')).toMatchObject({ ok: true });
  });

  it('refuses others with a sentence', () => {
    expect(checkRemotePath('/etc/shadow')).toEqual({ ok: false, reason: expect.stringMatching(/^\/etc\/shadow lies outside .*it was not touched\.$/) });
    expect(checkRemotePath('/var/logs/x')).toMatchObject({ ok: false });
    expect(checkRemotePath('/var/log/../etc/shadow')).toMatchObject({ ok: false, reason: expect.stringMatching(/"\." or "\.\." steps/) });
    expect(checkRemotePath('/home/admin2/x')).toMatchObject({ ok: false });
    expect(checkRemotePath('var/log/x')).toMatchObject({ ok: false, reason: expect.stringMatching(/not an absolute path/) });
    expect(checkRemotePath('/var/log/a\nb')).toMatchObject({ ok: false });
  });
});

describe('local names of downloads', () => {
  it('keeps only safe characters and never leaves the base folder', () => {
    expect(safeName('Kunde GmbH & Co')).toBe('Kunde_GmbH_Co');
    expect(safeName('..')).toBe('__');
    expect(safeName('')).toBe('_');
    expect(downloadsFolder('/data', 'Site A', 'ap/1')).toBe(join('/data', 'downloads', 'Site_A', 'ap_1'));
    expect(localPathFor('/base', '/var/log/apps/odd name/..hidden')).toBe('/base/var/log/apps/odd_name/__hidden');
    expect(localPathFor('/base', '/var/log/caf\u00e9\nx.log')).toBe('/base/var/log/caf_x.log');
  });
});
