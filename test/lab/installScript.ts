import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { platformDir } from './labPaths';

/**
 * /home/root/install_step1.sh as the image's rescue system runs it for `resize`: with the data partition not mounted,
 * check it and grow its ext4 file system onto the grown device, logging to the file named first.
 */
export function installStepScript(device: string): string {
  return `#!/bin/sh
PATH=/usr/sbin:/usr/bin:/sbin:/bin; export PATH
LOG="$1"
DEV=${device}
if [ "$2" != resize ]; then echo "Usage: $0 LOGFILE resize" >&2; exit 2; fi
say() { echo "$*" | tee -a "$LOG"; }
if grep -q "^$DEV " /proc/mounts; then say "$DEV is mounted: boot the rescue system to resize it"; exit 1; fi
say "resize $DEV"
e2fsck -f -p "$DEV" >>"$LOG" 2>&1
rc=$?
if [ $rc -ge 4 ]; then say "e2fsck failed ($rc)"; exit 1; fi
if ! resize2fs "$DEV" >>"$LOG" 2>&1; then say "resize2fs failed"; exit 1; fi
say "finished"
`;
}

/** Puts the resize script into a platform's /home/root. */
export async function writeInstallScript(name: string, device = 'sda2'): Promise<void> {
  const path = join(platformDir(name), 'home', 'root', 'install_step1.sh');
  await writeFile(path, installStepScript(`/dev/${device}`));
  await chmod(path, 0o755);
}
