import { EventEmitter } from 'node:events';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { ElectronPort } from '../../main/host/electron/electron-port';

/**
 * A stand-in for the parts of the `electron` module the host uses: the Electron binary cannot run on our machines,
 * and this is the one place a fake is allowed. It holds the host to Electron's documented lifecycle, failing where
 * Electron would (electron/lib/browser/init.ts, shell/browser/api/*.cc):
 * - `ready` fires on a macrotask after the entry module has finished evaluating (`launchEntryModule`), never before;
 *   `whenReady()` awaited at the entry's top level therefore never settles, as in Electron.
 * - `protocol.registerSchemesAsPrivileged` throws once the app is ready; `BrowserWindow`, `Tray`, `Notification` and
 *   `session.defaultSession` throw before it.
 * - `open-url`, `open-file` and `second-instance` arrive whenever the OS sends them, before `ready` too; an event
 *   nobody listens for is lost.
 * - `app.quit()` emits `before-quit`, closes every window (a window whose `close` is prevented cancels the quit),
 *   then `will-quit` and `quit`; `app.exit()` emits nothing.
 * - A `Notification` the host does not keep is collected with its listeners (`collectGarbage`, a real V8 GC); on
 *   Windows a click then reaches only `Notification.handleActivation`'s callback.
 * - A notification's action buttons show on macOS and Windows only (structures/notification-action.md): on Linux
 *   there is no button to press, so `clickNotification(i, action)` throws there.
 * - `globalShortcut` throws before `ready` ("globalShortcut cannot be used before the app is ready"); `register`
 *   returns false for an accelerator another program holds (`takenShortcuts`) or this app already registered.
 * - `BrowserWindow.setOverlayIcon` shows only on Windows (a no-op elsewhere); `app.setBadgeCount` exists on macOS
 *   and Linux only, and on Linux shows (returns true) only where a launcher implements the Unity LauncherEntry API.
 */
type Handler = (...args: never[]) => unknown;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

class Listeners extends EventEmitter {
  fire(name: string, ...args: unknown[]): void {
    this.emit(name, ...args);
  }
  handlers(name: string): Handler[] {
    return this.listeners(name) as Handler[];
  }
}

