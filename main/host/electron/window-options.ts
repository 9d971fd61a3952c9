import type { BrowserWindowConstructorOptions } from 'electron';

export const mainWindowOptions = (preloadPath: string): BrowserWindowConstructorOptions => ({
  width: 1200,
  height: 800,
  minWidth: 720,
  minHeight: 520,
  show: false,
  title: 'Scrivania',
  backgroundColor: '#f6f7f9',
  webPreferences: {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  },
});
