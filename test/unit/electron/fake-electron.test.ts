import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createFakeElectron, launchEntryModule, type electronEvent } from '../../support/fake-electron';

/** The fake must fail where Electron fails, or the host's tests prove nothing. */
describe('the fake Electron lifecycle', () => {
  it('is ready only after the entry module has evaluated, so what an entry registers after an await comes too late', async () => {
    const fake = createFakeElectron();
    let registration: unknown;
    await launchEntryModule(fake, async () => {
      // The pattern that made the app exit at every launch: file reads first, then the scheme.
      void (async () => {
        await readFile(import.meta.filename);
        try {
          fake.protocol.registerSchemesAsPrivileged([{ scheme: 'app' }]);
        } catch (error) {
          registration = error;
        }
      })();
    });
    await expect.poll(() => registration).toBeInstanceOf(Error);
    expect((registration as Error).message).toBe('protocol.registerSchemesAsPrivileged should be called before app is ready');
  });

  it('waits for a top-level await of the entry module, and never gets ready when that await is whenReady', async () => {
    const awaited = createFakeElectron();
    await launchEntryModule(awaited, async () => {
      await readFile(import.meta.filename);
      awaited.protocol.registerSchemesAsPrivileged([{ scheme: 'app' }]);
    });
    expect(awaited.lifecycle.ready).toBe(true);

    const deadlocked = createFakeElectron();
    await expect(launchEntryModule(deadlocked, () => deadlocked.app.whenReady(), 300)).rejects.toThrow(/would never emit ready/);
    expect(deadlocked.lifecycle.ready).toBe(false);
  });

  it('refuses windows, trays, notifications and the session before ready', () => {
    const { electron } = createFakeElectron();
    expect(() => new electron.BrowserWindow({})).toThrow('Cannot create BrowserWindow before app is ready');
    expect(() => new electron.Tray({} as never)).toThrow('Cannot create Tray before app is ready');
    expect(() => new electron.Notification({})).toThrow('Cannot create Notification before app is ready');
    expect(() => electron.session.defaultSession).toThrow('Session can only be received when app is ready');
  });

  it('loses an event nobody listens for, and a userData change after the lock is a problem', () => {
    const fake = createFakeElectron({ userData: '/tmp/first' });
    expect(fake.os.openUrl('scrivania://profile?url=https://a.example/p.json').defaultPrevented).toBe(false);
    fake.app.requestSingleInstanceLock();
    fake.app.setPath('userData', '/tmp/second');
    expect(fake.problems).toEqual(['userData moved to /tmp/second after the single-instance lock was taken in /tmp/first']);
  });

  it('cancels a quit when a window prevents its close, and quits when none does', () => {
    const fake = createFakeElectron();
    fake.os.becomeReady();
    const window = new fake.electron.BrowserWindow({});
    const keepOpen = (event: ReturnType<typeof electronEvent>) => event.preventDefault();
    window.on('close', keepOpen);
    fake.app.quit();
    expect(fake.lifecycle.quitted).toBe(false);
    window.off('close', keepOpen);
    fake.app.quit();
    expect(fake.lifecycle.quitted).toBe(true);
    expect(window.isDestroyed()).toBe(true);
  });

  it('collects a notification nobody keeps, and its click goes nowhere', async () => {
    const fake = createFakeElectron({ platform: 'linux' });
    fake.os.becomeReady();
    let clicks = 0;
    (() => {
      const notification = new fake.electron.Notification({ title: 'Giunta' });
      notification.on('click', () => (clicks += 1));
      notification.show();
    })();
    await fake.os.collectGarbage();
    expect(fake.os.clickNotification(0)).toEqual({ delivered: false });
    expect(clicks).toBe(0);
    expect('handleActivation' in fake.electron.Notification).toBe(false);
  });
});

describe('the fake Electron’s phone-related APIs, as documented', () => {
  it('refuses global shortcuts before ready, and one another program or this app already holds', () => {
    const fake = createFakeElectron({ takenShortcuts: ['CommandOrControl+Alt+Shift+A'] });
    const { globalShortcut } = fake.electron;
    expect(() => globalShortcut.register('Alt+X', () => undefined)).toThrow('globalShortcut cannot be used before the app is ready');
    expect(() => globalShortcut.unregisterAll()).toThrow('globalShortcut cannot be used before the app is ready');
    fake.os.becomeReady();
    expect(globalShortcut.register('CommandOrControl+Alt+Shift+A', () => undefined)).toBe(false);
    expect(globalShortcut.register('Alt+X', () => undefined)).toBe(true);
    expect(globalShortcut.register('Alt+X', () => undefined)).toBe(false);
    expect(fake.os.pressShortcut('CommandOrControl+Alt+Shift+A')).toEqual({ delivered: false });
  });

  it('has a badge count on macOS and Linux only, shown on Linux only by a Unity launcher; an overlay only on Windows', () => {
    const windows = createFakeElectron({ platform: 'win32' });
    expect('setBadgeCount' in windows.electron.app).toBe(false);
    const linux = createFakeElectron({ platform: 'linux' });
    expect(linux.electron.app.setBadgeCount(2)).toBe(false);
    const mac = createFakeElectron({ platform: 'darwin' });
    expect(mac.electron.app.setBadgeCount(2)).toBe(true);
    expect(mac.app.badgeShown).toBe(2);
    mac.os.becomeReady();
    const window = new mac.electron.BrowserWindow({});
    window.setOverlayIcon(null, 'On a call');
    expect(mac.windows[0]!.overlay).toBeUndefined();
  });

  it('has no notification buttons to press on Linux', () => {
    const fake = createFakeElectron({ platform: 'linux' });
    fake.os.becomeReady();
    new fake.electron.Notification({ title: 'Mario Rossi', actions: [{ type: 'button', text: 'Answer' }] }).show();
    expect(() => fake.os.clickNotification(0, 0)).toThrow('linux shows no buttons on a notification');
  });
});
