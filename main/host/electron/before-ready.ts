import { registerAppScheme } from './app-protocol';
import { DEEP_LINK_SCHEME, deepLinksIn, parseDeepLink, type DeepLink } from './deep-links';
import type { ElectronPort } from './electron-port';

/** The installers' appId: Windows groups the taskbar icon and files notifications under it. */
export const APP_USER_MODEL_ID = 'it.scrivania.app';

/** What the OS hands the running app: a link, a file dropped on its icon, or a request to show itself. */
export type Arrival = { kind: 'link'; link: DeepLink } | { kind: 'file'; path: string } | { kind: 'activate' };

/**
 * Keeps what the OS sends from the first moment (a cold-start link on macOS arrives before `ready`) until the host
 * can act on it, then hands over everything in the order it came.
 */
export class LaunchInbox {
  private readonly waiting: Arrival[] = [];
  private receiver: ((arrival: Arrival) => void) | undefined;

  receive(arrival: Arrival): void {
    if (this.receiver) this.receiver(arrival);
    else this.waiting.push(arrival);
  }

  deliverTo(receiver: (arrival: Arrival) => void): void {
    this.receiver = receiver;
    this.waiting.splice(0).forEach(receiver);
  }
}

export interface ClaimOptions {
  /** This process's command line, where Windows and Linux put the link that started it. */
  argv: readonly string[];
  platform: NodeJS.Platform;
}

/**
 * Everything Electron must have before `ready`, done synchronously while the entry module evaluates: with an ES-module
 * main, `ready` comes as soon as the module has evaluated, whatever promises it left running. Returns undefined when
 * another instance holds the lock; it gets this launch's links through `second-instance`, and this one quits.
 */
export const claimApp = (electron: Pick<ElectronPort, 'app' | 'protocol'>, options: ClaimOptions): LaunchInbox | undefined => {
  const { app, protocol } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  registerAppScheme(protocol);
  if (options.platform === 'win32') {
    app.setAppUserModelId(APP_USER_MODEL_ID);
    // macOS and Linux learn the scheme from the installed app (Info.plist, the .desktop file); Windows from this.
    // A development run is not the installed app, so it never takes the OS's links.
    if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }

  const inbox = new LaunchInbox();
  const receiveLinks = (argv: readonly string[]): void => deepLinksIn(argv).forEach((link) => inbox.receive({ kind: 'link', link }));
  receiveLinks(options.argv);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseDeepLink(url);
    if (link) inbox.receive({ kind: 'link', link });
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    inbox.receive({ kind: 'file', path });
  });
  app.on('second-instance', (_event, argv) => {
    inbox.receive({ kind: 'activate' });
    receiveLinks(argv);
  });
  // macOS: the Dock icon clicked while the window is closed (hidden).
  app.on('activate', () => inbox.receive({ kind: 'activate' }));
  return inbox;
};
