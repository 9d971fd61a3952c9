import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../../common/contract';
import { startHostOnFake } from '../../support/electron-host-harness';
import { createFakeElectron, electronEvent, FakeFrame, type FakeElectronOptions } from '../../support/fake-electron';
import { memoryLog } from '../../support/memory-log';
import { keygen, sampleProfile, signedBytes } from '../profiles/fixtures';
import { startProfileServer } from '../profiles/profile-server';

const rendererDir = mkdtempSync(join(tmpdir(), 'scrivania-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Scrivania</title>');

type StartOptions = FakeElectronOptions & { argv?: string[]; trustedKeys?: string[]; trayShown?: boolean; quitDeadlineMs?: number };
const start = async (options: StartOptions = {}) => {
  const fake = createFakeElectron({ userData: mkdtempSync(join(tmpdir(), 'scrivania-user-data-')), ...options });
  const { log, records } = memoryLog();
  const host = await startHostOnFake(fake, {
    rendererDir,
    preloadPath: '/app/preload.cjs',
    log,
    trustedKeys: options.trustedKeys ?? [],
    argv: options.argv ?? [],
    ...(options.platform ? { platform: options.platform } : {}),
    ...(options.trayShown === undefined ? {} : { trayShown: async () => options.trayShown! }),
    ...(options.quitDeadlineMs ? { quitDeadlineMs: options.quitDeadlineMs } : {}),
  });
  return { ...fake, host, records };
};

describe('Electron host wiring', () => {
  it('quits at once when another instance holds the lock', async () => {
    const { host, calls, windows } = await start({ singleInstance: false });
    expect(host).toBeUndefined();
    expect(calls).toContain('quit');
    expect(windows).toHaveLength(0);
  });

  it('opens one hardened window on app://, never file://', async () => {
    const { windows, protocol } = await start();
    expect(windows).toHaveLength(1);
    const window = windows[0]!;
    expect(window.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
    expect(window.loadedUrl).toBe('app://scrivania/index.html');
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the renderer with the strict CSP and nothing outside it', async () => {
    const { protocol } = await start();
    const serve = protocol.handlers.get('app')!;
    const page = await serve(new Request('app://scrivania/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect((await serve(new Request('app://scrivania/../../etc/passwd'))).status).toBe(404);
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('denies navigation and new windows, sending web links to the OS browser only', async () => {
    const { windows, opened } = await start();
    const contents = windows[0]!.webContents;
    const navigate = (url: string) => {
      let prevented = false;
      contents.fire('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://intranet.comune.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://scrivania/index.html')).toBe(false);
    expect(navigate('mailto:helpdesk@comune.prato.example')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://meet.example/abc' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://intranet.comune.example/', 'mailto:helpdesk@comune.prato.example', 'https://meet.example/abc']);
  });

  it('grants only the microphone, speaker choice, notifications, clipboard, full screen with its keyboard lock and local network sockets, and only to our own origin', async () => {
    const { defaultSession } = await start();
    const ask = (permission: string, requestingUrl: string, mediaTypes?: string[]) =>
      new Promise<boolean>((resolve) =>
        defaultSession.permissionRequest?.({ getURL: () => requestingUrl }, permission, resolve, { requestingUrl, mediaTypes }),
      );
    expect(await ask('media', 'app://scrivania/index.html', ['audio'])).toBe(true);
    expect(await ask('speaker-selection', 'app://scrivania/index.html')).toBe(true);
    expect(await ask('media', 'app://scrivania/index.html', ['audio', 'video'])).toBe(false);
    expect(await ask('clipboard-sanitized-write', 'app://scrivania/index.html')).toBe(true);
    expect(await ask('clipboard-read', 'app://scrivania/index.html')).toBe(true);
    expect(await ask('fullscreen', 'app://scrivania/index.html')).toBe(true);
    expect(await ask('clipboard-read', 'https://evil.example/')).toBe(false);
    expect(await ask('notifications', 'app://scrivania/index.html')).toBe(true);
    expect(await ask('notifications', 'https://evil.example/')).toBe(false);
    expect(await ask('geolocation', 'app://scrivania/index.html')).toBe(false);
    expect(await ask('keyboardLock', 'app://scrivania/index.html')).toBe(true);
    expect(await ask('keyboardLock', 'https://evil.example/')).toBe(false);
    for (const permission of ['local-network-access', 'local-network', 'loopback-network']) {
      expect(await ask(permission, 'app://scrivania/index.html')).toBe(true);
      expect(await ask(permission, 'https://evil.example/')).toBe(false);
      expect(defaultSession.permissionCheck?.({}, permission, 'app://scrivania')).toBe(true);
    }
    expect(await ask('pointerLock', 'app://scrivania/index.html')).toBe(false);
    expect(await ask('media', 'https://evil.example/', ['audio'])).toBe(false);
    expect(defaultSession.permissionCheck?.({}, 'media', 'app://scrivania')).toBe(true);
    expect(defaultSession.permissionCheck?.({}, 'media', 'https://evil.example')).toBe(false);
  });

  it('answers IPC only from the top frame of its own window, parsing every payload', async () => {
    const { windows, ipcMain, records } = await start();
    const contents = windows[0]!.webContents;
    const send = (message: unknown, frame: FakeFrame = contents.mainFrame, sender = contents) =>
      ipcMain.fire(IPC_CHANNEL, { sender, senderFrame: frame }, message);

    send({ t: 'request', id: 1, key: 'app.info', payload: {} });
    send({ t: 'request', id: 2, key: 'app.info', payload: { extra: true } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Replies may come back in any order: each carries its request's id.
    const replies = contents.sent.map((sent) => sent.message as { id: number }).sort((a, b) => a.id - b.id);
    expect(replies).toMatchObject([
      { t: 'response', id: 1, ok: true, value: { host: 'electron' } },
      { t: 'response', id: 2, ok: false, error: { code: 'bad-request', path: 'extra' } },
    ]);

    send({ t: 'request', id: 3, key: 'app.info', payload: {} }, new FakeFrame('app://scrivania/index.html'));
    contents.mainFrame.url = 'https://evil.example/';
    send({ t: 'request', id: 4, key: 'app.info', payload: {} });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(contents.sent).toHaveLength(2);
    expect(records.filter((record) => record.message === 'ignored IPC from an untrusted sender')).toHaveLength(2);
  });

  it('colours the tray by the overall status and keeps running when the window closes', async () => {
    const { host, trays, windows } = await start({ locale: 'it-IT' });
    const tray = trays[0]!;
    expect(tray.tooltip).toBe('Scrivania — Non ancora configurato');
    const before = tray.images.length;
    host!.backend.app.report('vpn', { level: 'error', summary: { key: 'vpn.down' } });
    expect(tray.images.length).toBe(before + 1);
    expect(tray.tooltip).toBe('Scrivania — Non funziona');

    let prevented = false;
    windows[0]!.fire('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);

    // A ringing call asks for the window: it comes forward from the tray.
    windows[0]!.hide();
    await host!.backend.parts.requests['app.showWindow']({}, { host: 'electron', peer: 'window 1' });
    expect(windows[0]!.visible).toBe(true);
  });

  it('offers a profile link from the command line and from a second launch for review, and takes no OS links in a development run', async () => {
    const keys = keygen();
    const server = await startProfileServer();
    try {
      server.publish(signedBytes(sampleProfile(), keys));
      const link = `scrivania://profile?url=${encodeURIComponent(server.url)}`;
      const { host, protocolClients, os } = await start({
        argv: ['/opt/Scrivania/scrivania', link],
        trustedKeys: [keys.publicKeyPem],
        platform: 'win32',
      });
      expect(protocolClients).toEqual([]);
      const profiles = host!.backend.profiles;
      // Verified and offered in the window, never installed before the employee has seen who issued it.
      await expect.poll(() => profiles.state().offered?.source).toBe('link');
      expect(profiles.state().offered?.organization).toBe('Comune di Prato');
      expect(profiles.summary()).toBeNull();

      server.publish(signedBytes(sampleProfile({ serial: 2 }), keys));
      os.launchAgain(['/opt/Scrivania/scrivania', link]);
      await expect.poll(() => profiles.state().offered?.serial).toBe(2);
      expect(profiles.summary()).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('registers only its own scheme at start when installed on Windows; tel: and sip: only when the employee asks', async () => {
    const { host, protocolClients, defaultClients } = await start({ platform: 'win32', isPackaged: true });
    expect(protocolClients.map((client) => client.scheme)).toEqual(['scrivania']);
    const ask = host!.backend.parts.requests;
    const context = { host: 'electron' as const, peer: 'window 1' };
    expect(await ask['app.phoneLinks']({}, context)).toEqual({ availability: 'available', handledHere: false, canRelease: true });
    expect(await ask['app.usePhoneLinks']({ use: true }, context)).toEqual({
      availability: 'available',
      handledHere: true,
      canRelease: true,
    });
    expect(protocolClients.map((client) => client.scheme)).toEqual(['scrivania', 'tel', 'sip']);
    expect(await ask['app.usePhoneLinks']({ use: false }, context)).toMatchObject({ handledHere: false });
    expect([...defaultClients]).toEqual(['scrivania']);
  });

  it('says a development run cannot take phone links, and Linux cannot hand them back', async () => {
    const development = await start({ platform: 'win32' });
    const context = { host: 'electron' as const, peer: 'window 1' };
    expect(await development.host!.backend.parts.requests['app.usePhoneLinks']({ use: true }, context)).toEqual({
      availability: 'not-installed',
      handledHere: false,
      canRelease: true,
    });
    expect(development.protocolClients).toEqual([]);
    const linux = await start({ platform: 'linux', isPackaged: true, defaultProtocolClients: ['tel', 'sip'] });
    expect(await linux.host!.backend.parts.requests['app.usePhoneLinks']({ use: false }, context)).toEqual({
      availability: 'available',
      handledHere: true,
      canRelease: false,
    });
    expect(linux.protocolClients).toEqual([]);
  });

  it('names itself to Windows with the installers’ appId, so its notifications are its own', async () => {
    expect((await start({ platform: 'win32' })).app.appUserModelId).toBe('it.scrivania.app');
  });

  it('shows the backend’s notices in the app language and keeps each until it is clicked, so a click after a garbage collection still arrives', async () => {
    // macOS: Linux shows no buttons on a notification, so there the action could never be pressed.
    const { host, os, windows, shownNotifications } = await start({ locale: 'it-IT', platform: 'darwin' });
    let joined = 0;
    const notice = {
      title: { key: 'notices.meetingSoon', params: { title: 'Giunta' } },
      body: { key: 'notices.meetingStarts', params: { minutes: 5 } },
      action: { label: { key: 'notices.meetingJoin' }, run: async () => void (joined += 1) },
    };
    host!.backend.notices.emit('notice', notice);
    host!.backend.notices.emit('notice', notice);
    expect(shownNotifications[0]!.options).toEqual({
      title: 'Giunta',
      body: 'Inizia tra 5 min',
      actions: [{ type: 'button', text: 'Partecipa' }],
    });
    await os.collectGarbage();
    expect(os.clickNotification(0, 0)).toEqual({ delivered: true });
    expect(joined).toBe(1);
    windows[0]!.hide();
    expect(os.clickNotification(1)).toEqual({ delivered: true });
    expect(windows[0]!.visible).toBe(true);
  });

  it('lets a notification go once it was clicked', async () => {
    const { host, os, shownNotifications } = await start();
    host!.backend.notices.emit('notice', { title: { key: 'notices.meetingSoon', params: { title: 'Giunta' } } });
    expect(os.clickNotification(0)).toEqual({ delivered: true });
    await os.collectGarbage();
    expect(shownNotifications[0]!.notification.deref()).toBeUndefined();
  });

  it('on Windows, shows the window for a click on a notification that is no longer in memory', async () => {
    const { os, windows, shownNotifications } = await start({ platform: 'win32' });
    // As after a restart: the Action Center still holds a toast that no Notification object stands for.
    shownNotifications.push({ options: { title: 'Giunta', body: '', actions: [] }, notification: new WeakRef({}) as never });
    await os.collectGarbage();
    windows[0]!.hide();
    expect(os.clickNotification(0)).toEqual({ delivered: false });
    expect(windows[0]!.visible).toBe(true);
  });

  it('comes back from the macOS Dock after its window was closed', async () => {
    const { windows, os } = await start({ platform: 'darwin' });
    windows[0]!.show();
    const close = electronEvent();
    windows[0]!.fire('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(windows[0]!.visible).toBe(false);
    os.activate();
    expect(windows[0]!.visible).toBe(true);
  });

  it('keeps a normal window where the desktop shows no tray icon: closing it quits', async () => {
    const { windows, trays, app, lifecycle } = await start({ platform: 'linux', trayShown: false });
    expect(trays).toHaveLength(0);
    const close = electronEvent();
    windows[0]!.fire('close', close);
    expect(close.defaultPrevented).toBe(false);
    app.quit();
    await expect.poll(() => lifecycle.quitted).toBe(true);
  });

  it('quits after the services stopped, closing the window for real', async () => {
    const { app, windows, lifecycle, trays } = await start();
    app.quit();
    await expect.poll(() => lifecycle.quitted).toBe(true);
    expect(windows[0]!.destroyed).toBe(true);
    expect(trays[0]!.destroyed).toBe(true);
    expect(lifecycle.exitCode).toBeUndefined();
  });

  it('ends at once when a service does not stop within the quit deadline', async () => {
    const { host, app, lifecycle, records } = await start({ quitDeadlineMs: 200 });
    const dispose = host!.backend.dispose;
    host!.backend.dispose = async () => {
      await dispose();
      await new Promise(() => undefined);
    };
    const started = Date.now();
    app.quit();
    await expect.poll(() => lifecycle.exitCode).toBe(137);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(lifecycle.quitted).toBe(false);
    expect(records.some((record) => record.message === 'a keychain call did not end: Scrivania ends at once')).toBe(true);
  });

  it('hands a tel: link from a second launch to the softphone', async () => {
    const keys = keygen();
    const { host, os, records } = await start({ trustedKeys: [keys.publicKeyPem] });
    os.launchAgain(['/opt/Scrivania/scrivania', 'tel:100']);
    await expect
      .poll(() => records.some((record) => record.message === 'a request from the host failed' && record['key'] === 'phone.dial'))
      .toBe(true);

    await host!.backend.profiles.importBytes(signedBytes(sampleProfile(), keys));
    // The phone is set up only once the extension the profile asks for is typed.
    await host!.backend.parts.requests['profiles.setUserField'](
      { key: 'extension', value: '2041' },
      { host: 'electron', peer: 'window 1' },
    );
    const dialled: unknown[] = [];
    host!.backend.parts.events.listen((key, payload) => {
      if (key === 'phone.dialRequested') dialled.push(payload);
    });
    os.launchAgain(['/opt/Scrivania/scrivania', 'tel:+39%200574%201835000']);
    await expect.poll(() => dialled).toEqual([{ target: 'tel:+39 0574 1835000' }]);
  });

  it('offers the next meeting with a link as "Join next" in the tray menu', async () => {
    const { host, trays, records } = await start();
    const tray = trays[0]!;
    const labels = () => (tray.menu as { template: { label?: string; click?: () => void }[] }).template;
    expect(labels().map((item) => item.label)).toEqual(['Show Scrivania', undefined, 'Quit']);
    const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const base = { calendarId: 'work', allDay: false };
    host!.backend.parts.events.emit('meetings.agenda', {
      configured: true,
      timeZone: 'Europe/Rome',
      from: soon(-600),
      to: soon(600),
      generatedAt: soon(0),
      occurrences: [
        { ...base, id: 'over', title: 'Finita', start: soon(-120), end: soon(-60), joinUrl: 'https://meet.jit.si/Finita' },
        { ...base, id: 'giunta', title: 'Giunta', start: soon(10), end: soon(70), joinUrl: 'https://meet.jit.si/Giunta' },
      ],
      calendars: [],
      preferences: { notifyMinutesBefore: 5, hideDeclined: true, hideTentative: false, hideAllDay: false, openIn: {} },
      can: { addCalendars: true, changePreferences: true, joinByPhone: false },
    } as never);
    expect(labels()[0]?.label).toBe('Join next: Giunta');
    labels()[0]?.click?.();
    await expect
      .poll(() => records.some((record) => record.message === 'a request from the host failed' && record['key'] === 'meetings.join'))
      .toBe(true);
  });
  it('offers "Restart to update" in the tray once an update is downloaded, which asks main to install it', async () => {
    const { host, trays, records } = await start();
    const tray = trays[0]!;
    const labels = () => (tray.menu as { template: { label?: string; click?: () => void }[] }).template;
    const state = {
      currentVersion: '0.1.0',
      channel: 'stable' as const,
      canInstall: true,
      checkEveryHours: 6,
      available: { version: '0.2.0' },
    };
    host!.backend.parts.events.emit('updates.state', { ...state, phase: 'downloaded' });
    const restart = labels().find((item) => item.label === 'Restart to update to 0.2.0');
    expect(restart).toBeDefined();
    restart?.click?.();
    // The fake host's engine cannot install, so main refuses; what matters here is that the tray asked it.
    await expect
      .poll(() => records.some((record) => record.message === 'a request from the host failed' && record['key'] === 'updates.install'))
      .toBe(true);
    host!.backend.parts.events.emit('updates.state', { ...state, phase: 'installing' });
    expect(labels().map((item) => item.label)).not.toContain('Restart to update to 0.2.0');
  });
});
