import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linuxTrayHost } from '../../main/host/electron/status-notifier';
import { onPath, skipReasonOutsideCi, stopChild } from './peers';
import { missingPeer, startSessionBus, type LabSessionBus } from './secret-service';

const missing =
  process.platform !== 'linux'
    ? 'the tray lab runs on Linux only'
    : (missingPeer('secret-service') ??
      skipReasonOutsideCi(
        onPath('status-notifier-watcher')
          ? undefined
          : 'the tray lab needs status-notifier-watcher: install the Debian package haskell-status-notifier-item-utils (bash test/lab/system-packages.sh)',
      ));

/** Whether the Electron host keeps its tray (and hides the window on close) against a real session bus. */
describe.skipIf(missing)('the Linux tray host on a real session bus', () => {
  let bus: LabSessionBus;
  let watcher: ChildProcess | undefined;
  let dir: string;
  let silent: Server;
  beforeAll(async () => {
    bus = await startSessionBus();
    dir = await mkdtemp(join(tmpdir(), 'scrivania-tray-'));
    silent = createServer((socket) => socket.on('data', () => undefined));
    silent.listen(join(dir, 'silent-bus'));
    await once(silent, 'listening');
  });
  afterAll(async () => {
    await stopChild(watcher);
    await bus?.stop();
    silent?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says the tray would not show on a desktop without a StatusNotifier watcher (stock GNOME)', async () => {
    expect(await linuxTrayHost(bus.env)).toEqual({ shown: false, reason: 'no org.kde.StatusNotifierWatcher on the session bus' });
  });

  it('keeps the tray once a real StatusNotifierWatcher owns its name', async () => {
    watcher = spawn('status-notifier-watcher', [], { env: { ...process.env, ...bus.env }, stdio: 'ignore' });
    await expect.poll(async () => (await linuxTrayHost(bus.env)).shown, { timeout: 5_000 }).toBe(true);
  });

  it('assumes the tray shows when the bus does not answer, within its timeout', async () => {
    const started = Date.now();
    expect(await linuxTrayHost({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'silent-bus')}` }, 300)).toEqual({ shown: true });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await linuxTrayHost({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-such-bus')}` }, 300)).toEqual({ shown: true });
  });
});