/** Electron's event object: `preventDefault` and `defaultPrevented`. */
export const electronEvent = () => {
  const event = {
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
};

export class FakeFrame {
  constructor(public url: string) {}
}

let nextContentsId = 1;
export class FakeWebContents extends Listeners {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('app://scrivania/index.html');
  readonly sent: { channel: string; message: unknown }[] = [];
  windowOpenHandler?: (details: { url: string }) => { action: string };
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
}

export interface FakeElectronOptions {
  /** false: another instance holds the lock. */
  singleInstance?: boolean;
  locale?: string;
  userData?: string;
  logs?: string;
  platform?: NodeJS.Platform;
  isPackaged?: boolean;
  /** Schemes the OS already opens with this app. */
  defaultProtocolClients?: string[];
  /** Accelerators another program already holds. */
  takenShortcuts?: string[];
  /** Linux: the desktop's launcher shows badges (Unity's LauncherEntry D-Bus API). */
  unityLauncher?: boolean;
}

export const createFakeElectron = (options: FakeElectronOptions = {}) => {
  const calls: string[] = [];
  const protocolClients: { scheme: string; path?: string; args?: string[] }[] = [];
  const defaultClients = new Set(options.defaultProtocolClients ?? []);
  const paths = new Map<string, string>([['exe', '/opt/Scrivania/scrivania']]);
  if (options.userData) paths.set('userData', options.userData);
  if (options.logs) paths.set('logs', options.logs);
  const lifecycle = {
    ready: false,
    lockTakenIn: undefined as string | undefined,
    exitCode: undefined as number | undefined,
    quitted: false,
  };
  const problems: string[] = [];
  const needsReady = (what: string) => {
    if (!lifecycle.ready) throw new Error(what);
  };

  const platform = options.platform ?? process.platform;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

  const windows: FakeBrowserWindow[] = [];
  const app = new (class extends Listeners {
    readonly isPackaged = options.isPackaged ?? false;
    appUserModelId: string | undefined;
    applicationMenu: unknown = 'default';
    isReady = () => lifecycle.ready;
    whenReady = () => {
      calls.push('whenReady');
      return readyPromise;
    };
    requestSingleInstanceLock = () => {
      calls.push('requestSingleInstanceLock');
      lifecycle.lockTakenIn = paths.get('userData') ?? '(default userData)';
      return options.singleInstance ?? true;
    };
    hasSingleInstanceLock = () => lifecycle.lockTakenIn !== undefined && (options.singleInstance ?? true);
    quit = () => {
      calls.push('quit');
      const beforeQuit = electronEvent();
      this.fire('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return;
      for (const window of windows.filter((candidate) => !candidate.destroyed)) {
        const close = electronEvent();
        window.fire('close', close);
        if (close.defaultPrevented) return;
        window.destroy();
      }
      const willQuit = electronEvent();
      this.fire('will-quit', willQuit);
      if (willQuit.defaultPrevented) return;
      lifecycle.quitted = true;
      this.fire('quit', electronEvent(), 0);
    };
    exit = (code = 0) => {
      calls.push(`exit ${code}`);
      lifecycle.exitCode = code;
    };
    getLocale = () => (lifecycle.ready ? (options.locale ?? 'en-US') : '');
    getPath = (name: string) => {
      const path = paths.get(name);
      if (!path) throw new Error(`the fake has no path ${name}`);
      return path;
    };
    setPath = (name: string, path: string) => {
      if (name === 'userData' && lifecycle.lockTakenIn !== undefined)
        problems.push(`userData moved to ${path} after the single-instance lock was taken in ${lifecycle.lockTakenIn}`);
      paths.set(name, path);
    };
    setAppUserModelId = (id: string) => {
      this.appUserModelId = id;
    };
    setAsDefaultProtocolClient = (scheme: string, path?: string, args?: string[]) => {
      protocolClients.push({ scheme, ...(path ? { path } : {}), ...(args ? { args } : {}) });
      defaultClients.add(scheme);
      return true;
    };
    removeAsDefaultProtocolClient = (scheme: string) => defaultClients.delete(scheme);
    isDefaultProtocolClient = (scheme: string) => defaultClients.has(scheme);
    getApplicationNameForProtocol = (url: string) => (defaultClients.has(url.replace(/:.*$/, '')) ? 'Scrivania' : '');
    /** The badge the Dock or launcher shows; undefined where none shows. */
    badgeShown: number | undefined;
  })();
  if (platform === 'darwin' || platform === 'linux') {
    Object.assign(app, {
      setBadgeCount: (count = 0) => {
        if (platform === 'linux' && !options.unityLauncher) return false;
        app.badgeShown = count === 0 ? undefined : count;
        return true;
      },
    });
  }

  class FakeBrowserWindow extends Listeners {
    readonly webContents = new FakeWebContents();
    loadedUrl?: string;
    visible = false;
    minimized = false;
    destroyed = false;
    focused = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      needsReady('Cannot create BrowserWindow before app is ready');
      windows.push(this);
      app.fire('web-contents-created', electronEvent(), this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show() {
      this.visible = true;
      this.minimized = false;
    }
    hide() {
      this.visible = false;
    }
    minimize() {
      this.minimized = true;
    }
    isMinimized() {
      return this.minimized;
    }
    isDestroyed() {
      return this.destroyed;
    }
    restore() {
      this.minimized = false;
    }
    focus() {
      this.focused += 1;
    }
    /** The taskbar's overlay and its description, as Windows shows them. */
    overlay: { image: unknown; description: string } | undefined;
    setOverlayIcon(image: unknown, description: string) {
      if (platform !== 'win32') return;
      this.overlay = image === null ? undefined : { image, description };
    }
    destroy() {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.webContents.fire('destroyed');
      this.fire('closed');
    }
  }

  const trays: FakeTray[] = [];
  class FakeTray extends Listeners {
    images: { buffer: Buffer }[] = [];
    tooltip = '';
    menu: unknown;
    destroyed = false;
    constructor(image: { buffer: Buffer }) {
      super();
      needsReady('Cannot create Tray before app is ready');
      this.images.push(image);
      trays.push(this);
    }
    setImage(image: { buffer: Buffer }) {
      this.images.push(image);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: unknown) {
      this.menu = menu;
    }
    destroy() {
      this.destroyed = true;
    }
  }

  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: unknown[]) {
      calls.push('registerSchemesAsPrivileged');
      if (lifecycle.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      this.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      this.handlers.set(scheme, handler);
    },
  };

  const defaultSession = {
    permissionRequest: undefined as undefined | ((...args: unknown[]) => void),
    permissionCheck: undefined as undefined | ((...args: unknown[]) => boolean),
    setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheck = handler;
    },
  };
  const session = {
    get defaultSession() {
      if (!lifecycle.ready) throw new TypeError('Session can only be received when app is ready');
      return defaultSession;
    },
  };

  /** What the OS was asked to show; the objects themselves are held only weakly, as Electron's native side does. */
  const shownNotifications: { options: NotificationOptions; notification: WeakRef<FakeNotification> }[] = [];
  type NotificationOptions = { title: string; body: string; actions: { type: string; text: string }[] };
  let activationHandler: ((details: { type: string; actionIndex?: number; arguments: string }) => void) | undefined;
  const windowsOnly = platform === 'win32';
  class FakeNotification extends Listeners {
    static isSupported = () => true;
    shown = false;
    constructor(readonly options: NotificationOptions) {
      super();
      needsReady('Cannot create Notification before app is ready');
    }
    show() {
      this.shown = true;
      shownNotifications.push({ options: this.options, notification: new WeakRef(this) });
    }
    closed = false;
    close() {
      this.closed = true;
      this.fire('close', electronEvent());
    }
  }

  // Electron defines it on Windows only (lib/browser/api/notification.ts).
  if (windowsOnly) {
    Object.assign(FakeNotification, {
      handleActivation: (callback: typeof activationHandler) => {
        activationHandler = callback;
      },
    });
  }

  const taken = new Set(options.takenShortcuts ?? []);
  const shortcuts = new Map<string, () => void>();
  const shortcutsNeedReady = () => {
    if (!lifecycle.ready) throw new Error('globalShortcut cannot be used before the app is ready');
  };
  const globalShortcut = {
    register(accelerator: string, callback: () => void) {
      shortcutsNeedReady();
      if (typeof accelerator !== 'string' || accelerator === '') throw new TypeError('Accelerator must be a nonempty string');
      if (taken.has(accelerator) || shortcuts.has(accelerator)) return false;
      shortcuts.set(accelerator, callback);
      return true;
    },
    isRegistered(accelerator: string) {
      shortcutsNeedReady();
      return shortcuts.has(accelerator);
    },
    unregister(accelerator: string) {
      shortcutsNeedReady();
      shortcuts.delete(accelerator);
    },
    unregisterAll() {
      shortcutsNeedReady();
      shortcuts.clear();
    },
  };

  const ipcMain = new Listeners();
  const opened: string[] = [];
  const menus = {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu: (menu: unknown) => (app.applicationMenu = menu),
  };
  const fake = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    Menu: menus,
    nativeImage: { createFromBuffer: (buffer: Buffer) => ({ buffer }) },
    Notification: FakeNotification,
    protocol,
    session,
    shell: {
      openExternal: async (url: string) => {
        opened.push(url);
      },
    },
    Tray: FakeTray,
    globalShortcut,
  };

  /** What the OS and the person do to the app. */
  const os = {
    becomeReady() {
      if (lifecycle.ready) return;
      lifecycle.ready = true;
      app.fire('will-finish-launching');
      app.fire('ready', electronEvent(), {});
      resolveReady();
    },
    /** macOS hands a clicked link to the running app, before `ready` at a cold start. */
    openUrl(url: string) {
      const event = electronEvent();
      app.fire('open-url', event, url);
      return event;
    },
    openFile(path: string) {
      const event = electronEvent();
      app.fire('open-file', event, path);
      return event;
    },
    /** Another launch, which Electron forwards to the instance holding the lock. */
    launchAgain(argv: string[]) {
      if (!app.hasSingleInstanceLock()) throw new Error('second-instance reaches only the instance that holds the lock');
      app.fire('second-instance', electronEvent(), argv, process.cwd(), null);
    },
    /** macOS: the Dock icon clicked, or the app launched again. */
    activate(hasVisibleWindows = windows.some((window) => window.visible)) {
      app.fire('activate', electronEvent(), hasVisibleWindows);
    },
    /** A real garbage collection: notifications nobody references disappear with their listeners. */
    async collectGarbage() {
      // WeakRefs keep their target until the current job ends.
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    },
    /** The person clicks the notification (or its action button) in the OS's notification centre. */
    clickNotification(index: number, actionIndex?: number) {
      const entry = shownNotifications[index];
      if (!entry) throw new Error(`no notification ${index} was shown`);
      if (actionIndex !== undefined && platform !== 'darwin' && platform !== 'win32')
        throw new Error(`${platform} shows no buttons on a notification: Electron has them on macOS and Windows only`);
      if (actionIndex !== undefined && !entry.options.actions[actionIndex])
        throw new Error(`notification ${index} has no button ${actionIndex}`);
      const notification = entry.notification.deref();
      if (notification && actionIndex === undefined) notification.fire('click', electronEvent());
      if (notification && actionIndex !== undefined) notification.fire('action', electronEvent(), actionIndex);
      if (windowsOnly)
        activationHandler?.({
          type: actionIndex === undefined ? 'click' : 'action',
          ...(actionIndex === undefined ? {} : { actionIndex }),
          arguments: '',
        });
      return { delivered: notification !== undefined };
    },
    /** The person presses a global shortcut: only one this app registered reaches it. */
    pressShortcut(accelerator: string) {
      const callback = shortcuts.get(accelerator);
      callback?.();
      return { delivered: callback !== undefined };
    },
  };

  return {
    electron: fake as unknown as ElectronPort,
    app,
    os,
    lifecycle,
    problems,
    protocol,
    defaultSession,
    ipcMain,
    windows,
    trays,
    opened,
    calls,
    protocolClients,
    defaultClients,
    shownNotifications,
    menus,
    shortcuts,
  };
};

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/**
 * Evaluates an entry module as Electron's ESM loader does (`await import(main)`, then `appCodeLoaded()`), and fires
 * `ready` on the macrotask after. An entry whose evaluation never finishes (a top-level `await app.whenReady()`)
 * never gets `ready`: this reports it after `hangAfterMs`. A throw while evaluating is what Electron reports as an
 * uncaught exception.
 */
export const launchEntryModule = async (fake: FakeElectron, evaluate: () => Promise<unknown>, hangAfterMs = 5_000): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the entry module did not finish evaluating within ${hangAfterMs} ms, so Electron would never emit ready`)),
      hangAfterMs,
    );
  });
  try {
    await Promise.race([evaluate(), hang]);
  } finally {
    clearTimeout(timer);
  }
  await new Promise((resolve) => setImmediate(resolve));
  fake.os.becomeReady();
};
