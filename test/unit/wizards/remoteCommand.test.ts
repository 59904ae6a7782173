import { describe, expect, it } from 'vitest';
import { andThen, command, glob, pipeline, secret, withErrors, writeTo } from '../../../electron/core/wizards/remoteCommand';
import { maskSecrets } from '../../../electron/core/wizards/wizardInputs';

describe('remote commands', () => {
  it('quotes every word that needs it and leaves plain words readable', () => {
    expect(command('/etc/init.d/S92manager', 'stop').text).toBe('/etc/init.d/S92manager stop');
    expect(command('psql', '-d', 'manager', '-c', "DELETE FROM config WHERE name='webserverCertificate'").text).toBe(`psql -d manager -c 'DELETE FROM config WHERE name='\\''webserverCertificate'\\'''`);
    expect(command('rm', '-f', '$(reboot)', 'a b', 'x=y').text).toBe(`rm -f '$(reboot)' 'a b' 'x=y'`);
    expect(writeTo(command('echo', ''), '/mnt/sda2/empty_if_no_space').text).toBe(`echo '' > /mnt/sda2/empty_if_no_space`);
    expect(andThen(command('a'), withErrors(command('b'))).text).toBe('a && b 2>&1');
    expect(pipeline(command('tar', '-cf', '-', '/var/log'), command('xz', '-z', '-')).text).toBe('tar -cf - /var/log | xz -z -');
  });

  it('sends secrets and shows them masked', () => {
    const c = command('env', secret("PGPASSWORD=p'w d"), 'psql');
    expect(c.text).toBe(`env 'PGPASSWORD=p'\\''w d' psql`);
    expect(c.masked).toBe('env ******** psql');
    expect(maskSecrets("login with p'w d failed", { pw: "p'w d" })).toBe('login with ******** failed');
  });

  it('expands only safe globs', () => {
    expect(command('rm', '-f', glob('/var/log/apps/*/*')).text).toBe('rm -f /var/log/apps/*/*');
    for (const bad of ['/var/log/$(id)/*', 'var/log/*', '/var/../etc/*', '/a b/*', '/a;b']) expect(() => command('rm', glob(bad))).toThrow(/not a safe path pattern/);
  });
});
