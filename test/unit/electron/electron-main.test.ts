import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../../common/contract';
import { createFakeElectron, launchEntryModule, type FakeElectron, type FakeElectronOptions } from '../../support/fake-electron';
import { keygen, sampleProfile, signedBytes } from '../profiles/fixtures';
import { startProfileServer, type ProfileServer } from '../profiles/profile-server';

/**
 * The built entry module (`npm run build` writes it; the release workflow packages exactly this file) against the
 * fake's Electron lifecycle: `ready` comes on the macrotask after the module has evaluated, as in Electron.
 * ELECTRON_MAIN_BUNDLE points it at another build of the entry module.
 */
const bundle = resolve(process.env['ELECTRON_MAIN_BUNDLE'] ?? 'dist/main/electron-main.js');

const electronModule = vi.hoisted(() => ({ current: undefined as unknown as Record<string, unknown> }));
vi.mock('electron', () => {
  const keys = ['app', 'BrowserWindow', 'ipcMain', 'Menu', 'nativeImage', 'Notification', 'protocol', 'session', 'shell', 'Tray'];
  return Object.defineProperties(
    {},
    Object.fromEntries(keys.map((key) => [key, { enumerable: true, get: () => electronModule.current[key] }])),
  );
});

const keys = keygen();
const trustFile = join(mkdtempSync(join(tmpdir(), 'scrivania-trust-')), 'profile-signing.pub.pem');
writeFileSync(trustFile, keys.publicKeyPem);
const savedArgv = process.argv;
const savedEnv = { ...process.env };
let server: ProfileServer;
let launched: FakeElectron[] = [];

beforeAll(async () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
  // The app logs to its file and to the terminal; its file is what a failing test shows, so the terminal copy goes.
  const write = process.stderr.write.bind(process.stderr) as (chunk: unknown) => boolean;
  const quiet = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation(((chunk: unknown) => String(chunk).startsWith('{"level"') || write(chunk)) as never);
  server = await startProfileServer();
  server.publish(signedBytes(sampleProfile(), keys));
  return async () => {
    quiet.mockRestore();
    await server.close();
  };
});

afterEach(async () => {
  for (const fake of launched) if (fake.lifecycle.ready && !fake.lifecycle.quitted) fake.app.quit();
  await Promise.all(
    launched.map((fake) =>
      vi.waitFor(() => expect(fake.lifecycle.quitted || fake.lifecycle.exitCode !== undefined || !fake.lifecycle.ready).toBe(true)),
    ),
  );
  launched = [];
  process.argv = savedArgv;
  process.env = { ...savedEnv };
});

interface Launch extends FakeElectronOptions {
  args?: string[];
  /** What the OS does between the module's evaluation and `ready`. */
  beforeReady?(fake: FakeElectron): void;
}

/** Starts the entry module as Electron does, in a fresh module instance; the data and log folders are new. */
const launch = async (options: Launch = {}) => {
  const userData = mkdtempSync(join(tmpdir(), 'scrivania-electron-data-'));
  const logs = mkdtempSync(join(tmpdir(), 'scrivania-electron-logs-'));
  const fake = createFakeElectron({ logs, ...options });
  launched.push(fake);
  electronModule.current = fake.electron as unknown as Record<string, unknown>;
  process.argv = ['/opt/Scrivania/scrivania', bundle, ...(options.args ?? [])];
  process.env = { ...savedEnv, SCRIVANIA_DATA_DIR: userData, SCRIVANIA_TRUST: trustFile };
  vi.resetModules();
  await launchEntryModule(fake, async () => {
    await import(pathToFileURL(bundle).href);
    options.beforeReady?.(fake);
  });
  const log = () => (existsSync(join(logs, 'scrivania.log')) ? readFileSync(join(logs, 'scrivania.log'), 'utf8') : '');
  return { fake, userData, logs, log };
};

/** Waits until the app opened its window or gave up; says why when it gave up. */
const started = async ({ fake, log }: Awaited<ReturnType<typeof launch>>) => {
  await vi.waitFor(() => expect(fake.windows.length > 0 || fake.lifecycle.exitCode !== undefined).toBe(true), { timeout: 5_000 });
  expect(fake.lifecycle.exitCode, `the app exited at launch; its log says:\n${log()}`).toBeUndefined();
  return fake.windows[0]!;
};

