/** The wizards e2e fleet: one platform whose data partition the test fills with logs and core dumps. */
export const WIZARD_AP = 'wz-ap';
export const WIZARD_SITE = 'Assistent GmbH';
export const WIZARD_DISK_MIB = 1024;

export const wizardsLabSpec = {
  platforms: [{ name: WIZARD_AP, site: WIZARD_SITE, diskMiB: WIZARD_DISK_MIB, instances: [{ domain: 'kunde.de', name: 'users', app: 'innovaphone-users', sizeMiB: 4 }] }],
};
