/** The logs e2e fleet: a full platform whose logs, core dumps and bundles the test fetches, and a light one beside it on another site. */
export const LOGS_AP = 'lg-ap';
export const LOGS_LIGHT = 'lg-light';
export const LOGS_SITE = 'Protokoll GmbH';
export const LOGS_OTHER_SITE = 'Nebenan AG';

export const logsLabSpec = {
  platforms: [
    { name: LOGS_AP, site: LOGS_SITE, diskMiB: 256, instances: [{ domain: 'kunde.de', name: 'users', app: 'innovaphone-users', sizeMiB: 2 }] },
    { name: LOGS_LIGHT, site: LOGS_OTHER_SITE, diskMiB: 128, kind: 'light' },
  ],
};
