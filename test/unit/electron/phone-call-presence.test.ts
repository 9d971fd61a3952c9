import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globalCallShortcuts, type CallCommand, type LiveCall } from '../../../common/contract/phone';
import { startHostOnFake } from '../../support/electron-host-harness';
import { createFakeElectron, type FakeElectronOptions } from '../../support/fake-electron';
import { memoryLog } from '../../support/memory-log';

const rendererDir = mkdtempSync(join(tmpdir(), 'scrivania-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Scrivania</title>');

const ringing: LiveCall = {
  id: 'call-1',
  direction: 'incoming',
  state: 'ringing',
  number: '3001',
  name: 'Mario Rossi',
  divertedFrom: 'Polizia Municipale',
};
const answered: LiveCall = { ...ringing, state: 'active', answeredAt: '2026-06-01T09:00:05Z' };

const start = async (options: FakeElectronOptions = {}) => {
  const fake = createFakeElectron({ userData: mkdtempSync(join(tmpdir(), 'scrivania-user-data-')), ...options });
  const { log, records } = memoryLog();
  const host = (await startHostOnFake(fake, { rendererDir, preloadPath: '/app/preload.cjs', log, trustedKeys: [], ...options }))!;
  const context = { host: 'electron' as const, peer: 'window 1' };
  const commands: CallCommand[] = [];
  host.backend.parts.events.listen((key, payload) => {
    if (key === 'phone.commandRequested') commands.push(payload as CallCommand);
  });
  /** What the renderer's phone reports, through the same request its window sends. */
  const report = (...calls: LiveCall[]) => host.backend.parts.requests['phone.reportCalls']({ calls }, context);
  const tray = fake.trays[0]!;
  const menu = () => (tray.menu as { template: { label?: string; click?: () => void }[] }).template;
  return { ...fake, host, records, commands, report, tray, menu, window: fake.windows[0]! };
};

describe('the call outside the window (Electron host)', () => {
  it('on macOS: a notification with Answer and Decline, the Dock badge, and the tray menu that answers and hangs up', async () => {
    const { report, shownNotifications, os, commands, app, tray, menu, window } = await start({ platform: 'darwin', locale: 'it-IT' });
    await report(ringing);
    expect(shownNotifications).toHaveLength(1);
    expect(shownNotifications[0]!.options).toMatchObject({
      title: 'Mario Rossi (3001) sta chiamando',
      body: 'Per Polizia Municipale',
      actions: [
        { type: 'button', text: 'Rispondi' },
        { type: 'button', text: 'Rifiuta' },
      ],
    });
    expect(app.badgeShown).toBe(1);
    expect(tray.tooltip).toBe('Scrivania — Mario Rossi (3001) sta chiamando');
    expect(menu()[0]?.label).toBe('Rispondi a Mario Rossi (3001)');
    expect(menu()[1]?.label).toBe('Rifiuta la chiamata di Mario Rossi (3001)');

    // Kept while it rings: a garbage collection does not lose the button's listener.
    await os.collectGarbage();
    window.hide();
    expect(os.clickNotification(0, 0)).toEqual({ delivered: true });
    await expect.poll(() => commands).toEqual([{ action: 'answer', callId: 'call-1' }]);
    expect(window.visible).toBe(true);

    await report(answered);
    expect(shownNotifications[0]!.notification.deref()?.closed).toBe(true);
    expect(shownNotifications).toHaveLength(1);
    expect(tray.tooltip).toBe('Scrivania — In conversazione con Mario Rossi (3001)');
    expect(menu()[0]?.label).toBe('Riaggancia la chiamata con Mario Rossi (3001)');
    menu()[0]?.click?.();
    await expect.poll(() => commands.at(-1)).toEqual({ action: 'hangUp', callId: 'call-1' });

    await report();
    expect(app.badgeShown).toBeUndefined();
    expect(tray.tooltip).toBe('Scrivania — Non ancora configurato');
    expect(menu()[0]?.label).toBe('Mostra Scrivania');
  });

  it('on Windows: the taskbar overlay says "On a call" and goes with the call; Decline from the toast', async () => {
    const { report, window, os, commands, shownNotifications } = await start({ platform: 'win32' });
    await report(ringing);
    expect(window.overlay?.description).toBe('On a call');
    expect(shownNotifications[0]!.options.actions.map((action) => action.text)).toEqual(['Answer', 'Decline']);
    os.clickNotification(0, 1);
    await expect.poll(() => commands).toEqual([{ action: 'decline', callId: 'call-1' }]);
    await report();
    expect(window.overlay).toBeUndefined();
  });

  it('on Linux: no buttons to press, a click shows the window; the badge only where the launcher has one', async () => {
    const plain = await start({ platform: 'linux' });
    await plain.report(ringing);
    expect(plain.shownNotifications[0]!.options.actions).toEqual([]);
    expect(() => plain.os.clickNotification(0, 0)).toThrow('linux shows no buttons on a notification');
    plain.window.hide();
    plain.os.clickNotification(0);
    expect(plain.window.visible).toBe(true);
    expect(plain.app.badgeShown).toBeUndefined();
    await plain.report(answered);
    expect(plain.records.filter((record) => record.message.includes('shows no badge'))).toHaveLength(1);

    const unity = await start({ platform: 'linux', unityLauncher: true });
    await unity.report(answered);
    expect(unity.app.badgeShown).toBe(1);
  });

  it('answers and hangs up with global shortcuts, held only while there is a call, and none once turned off in Settings', async () => {
    const { report, os, commands, shortcuts, host, records } = await start({
      platform: 'linux',
      takenShortcuts: [],
    });
    const { answer, hangUp } = globalCallShortcuts;
    expect([...shortcuts.keys()]).toEqual([]);
    await report(ringing);
    expect([...shortcuts.keys()].sort()).toEqual([answer, hangUp].sort());
    expect(os.pressShortcut(answer)).toEqual({ delivered: true });
    await expect.poll(() => commands).toEqual([{ action: 'answer', callId: 'call-1' }]);
    await report(answered);
    expect([...shortcuts.keys()]).toEqual([hangUp]);
    os.pressShortcut(hangUp);
    await expect.poll(() => commands.at(-1)).toEqual({ action: 'hangUp', callId: 'call-1' });

    await host.backend.parts.requests['phone.setPreferences']({ globalShortcuts: false }, { host: 'electron', peer: 'window 1' });
    expect([...shortcuts.keys()]).toEqual([]);
    expect(os.pressShortcut(hangUp)).toEqual({ delivered: false });
    await host.backend.parts.requests['phone.setPreferences']({ globalShortcuts: true }, { host: 'electron', peer: 'window 1' });
    expect([...shortcuts.keys()]).toEqual([hangUp]);
    await report();
    expect([...shortcuts.keys()]).toEqual([]);
    expect(records.some((record) => record.message.includes('taken'))).toBe(false);
  });

  it('says once that another program holds a shortcut, and still takes the other one', async () => {
    const { report, shortcuts, records } = await start({ platform: 'win32', takenShortcuts: [globalCallShortcuts.answer] });
    await report(ringing);
    await report({ ...ringing, name: 'Mario Rossi, Comando' });
    expect([...shortcuts.keys()]).toEqual([globalCallShortcuts.hangUp]);
    expect(records.filter((record) => record.message === 'a global phone shortcut is taken by another program')).toHaveLength(1);
  });

  it('lets its shortcuts go and closes the ringing notification when quitting', async () => {
    const { report, shortcuts, app, shownNotifications, lifecycle } = await start({ platform: 'darwin' });
    await report(ringing);
    app.quit();
    await expect.poll(() => lifecycle.quitted).toBe(true);
    expect([...shortcuts.keys()]).toEqual([]);
    expect(shownNotifications[0]!.notification.deref()?.closed).toBe(true);
  });
});
