import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor';
import { NsisUpdater, type AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ElectronUpdaterEngine } from '../../../main/host/electron/electron-updater-engine';
import { channelFileName } from '../../../main/services/updates/update-metadata';
import { memoryLog } from '../../support/memory-log';
import { makeRelease, publishRelease, startUpdateServer, type UpdateServer } from '../../lab/updates/update-server';
import { failureOf } from './update-engines';

const nodeHttp = new NodeHttpExecutor();

/** electron-updater's own executor with Node's http in place of Electron's net module, the one part Node lacks. */
class NodeNetHttpExecutor extends ElectronHttpExecutor {
  constructor() {
    super(() => undefined);
  }
  override createRequest(
    options: Parameters<NodeHttpExecutor['createRequest']>[0],
    callback: (response: unknown) => void,
  ): ReturnType<ElectronHttpExecutor['createRequest']> {
    return nodeHttp.createRequest(options, callback) as never;
  }
}

/**
 * The real electron-updater, run under Node: its own AppAdapter seam stands for the packaged app, and
 * Node's http for Electron's net module. Everything else is electron-updater's code.
 */
const realUpdater = (version: string, feedUrl: string): AppUpdater => {
  const root = mkdtempSync(join(tmpdir(), 'scrivania-electron-updater-'));
  // What electron-builder writes into the app's resources from the publish section of electron-builder.yml.
  writeFileSync(join(root, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: scrivania-updater\n`);
  const app: AppAdapter = {
    version,
    name: 'Scrivania',
    isPackaged: true,
    appUpdateConfigPath: join(root, 'app-update.yml'),
    userDataPath: join(root, 'user-data'),
    baseCachePath: join(root, 'cache'),
    whenReady: async () => undefined,
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new NsisUpdater(null, app);
  (updater as unknown as { httpExecutor: ElectronHttpExecutor }).httpExecutor = new NodeNetHttpExecutor();
  return updater;
};

let server: UpdateServer;
beforeEach(async () => {
  server = await startUpdateServer();
});
afterEach(() => server.close());

const engineFor = (version = '0.1.0') => {
  const { log, records } = memoryLog();
  const updater = realUpdater(version, server.url);
  return { engine: new ElectronUpdaterEngine(() => updater, log), updater, records };
};

const stableFile = channelFileName('stable', process.platform, process.arch);
const betaFile = channelFileName('beta', process.platform, process.arch);

describe('ElectronUpdaterEngine driving the real electron-updater against a real update server', () => {
  it('is set up not to download by itself, to install on quit and never to downgrade', () => {
    const { engine, updater } = engineFor();
    void engine.check({ url: server.url, channel: 'beta', currentVersion: '0.1.0' }).catch(() => undefined);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.allowDowngrade).toBe(false);
  });

  it('offers a newer version and downloads it, electron-updater verifying the sha512', async () => {
    const release = makeRelease('0.2.0');
    publishRelease(server, release, stableFile);
    const { engine } = engineFor();
    const offer = await engine.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' });
    expect(offer).toEqual({ version: '0.2.0', releaseDate: '2026-11-30T09:41:12.345Z', bytes: release.payload.byteLength });
    const file = await engine.download(offer!, () => undefined);
    expect(createHash('sha512').update(readFileSync(file)).digest('base64')).toBe(release.sha512);
    expect(server.requests).toContain(`/scrivania/${stableFile}`);
    expect(server.requests).toContain(`/scrivania/${release.fileName}`);
  });

  it('reads the same file names as the feed engine: beta on the beta channel, and same or older is up to date', async () => {
    publishRelease(server, makeRelease('0.1.0'), stableFile);
    publishRelease(server, makeRelease('0.0.9'), betaFile);
    const { engine } = engineFor();
    expect(await engine.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' })).toBeUndefined();
    expect(await engine.check({ url: server.url, channel: 'beta', currentVersion: '0.1.0' })).toBeUndefined();
    expect(server.requests.filter((path) => path.endsWith('.yml'))).toEqual([`/scrivania/${stableFile}`, `/scrivania/${betaFile}`]);
  });

  it('refuses a download whose sha512 does not match and keeps nothing of it', async () => {
    const release = makeRelease('0.2.0');
    publishRelease(server, release, stableFile, { sha512: makeRelease('0.2.0').sha512 });
    const { engine, updater } = engineFor();
    const offer = await engine.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' });
    const refused = await failureOf(engine.download(offer!, () => undefined));
    expect(refused.kind).toBe('refused');
    expect(refused.message).toMatch(/^sha512 checksum mismatch, expected /);
    const cacheDir = join((updater as unknown as { app: AppAdapter }).app.baseCachePath, 'scrivania-updater');
    const kept = existsSync(cacheDir) ? readdirSync(cacheDir, { recursive: true, encoding: 'utf8' }) : [];
    expect(kept.filter((name) => name.endsWith('.exe'))).toEqual([]);
  });

  it('tells a failing server from a malformed channel file', async () => {
    const { engine } = engineFor();
    const feed = { url: server.url, channel: 'stable' as const, currentVersion: '0.1.0' };
    server.publish(stableFile, 'version: [unclosed\n');
    expect(await failureOf(engine.check(feed))).toMatchObject({ kind: 'invalid-feed' });
    server.failWith(503);
    const failing = await failureOf(engine.check(feed));
    expect(failing.kind).toBe('unreachable');
    expect(failing.message).not.toContain('\n');
  });
});
