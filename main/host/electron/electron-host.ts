import type { BrowserWindow } from 'electron';
import { readFile } from 'node:fs/promises';
import type { AppUpdater } from 'electron-updater';
import { createRequire } from 'node:module';
import type { Logger } from '../../services/logging/logger';
import { createBackend, type Backend, type BackendOptions } from '../core/backend';
import { DesktopNotices } from './desktop-notifications';
import type { DeepLink } from './deep-links';
import { serveRenderer } from './app-protocol';
import type { Arrival, LaunchInbox } from './before-ready';
import { applicationMenu } from './application-menu';
import { PhoneLinkRegistration } from './phone-links';
import type { ElectronPort } from './electron-port';
import { IpcTransport } from './ipc-transport';
import { APP_ENTRY, APP_ORIGIN, APP_SCHEME } from './origin';
import { hardenContents, hardenSession } from './security';
import { StatusTray } from './tray';
import { PhoneCallPresence } from './phone-call-presence';
import type { LiveCalls, PhonePreferences } from '../../../common/contract/phone';
import { nextMeeting } from '../../../common/meetings/next-meeting';
import type { Agenda } from '../../../common/contract/meetings';
import type { UpdatesState } from '../../../common/contract/updates';
import type { RequestKey, RequestOf } from '../../../common/contract';
import type { RequestHandler } from '../../services/handlers';
import { mainWindowOptions } from './window-options';
import { ElectronUpdaterEngine, type AutoUpdaterPort } from './electron-updater-engine';
import { installedPerMachine } from './installation';
import { messageOf } from '../../../common/error-message';

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
  platform?: NodeJS.Platform;
  /** Whether the desktop shows tray icons; without one, closing the window quits, or nothing could. */
  trayShown?: () => Promise<boolean>;
  /** How long quitting waits for the services to stop before it ends the process at once. */
  quitDeadlineMs?: number;
  /** Ends the process at once: what is left when a keychain call stuck in native code would keep it from exiting. */
  endNow: () => void;
}

export interface ElectronHost {
  backend: Backend;
  window: BrowserWindow;
  tray: StatusTray | undefined;
}

/** electron-updater requires `electron` as it loads, so it is loaded only in the packaged app, at the first check. */
const loadAutoUpdater = (): AutoUpdaterPort =>
  (createRequire(import.meta.url)('electron-updater') as { autoUpdater: AppUpdater }).autoUpdater;

const QUIT_DEADLINE_MS = 3_000;

