import type { FormFactor } from '../../contract';

/** The 14r1 build of manager and webserver the wiki gives for the libcrypto.so.3 mismatch (admin-facts P9). */
export const FIX_BUILD = '1410593';
export const MISMATCH_ERROR = 'error while loading shared libraries: libcrypto.so.3';
/** Written to the image label so the manager performs an image update again. */
export const LABEL_AFTER_FIX = '110000';

export type BinaryArch = 'arm' | 'arm64' | 'x86_64';
export type ApBinary = 'manager' | 'webserver';

/** VMs run x86_64, IPx10/IPx11 gateways arm, IPx13 (IP6013) gateways arm64. */
export function binaryArch(formFactor: FormFactor): BinaryArch {
  return formFactor === 'vm' ? 'x86_64' : formFactor === 'gateway-arm64' ? 'arm64' : 'arm';
}

export const binaryUrl = (arch: BinaryArch, binary: ApBinary) => `https://webbuild.innovaphone.com/${FIX_BUILD}/${arch}/${binary}/${binary}`;

export const binaryPath = (binary: ApBinary) => `/apps/${binary}/${binary}`;

/** Whether the manager's own output shows the mismatch. */
export const showsMismatch = (output: string) => output.includes(MISMATCH_ERROR);
