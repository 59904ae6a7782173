/** The e2e fleet: two sites, a replication pair with instances, and a platform whose disk the tests fill. */
export const PRIMARY = 'ui-pri';
export const STANDBY = 'ui-sb';
export const SOLO = 'ui-solo';
export const SITE_A = 'Muster GmbH';
export const SITE_B = 'Beispiel AG';

export const labFleetSpec = {
  platforms: [
    {
      name: PRIMARY,
      site: SITE_A,
      diskMiB: 384,
      instances: [
        { domain: 'kunde.de', name: 'devices', app: 'innovaphone-devices', sizeMiB: 24 },
        { domain: 'kunde.de', name: 'reporting', app: 'innovaphone-reporting', sizeMiB: 6 },
      ],
    },
    { name: STANDBY, site: SITE_A, diskMiB: 384, sshServer: 'dropbear' },
    { name: SOLO, site: SITE_B, diskMiB: 192, instances: [{ domain: 'beispiel.de', name: 'users', app: 'innovaphone-users', sizeMiB: 2 }] },
  ],
  replication: [{ primary: PRIMARY, standbys: [{ platform: STANDBY, standbyName: 'sb1' }] }],
};
