import type { WizardDefinition } from './wizardTypes';
import { diskFull } from './procedures/diskFull';

/** The wiki's recovery procedures the console runs, in the order the catalog shows them. */
export const WIZARD_CATALOG: readonly WizardDefinition[] = [diskFull];
