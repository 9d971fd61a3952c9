import type { BrowserWindow } from 'electron';
import type { AppUpdater } from 'electron-updater';
import { createRequire } from 'node:module';
import type { Logger } from '../../services/logging/logger';
import { createBackend, type Backend, type BackendOptions } from '../core/backend';
import { showDesktopNotices } from './desktop-notifications';
import { DEEP_LINK_SCHEME, DIAL_SCHEMES, deepLinksIn, parseDeepLink, type DeepLink } from './deep-links';
import { registerAppScheme, serveRenderer } from './app-protocol';
import type { ElectronPort } from './electron-port';
import { IpcTransport } from './ipc-transport';
import { APP_ENTRY, APP_SCHEME } from './origin';
import { hardenContents, hardenSession } from './security';
import { StatusTray } from './tray';
import { nextMeeting } from '../../../common/meetings/next-meeting';
import type { Agenda } from '../../../common/contract/meetings';
import type { UpdatesState } from '../../../common/contract/updates';
import type { RequestKey, RequestOf } from '../../../common/contract';
import type { RequestHandler } from '../../services/handlers';
import { mainWindowOptions } from './window-options';
import { ElectronUpdaterEngine, type AutoUpdaterPort } from './electron-updater-engine';
import { installedPerMachine } from './installation';

export interface ElectronHostOptions {
  rendererDir: string;
  preloadPath: string;
  log: Logger;
  /** The app's log folder (app.getPath('logs')), which the diagnostics bundle collects. */
  logDir?: string;
  /** Profile-signing keys built into this installation. */
  trustedKeys: readonly string[];
  /** The OS policy; absent in tests, which must not read this machine's. */
  readPolicy?: BackendOptions['readPolicy'];
  /** The profile address built into this installation. */
  defaultProfileUrl?: string;
  /** The command line, where Windows and Linux put a clicked scrivania:// link. */
  argv: readonly string[];
}

export interface ElectronHost {
  backend: Backend;
  window: BrowserWindow;
  tray: StatusTray;
}

/** electron-updater requires `electron` as it loads, so it is loaded only in the packaged app, at the first check. */
const loadAutoUpdater = (): AutoUpdaterPort => (createRequire(import.meta.url)('electron-updater') as { autoUpdater: AppUpdater }).autoUpdater;

/** Wires the services into Electron. Returns undefined when another instance already runs (it is focused instead). */
export const startElectronHost = async (electron: ElectronPort, options: ElectronHostOptions): Promise<ElectronHost | undefined> => {
  const { app, protocol, shell, ipcMain, session, BrowserWindow } = electron;
  const { log } = options;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  registerAppScheme(protocol);
  for (const scheme of [DEEP_LINK_SCHEME, ...DIAL_SCHEMES]) app.setAsDefaultProtocolClient(scheme);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, shell, log));
  // macOS delivers links as events, possibly before the app is ready: keep them until the backend exists.
  const early: DeepLink[] = [];
  let followLink = (link: DeepLink): void => void early.push(link);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseDeepLink(url);
    if (link) followLink(link);
  });
  await app.whenReady();

  hardenSession(session.defaultSession, log);
  // The window loads only after the backend exists, so the CSP's PBX origin can come from it.
  protocol.handle(APP_SCHEME, (request) => serveRenderer(request, options.rendererDir, () => backend.connectSources()));
  const perMachine = app.isPackaged && installedPerMachine(process.platform, app.getPath('exe'));
  const backend = createBackend({
    host: 'electron',
    log,
    dataDir: app.getPath('userData'),
    ...(options.logDir ? { logDir: options.logDir } : {}),
    trustedKeys: options.trustedKeys,
    ...(options.readPolicy ? { readPolicy: options.readPolicy } : {}),
    ...(options.defaultProfileUrl ? { defaultProfileUrl: options.defaultProfileUrl } : {}),
    openExternal: async (url) => {
      await shell.openExternal(url);
      return true;
    },
    showItemInFolder: (path) => shell.showItemInFolder(path),
    canOpenScheme: async (scheme) => app.getApplicationNameForProtocol(`${scheme}://`) !== '',
    runtimeVersions: { electron: process.versions.electron, chrome: process.versions.chrome },
    // Only a packaged app can replace itself, and not when an administrator installed it per machine; a development
    // run checks through the feed engine instead.
    ...(app.isPackaged && !perMachine ? { updateEngine: new ElectronUpdaterEngine(loadAutoUpdater, log, () => (quitting = true)) } : {}),
    updatesInstalledByAdministrator: perMachine,
  });
  const ipc = new IpcTransport(ipcMain, backend.parts, log);

  const window = new BrowserWindow(mainWindowOptions(options.preloadPath));
  ipc.trust(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);

  const show = (): void => {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  /** The host's own requests (tray, links) take the same handlers as a window; a refusal is logged. */
  const askMain = <K extends RequestKey>(key: K, request: RequestOf<K>, peer: string): void => {
    const handler = backend.parts.requests[key] as RequestHandler<K>;
    void (async () => handler(request, { host: 'electron', peer }))().catch((error: unknown) =>
      log.warn('a request from the host failed', { key, peer, error: error instanceof Error ? error.message : String(error) }),
    );
  };
  let quitting = false;
  const tray = new StatusTray(electron, app.getLocale(), { show, quit: () => app.quit() }, backend.app.status());
  backend.app.on('status', (status) => tray.update(status));
  backend.app.on('attention', show);
  backend.parts.events.listen((key, payload) => {
    if (key === 'updates.state') {
      const { phase, available } = payload as UpdatesState;
      tray.setUpdateReady(phase === 'downloaded' && available ? { version: available.version, install: () => askMain('updates.install', {}, 'tray') } : undefined);
      return;
    }
    if (key !== 'meetings.agenda') return;
    const next = nextMeeting((payload as Agenda).occurrences, Date.now());
    tray.setNextMeeting(next?.joinUrl ? { title: next.title, join: () => askMain('meetings.join', { occurrenceId: next.id }, 'tray') } : undefined);
  });

  const stopNotices = showDesktopNotices(electron, backend.notices, app.getLocale(), show, log);

  // A profile link is imported at once (its signature still decides whether it applies); a phone link is dialled.
  followLink = (link) => {
    show();
    if (link.kind === 'profile') return void backend.profiles.importFromUrl(link.url, 'link');
    askMain('phone.dial', { target: link.target }, 'link');
  };
  [...early.splice(0), ...deepLinksIn(options.argv)].forEach(followLink);
  app.on('second-instance', (_event, argv) => {
    show();
    deepLinksIn(argv).forEach(followLink);
  });
  // Closing the window keeps Scrivania in the tray, where calls and status changes still reach the employee.
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
  });
  app.on('before-quit', () => {
    quitting = true;
    stopNotices();
    tray.destroy();
    backend.dispose();
  });
  log.info('electron host started');
  return { backend, window, tray };
};
