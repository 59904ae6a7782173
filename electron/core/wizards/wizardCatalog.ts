import type { WizardDefinition } from './wizardTypes';
import { diskFull } from './procedures/diskFull';
import { diskWarning } from './procedures/diskWarning';
import { shrinkDatabase } from './procedures/shrinkDatabase';
import { externalDatabase } from './procedures/externalDatabase';
import { brokenFilesystem } from './procedures/brokenFilesystem';
import { resizeVmDisk } from './procedures/resizeVmDisk';
import { changeAddress } from './procedures/changeAddress';
import { clearCoreDumps } from './procedures/clearCoreDumps';
import { managerMismatch } from './procedures/managerMismatch';
import { restoreCertificate } from './procedures/restoreCertificate';
import { externalDbAccess } from './procedures/externalDbAccess';
import { standbyDown } from './procedures/standbyDown';
import { primaryDown } from './procedures/primaryDown';
import { postgresMajorUpdate } from './procedures/postgresMajorUpdate';

/** The wiki's recovery procedures the console runs, in the order the catalog shows them. */
export const WIZARD_CATALOG: readonly WizardDefinition[] = [diskFull, diskWarning, shrinkDatabase, externalDatabase, brokenFilesystem, resizeVmDisk, changeAddress, clearCoreDumps, managerMismatch, restoreCertificate, externalDbAccess, standbyDown, primaryDown, postgresMajorUpdate];
