import type { ElectronPort } from '../../main/host/electron/electron-port';

/**
 * A stand-in for the parts of the `electron` module the host uses: the Electron binary cannot run on our machines,
 * and this is the one place a fake is allowed. It records what the host asked for, so the tests check the wiring.
 */
type Handler = (...args: never[]) => unknown;

class Listeners {
  readonly handlers = new Map<string, Handler[]>();
  on(name: string, handler: Handler): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
    return this;
  }
  once(name: string, handler: Handler): this {
    return this.on(name, handler);
  }
  fire(name: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(name) ?? []) (handler as (...args: unknown[]) => unknown)(...args);
  }
}

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

export const createFakeElectron = (options: { singleInstance?: boolean; locale?: string; userData?: string } = {}) => {
  const calls: string[] = [];
  const protocolClients: string[] = [];
  const app = new (class extends Listeners {
    quitCalled = false;
    requestSingleInstanceLock = () => options.singleInstance ?? true;
    quit = () => {
      this.quitCalled = true;
      this.fire('before-quit');
    };
    whenReady = async () => {
      calls.push('whenReady');
    };
    getLocale = () => options.locale ?? 'en-US';
    getPath = (name: string) => {
      if (name !== 'userData' || !options.userData) throw new Error(`the fake has no path ${name}`);
      return options.userData;
    };
    setAsDefaultProtocolClient = (scheme: string) => protocolClients.push(scheme) > 0;
  })();

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends Listeners {
    readonly webContents = new FakeWebContents();
    loadedUrl?: string;
    visible = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.fire('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }

  const trays: FakeTray[] = [];
  class FakeTray extends Listeners {
    images: { buffer: Buffer }[] = [];
    tooltip = '';
    menu: unknown;
    destroyed = false;
    constructor(image: { buffer: Buffer }) {
      super();
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

  const notifications: FakeNotification[] = [];
  class FakeNotification extends Listeners {
    static isSupported = () => true;
    shown = false;
    constructor(readonly options: { title: string; body: string; actions: { type: string; text: string }[] }) {
      super();
      notifications.push(this);
    }
    show() {
      this.shown = true;
    }
  }

  const ipcMain = new Listeners();
  const opened: string[] = [];
  const fake = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    nativeImage: { createFromBuffer: (buffer: Buffer) => ({ buffer }) },
    Notification: FakeNotification,
    protocol,
    session: { defaultSession },
    shell: {
      openExternal: async (url: string) => {
        opened.push(url);
      },
    },
    Tray: FakeTray,
  };
  return { electron: fake as unknown as ElectronPort, app, protocol, defaultSession, ipcMain, windows, trays, opened, calls, protocolClients, notifications };
};