/** true when `work` settled within `ms`. */
const settlesWithin = async (work: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Wires the services into Electron once the app is ready, for the instance that claimed it (`claimApp`), and follows
 * what the OS sent from the start (links, files, Dock clicks).
 */
export const startElectronHost = async (
  electron: ElectronPort,
  inbox: LaunchInbox,
  options: ElectronHostOptions,
): Promise<ElectronHost> => {
  const { app, protocol, shell, ipcMain, session, BrowserWindow, Menu } = electron;
  const { log } = options;
  const platform = options.platform ?? process.platform;
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, shell, log));
  await app.whenReady();

  const menu = applicationMenu(platform, app.isPackaged);
  if (menu !== 'default') Menu.setApplicationMenu(menu && Menu.buildFromTemplate(menu));
  hardenSession(session.defaultSession, log);
  // The window loads only after the backend exists, so the CSP's PBX origin can come from it.
  protocol.handle(APP_SCHEME, (request) => serveRenderer(request, options.rendererDir, () => backend.connectSources()));
  const perMachine = app.isPackaged && installedPerMachine(platform, app.getPath('exe'));
  const backend = createBackend({
    host: 'electron',
    log,
    dataDir: app.getPath('userData'),
    rendererOrigin: () => APP_ORIGIN,
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
    phoneLinks: new PhoneLinkRegistration(app, platform),
    // Only a packaged app can replace itself, and not when an administrator installed it per machine; a development
    // run checks through the feed engine instead.
    ...(app.isPackaged && !perMachine
      ? { updateEngine: new ElectronUpdaterEngine(loadAutoUpdater, log, () => (quit.requested = true)) }
      : {}),
    updatesInstalledByAdministrator: perMachine,
  });
  const ipc = new IpcTransport(ipcMain, backend.parts, log);

  const window = new BrowserWindow(mainWindowOptions(options.preloadPath));
  ipc.trust(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);

  const show = (): void => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  /** The host's own requests (tray, links) take the same handlers as a window; a refusal is logged. */
  const askMain = <K extends RequestKey>(key: K, request: RequestOf<K>, peer: string): void => {
    const handler = backend.parts.requests[key] as RequestHandler<K>;
    void (async () => handler(request, { host: 'electron', peer }))().catch((error: unknown) =>
      log.warn('a request from the host failed', { key, peer, error: messageOf(error) }),
    );
  };
  const quit = { requested: false, servicesStopped: false };
  let stopping: Promise<void> | undefined;
  const trayShown = (await options.trayShown?.()) ?? true;
  if (!trayShown) log.info('this desktop shows no tray icons: closing the window quits Scrivania');
  const tray = trayShown ? new StatusTray(electron, app.getLocale(), { show, quit: () => app.quit() }, backend.app.status()) : undefined;
  if (tray) {
    backend.app.on('status', (status) => tray.update(status));
    backend.parts.events.listen((key, payload) => {
      if (key === 'updates.state') {
        const { phase, available } = payload as UpdatesState;
        tray.setUpdateReady(
          phase === 'downloaded' && available
            ? { version: available.version, install: () => askMain('updates.install', {}, 'tray') }
            : undefined,
        );
        return;
      }
      if (key !== 'meetings.agenda') return;
      const next = nextMeeting((payload as Agenda).occurrences, Date.now());
      tray.setNextMeeting(
        next?.joinUrl ? { title: next.title, join: () => askMain('meetings.join', { occurrenceId: next.id }, 'tray') } : undefined,
      );
    });
  }
  backend.app.on('attention', show);

  const callPresence = new PhoneCallPresence(electron, {
    window,
    tray,
    platform,
    locale: app.getLocale(),
    log,
    show,
    command: (command, from) => askMain('phone.command', command, from),
  });
  const followPreferences = (preferences: PhonePreferences): void => callPresence.setShortcutsWanted(preferences.globalShortcuts !== false);
  const knownPreferences = backend.parts.events.retained('phone.preferences');
  if (knownPreferences) followPreferences(knownPreferences.payload as PhonePreferences);
  const stopCallPresence = backend.parts.events.listen((key, payload) => {
    if (key === 'phone.calls') callPresence.update(payload as LiveCalls);
    if (key === 'phone.preferences') followPreferences(payload as PhonePreferences);
  });

  const notices = new DesktopNotices(electron, app.getLocale(), show, log);
  const stopNotices = backend.notices.on('notice', (notice) => notices.show(notice));

  // A profile link or file is verified and offered in the window, installed only once the employee has seen who issued it.
  const followLink = (link: DeepLink): void => {
    if (link.kind === 'profile') return void backend.profiles.offerFromUrl(link.url);
    askMain('phone.dial', { target: link.target }, 'link');
  };
  const openFile = async (path: string): Promise<void> => {
    if (!path.toLowerCase().endsWith('.json')) return log.info('ignored a file handed to Scrivania', { path });
    await backend.profiles.offerBytes(await readFile(path));
  };
  inbox.deliverTo((arrival: Arrival) => {
    show();
    if (arrival.kind === 'link') followLink(arrival.link);
    if (arrival.kind === 'file')
      void openFile(arrival.path).catch((error: unknown) =>
        log.warn('could not open a file handed to Scrivania', { path: arrival.path, error: messageOf(error) }),
      );
  });
  // With a tray, closing the window keeps Scrivania there, where calls and status changes still reach the employee.
  window.on('close', (event) => {
    if (quit.requested || !tray) return;
    event.preventDefault();
    window.hide();
  });
  // Quitting waits for the services to stop, a few seconds at most: a keychain call stuck in native code would
  // otherwise keep the process from ever exiting.
  app.on('before-quit', (event) => {
    quit.requested = true;
    if (quit.servicesStopped) return;
    event.preventDefault();
    if (stopping) return;
    stopNotices();
    stopCallPresence();
    callPresence.dispose();
    tray?.destroy();
    stopping = settlesWithin(backend.dispose(), options.quitDeadlineMs ?? QUIT_DEADLINE_MS).then((stopped) => {
      quit.servicesStopped = true;
      if (stopped) return app.quit();
      log.warn('a keychain call did not end: Scrivania ends at once');
      options.endNow();
    });
  });
  log.info('electron host started');
  return { backend, window, tray };
};
