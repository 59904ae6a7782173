/** Where an App Platform keeps what the probe looks at; the same on VMs and gateways of every version (admin-facts 1b). */
export const AP_PATHS = {
  label: '/mnt/sda1/label',
  dataMount: '/mnt/sda2',
  reserveFile: '/mnt/sda2/empty_if_no_space',
  logs: '/var/log',
  /** Both are named by the wiki's procedures; on an AP the second is usually the first seen through /var/log. */
  coreDumpRoots: ['/var/log/core_dumps', '/mnt/sda2/log/core_dumps'],
  pgsql: '/mnt/sda2/pgsql',
  standbyConfig: '/home/root/standby.conf',
  manager: '/apps/manager/manager',
  webserver: '/apps/webserver/webserver',
} as const;
