import type { WizardId } from '../wizards/wizardTypes';

/** What each recovery wizard does, in the words the alarm list shows ("Fix: free disk space"); the catalog's title wins once it is loaded. */
const WIZARD_NAMES: Readonly<Record<WizardId, string>> = {
  'disk-full': 'recover a full disk',
  'disk-warning': 'free disk space',
  'clear-core-dumps': 'clear core dumps',
  'manager-mismatch': 'repair the manager and image mismatch',
  'restore-certificate': 'restore the webserver certificate',
  'shrink-database': 'shrink the database',
  'standby-down': 'repair the standby',
  'primary-down': 'recover from a failed primary',
  'postgres-major-update': 'update PostgreSQL to a new major version',
  'external-database': 'move a database to an external host',
  'broken-filesystem': 'repair the file system',
  'resize-vm-disk': 'resize the VM disk',
  'external-db-access': 'allow external database access',
  'change-address': 'change the address',
};

/** The catalog's title with a small first letter, to follow "Fix: ". */
const lowerFirst = (title: string) => (/^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title);

export function wizardName(wizardId: string, catalog: ReadonlyArray<{ id: string; title: string }> = []): string {
  const fromCatalog = catalog.find((w) => w.id === wizardId);
  if (fromCatalog) return lowerFirst(fromCatalog.title);
  return Object.hasOwn(WIZARD_NAMES, wizardId) ? WIZARD_NAMES[wizardId as WizardId] : wizardId.replace(/-/g, ' ');
}