/** The window's renderer asking main, over the real IPC transport. */
const ask = async (fake: FakeElectron, key: string, payload: unknown = {}) => {
  const contents = fake.windows[0]!.webContents;
  const id = contents.sent.length + 1000;
  fake.ipcMain.fire(IPC_CHANNEL, { sender: contents, senderFrame: contents.mainFrame }, { t: 'request', id, key, payload });
  return vi.waitFor(() => {
    const reply = contents.sent
      .map((sent) => sent.message as { t: string; id: number })
      .find((message) => message.t === 'response' && message.id === id);
    if (!reply) throw new Error(`no reply to ${key}`);
    return reply as unknown as { ok: boolean; value?: Record<string, unknown> };
  });
};

/** The profile a link offered for review, as the window sees it in `profiles.changed`. */
const offeredProfile = async (fake: FakeElectron) => {
  const contents = fake.windows[0]!.webContents;
  fake.ipcMain.fire(IPC_CHANNEL, { sender: contents, senderFrame: contents.mainFrame }, { t: 'subscribe', key: 'profiles.changed' });
  return vi.waitFor(() => {
    const offered = contents.sent
      .map((sent) => sent.message as { t: string; key?: string; payload?: { offered?: Record<string, unknown> | null } })
      .filter((message) => message.t === 'event' && message.key === 'profiles.changed')
      .map((message) => message.payload?.offered)
      .find((candidate) => candidate);
    if (!offered) throw new Error('no profile offered');
    return offered;
  });
};

const profileLink = () => `scrivania://profile?url=${encodeURIComponent(server.url)}`;

describe('the built Electron entry module', () => {
  it('registers what Electron needs before ready while it evaluates, then opens its window on app://', async () => {
    const app = await launch();
    const window = await started(app);
    const { fake } = app;
    expect(window.loadedUrl).toBe('app://scrivania/index.html');
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.calls.slice(0, 2)).toEqual(['requestSingleInstanceLock', 'registerSchemesAsPrivileged']);
    expect(fake.problems).toEqual([]);
    expect(await ask(fake, 'app.info')).toMatchObject({ ok: true, value: { host: 'electron' } });
    expect(app.log()).toContain('electron host started');
  });

  it('follows a macOS link that started the app, which arrives before ready', async () => {
    const app = await launch({ beforeReady: (fake) => expect(fake.os.openUrl(profileLink()).defaultPrevented).toBe(true) });
    await started(app);
    // Offered for review, not installed: the employee sees who issued it first.
    expect(await offeredProfile(app.fake)).toMatchObject({ source: 'link', organization: 'Comune di Prato' });
    expect(await ask(app.fake, 'profiles.current')).toMatchObject({ ok: true, value: null });
  });

  it('follows a link from a second launch while it is still starting', async () => {
    const app = await launch({ beforeReady: (fake) => fake.os.launchAgain(['/opt/Scrivania/scrivania', profileLink()]) });
    await started(app);
    expect(await offeredProfile(app.fake)).toMatchObject({ source: 'link' });
  });

  it('starts with a malformed phone link on its command line', async () => {
    const app = await launch({ args: ['tel:100%'] });
    await started(app);
    expect(app.fake.lifecycle.exitCode).toBeUndefined();
  });

  it('quits at once as a second instance, without touching the running one’s log', async () => {
    const app = await launch({ singleInstance: false, args: [profileLink()] });
    expect(app.fake.calls).toContain('quit');
    expect(app.fake.windows).toHaveLength(0);
    expect(existsSync(join(app.logs, 'scrivania.log'))).toBe(false);
  });

  it('quits within a few seconds of being asked', async () => {
    const app = await launch();
    await started(app);
    const asked = Date.now();
    app.fake.app.quit();
    await vi.waitFor(() => expect(app.fake.lifecycle.quitted).toBe(true), { timeout: 5_000 });
    expect(Date.now() - asked).toBeLessThan(4_000);
  });
});
