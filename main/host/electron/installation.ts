import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Whether this copy was installed per machine by an administrator (the MSI), who updates it by pushing the next MSI.
 * electron-updater would "update" it by running the per-user NSIS installer, leaving a second copy beside it. Only
 * the NSIS installation leaves its uninstaller next to the executable.
 */
export const installedPerMachine = (
  platform: NodeJS.Platform,
  executable: string,
  exists: (path: string) => boolean = existsSync,
): boolean => platform === 'win32' && !exists(join(dirname(executable), 'Uninstall Scrivania.exe'));
