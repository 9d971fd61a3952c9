import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../../common/contract';
import { startElectronHost } from '../../../main/host/electron/electron-host';
import { createFakeElectron, FakeFrame } from '../../support/fake-electron';
import { memoryLog } from '../../support/memory-log';
import { keygen, sampleProfile, signedBytes } from '../profiles/fixtures';
import { startProfileServer } from '../profiles/profile-server';

const rendererDir = mkdtempSync(join(tmpdir(), 'scrivania-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Scrivania</title>');

const start = async (options: Parameters<typeof createFakeElectron>[0] & { argv?: string[]; trustedKeys?: string[] } = {}) => {
  const fake = createFakeElectron({ userData: mkdtempSync(join(tmpdir(), 'scrivania-user-data-')), ...options });
  const { log, records } = memoryLog();
  const host = await startElectronHost(fake.electron, { rendererDir, preloadPath: '/app/preload.cjs', log, trustedKeys: options.trustedKeys ?? [], argv: options.argv ?? [] });
  return { ...fake, host, records };
};

describe('Electron host wiring', () => {
  it('quits at once when another instance holds the lock', async () => {
    const { host, app, windows } = await start({ singleInstance: false });
    expect(host).toBeUndefined();
    expect(app.quitCalled).toBe(true);
    expect(windows).toHaveLength(0);
  });

  it('opens one hardened window on app://, never file://', async () => {
    const { windows, protocol, calls } = await start();
    expect(windows).toHaveLength(1);
    const window = windows[0]!;
    expect(window.options['webPreferences']).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, preload: '/app/preload.cjs' });
    expect(window.loadedUrl).toBe('app://scrivania/index.html');
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('whenReady'));
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

  it('grants only the microphone, speaker choice, notifications, clipboard and full screen, and only to our own origin', async () => {
    const { defaultSession } = await start();
    const ask = (permission: string, requestingUrl: string, mediaTypes?: string[]) =>
      new Promise<boolean>((resolve) => defaultSession.permissionRequest?.({ getURL: () => requestingUrl }, permission, resolve, { requestingUrl, mediaTypes }));
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

  it('registers scrivania:// and imports a profile link from the command line and from a second launch', async () => {
    const keys = keygen();
    const server = await startProfileServer();
    try {
      server.publish(signedBytes(sampleProfile(), keys));
      const link = `scrivania://profile?url=${encodeURIComponent(server.url)}`;
      const { host, protocolClients, app } = await start({ argv: ['/opt/Scrivania/scrivania', link], trustedKeys: [keys.publicKeyPem] });
      expect(protocolClients).toEqual(['scrivania', 'tel', 'sip']);
      const profiles = host!.backend.profiles;
      await expect.poll(() => profiles.summary()?.source).toBe('link');
      expect(profiles.summary()?.organization).toBe('Comune di Prato');

      server.publish(signedBytes(sampleProfile({ serial: 2 }), keys));
      app.fire('second-instance', {}, ['/opt/Scrivania/scrivania', link]);
      await expect.poll(() => profiles.summary()?.serial).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('shows the backend’s notices as OS notifications in the app language, with their action', async () => {
    const { host, notifications, windows } = await start({ locale: 'it-IT' });
    let joined = 0;
    host!.backend.notices.emit('notice', {
      title: { key: 'notices.meetingSoon', params: { title: 'Giunta' } },
      body: { key: 'notices.meetingStarts', params: { minutes: 5 } },
      action: { label: { key: 'notices.meetingJoin' }, run: async () => (joined += 1) },
    });
    const shown = notifications[0]!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toEqual({ title: 'Giunta', body: 'Inizia tra 5 min', actions: [{ type: 'button', text: 'Partecipa' }] });
    shown.fire('action');
    expect(joined).toBe(1);
    windows[0]!.hide();
    shown.fire('click');
    expect(windows[0]!.visible).toBe(true);
  });

  it('hands a tel: link from a second launch to the softphone', async () => {
    const keys = keygen();
    const { host, app, records } = await start({ trustedKeys: [keys.publicKeyPem] });
    app.fire('second-instance', {}, ['/opt/Scrivania/scrivania', 'tel:100']);
    await expect.poll(() => records.some((record) => record.message === 'a request from the host failed' && record['key'] === 'phone.dial')).toBe(true);

    await host!.backend.profiles.importBytes(signedBytes(sampleProfile(), keys));
    const dialled: unknown[] = [];
    host!.backend.parts.events.listen((key, payload) => {
      if (key === 'phone.dialRequested') dialled.push(payload);
    });
    app.fire('second-instance', {}, ['/opt/Scrivania/scrivania', 'tel:+39%200574%201835000']);
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
    await expect.poll(() => records.some((record) => record.message === 'a request from the host failed' && record['key'] === 'meetings.join')).toBe(true);
  });
  it('offers "Restart to update" in the tray once an update is downloaded, which asks main to install it', async () => {
    const { host, trays, records } = await start();
    const tray = trays[0]!;
    const labels = () => (tray.menu as { template: { label?: string; click?: () => void }[] }).template;
    const state = { currentVersion: '0.1.0', channel: 'stable' as const, canInstall: true, checkEveryHours: 6, available: { version: '0.2.0' } };
    host!.backend.parts.events.emit('updates.state', { ...state, phase: 'downloaded' });
    const restart = labels().find((item) => item.label === 'Restart to update to 0.2.0');
    expect(restart).toBeDefined();
    restart?.click?.();
    // The fake host's engine cannot install, so main refuses; what matters here is that the tray asked it.
    await expect.poll(() => records.some((record) => record.message === 'a request from the host failed' && record['key'] === 'updates.install')).toBe(true);
    host!.backend.parts.events.emit('updates.state', { ...state, phase: 'installing' });
    expect(labels().map((item) => item.label)).not.toContain('Restart to update to 0.2.0');
  });
});
