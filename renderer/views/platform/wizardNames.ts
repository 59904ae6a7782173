/** What each recovery wizard does, in the words the alarm list shows ("Fix: free disk space"). */
const WIZARD_NAMES: Readonly<Record<string, string>> = {
  'disk-full': 'recover a full disk',
  'disk-warning': 'free disk space',
  'shrink-database': 'shrink the database',
  'resize-vm-disk': 'resize the VM disk',
  'restore-reserve': 'restore the reserve file',
  'clear-core-dumps': 'clear core dumps',
  'replication-failure': 'repair the replication',
  'restore-certificate': 'restore the webserver certificate',
  'restart-services': 'restart the services',
  'manager-mismatch': 'repair the manager and image mismatch',
};

export function wizardName(wizardId: string): string {
  return Object.hasOwn(WIZARD_NAMES, wizardId) ? (WIZARD_NAMES[wizardId] as string) : wizardId.replace(/-/g, ' ');
}
