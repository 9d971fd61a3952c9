import type { MenuItemConstructorOptions } from 'electron';

/**
 * The installed app's menu: none on Windows and Linux, where Electron's default (View → Reload, Toggle Developer
 * Tools) would let anyone reload the window mid-call; on macOS only what every Mac app has (the app menu, Edit for
 * copy and paste, Window). A development run keeps Electron's default, developer tools included.
 */
export const applicationMenu = (platform: NodeJS.Platform, packaged: boolean): MenuItemConstructorOptions[] | null | 'default' => {
  if (!packaged) return 'default';
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
};
