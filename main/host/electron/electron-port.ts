import type * as Electron from 'electron';

/**
 * The part of the `electron` module the host uses. The host receives it instead of importing `electron`
 * itself, so its wiring can be unit-tested with a stand-in where the Electron binary cannot run.
 */
export type ElectronPort = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'globalShortcut'
  | 'ipcMain'
  | 'Menu'
  | 'nativeImage'
  | 'Notification'
  | 'protocol'
  | 'session'
  | 'shell'
  | 'Tray'
>;
