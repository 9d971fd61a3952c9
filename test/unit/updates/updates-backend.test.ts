import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdatesState } from '../../../common/contract/updates';
import { createBackend, type Backend, type BackendOptions } from '../../../main/host/core/backend';
import type { PolicyReadResult } from '../../../main/services/profiles/policy-sources';
import type { DesktopNotice } from '../../../main/services/app/desktop-notice';
import { channelFileName } from '../../../main/services/updates/update-metadata';
import { memoryLog } from '../../support/memory-log';
import { makeRelease, publishRelease, startUpdateServer, type UpdateServer } from '../../lab/updates/update-server';
import { InstallingFeedEngine } from './update-engines';

let server: UpdateServer;
let backend: Backend | undefined;
beforeEach(async () => {
  server = await startUpdateServer();
});
afterEach(async () => {
  backend?.dispose();
  backend = undefined;
  await server.close();
});

/** A backend on `host` whose OS policy forces `forced`, with the backend options a test adds. */
const withPolicy = (
  forced: Record<string, unknown>,
  host: BackendOptions['host'] = 'web',
  extra: Partial<BackendOptions> = {},
): Backend => {
  const policy: PolicyReadResult = { policy: { trustedKeys: [], forced }, sources: ['test policy'], problems: [] };
  backend = createBackend({
    host,
    log: memoryLog().log,
    dataDir: mkdtempSync(join(tmpdir(), 'scrivania-data-')),
    trustedKeys: [],
    readPolicy: async () => policy,
    ...extra,
  });
  return backend;
};

const call = { host: 'web' as const, peer: 'test' };

/** The retained `updates.state` once it satisfies `accept`. */
const retainedState = (hub: Backend, accept: (state: UpdatesState) => boolean): Promise<UpdatesState> =>
  new Promise((resolve) => {
    const latest = hub.parts.events.retained('updates.state')?.payload as UpdatesState | undefined;
    if (latest && accept(latest)) return resolve(latest);
    const stop = hub.parts.events.listen((key, payload) => {
      if (key !== 'updates.state' || !accept(payload as UpdatesState)) return;
      stop();
      resolve(payload as UpdatesState);
    });
  });

describe('updates in the backend', () => {
  it('starts unconfigured and says so through the contract', async () => {
    const hub = withPolicy({});
    expect(await hub.parts.requests['updates.status']({}, call)).toMatchObject({
      phase: 'unconfigured',
      canInstall: false,
      channel: 'stable',
      currentVersion: expect.any(String),
    });
    await expect(hub.parts.requests['updates.check']({}, call)).rejects.toThrow('no update server is configured');
  });

  it('follows the OS policy: a forced server and beta channel are checked, a forced enabled=false sends nothing', async () => {
    publishRelease(server, makeRelease('999.0.0-beta.1'), channelFileName('beta', process.platform, process.arch));
    const hub = withPolicy({ '/updates/url': server.url, '/updates/channel': 'beta' });
    await retainedState(hub, (state) => state.phase === 'idle');
    expect(hub.profiles.effective().locks).toMatchObject({ '/updates/channel': { by: 'policy' } });
    expect(await hub.parts.requests['updates.check']({}, call)).toMatchObject({
      phase: 'available',
      channel: 'beta',
      available: { version: '999.0.0-beta.1' },
    });
    hub.dispose();

    const disabled = withPolicy({ '/updates/url': server.url, '/updates/enabled': false });
    await retainedState(disabled, (state) => state.phase === 'disabled');
    const requestsBefore = server.requests.length;
    await expect(disabled.parts.requests['updates.check']({}, call)).rejects.toThrow('updates are turned off by the administrator');
    expect(server.requests.length).toBe(requestsBefore);
  });

  it('never updates a copy an administrator installed per machine, whatever the configuration says', async () => {
    const hub = withPolicy({ '/updates/url': server.url }, 'electron', { updatesInstalledByAdministrator: true });
    await retainedState(hub, (state) => state.phase === 'disabled');
    await expect(hub.parts.requests['updates.check']({}, call)).rejects.toThrow('updates are turned off by the administrator');
    expect(server.requests).toEqual([]);
  });

  it("takes the employee's channel choice when nothing locks it", async () => {
    const hub = withPolicy({ '/updates/url': server.url });
    await retainedState(hub, (state) => state.phase === 'idle');
    expect(await hub.profiles.setUserValue('/updates/channel', 'beta')).toEqual({ ok: true });
    expect((await retainedState(hub, (state) => state.channel === 'beta')).phase).toBe('idle');
    expect(await hub.profiles.setUserValue('/updates/channel', 'nightly')).toMatchObject({
      ok: false,
      reason: 'config.updates.channel: expected stable or beta',
    });
  });
});

describe('desktop notices about updates', () => {
  const installingBackend = (engine: InstallingFeedEngine): { hub: Backend; notices: DesktopNotice[] } => {
    const hub = withPolicy({ '/updates/url': server.url }, 'electron', { updateEngine: engine });
    const notices: DesktopNotice[] = [];
    hub.notices.on('notice', (notice) => notices.push(notice));
    return { hub, notices };
  };
  const engineIn = (dir: string) => new InstallingFeedEngine({ downloadDir: dir, log: memoryLog().log });

  it('says once that a verified update is ready, and its Restart installs it', async () => {
    publishRelease(server, makeRelease('999.0.0'), channelFileName('stable', process.platform, process.arch));
    const engine = engineIn(mkdtempSync(join(tmpdir(), 'scrivania-updates-')));
    const { hub, notices } = installingBackend(engine);
    await retainedState(hub, (state) => state.phase === 'idle');
    await hub.parts.requests['updates.check']({}, call);
    await retainedState(hub, (state) => state.phase === 'downloaded');
    await hub.parts.requests['updates.check']({}, call);
    const ready = notices.filter((notice) => notice.title.key === 'updates.notice.ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({
      title: { params: { version: '999.0.0' } },
      body: { key: 'updates.notice.readyBody' },
      action: { label: { key: 'updates.restart' } },
    });
    await ready[0]?.action?.run();
    expect(engine.installs).toBe(1);
  });

  it('says when an update was refused because it did not match its sha512', async () => {
    publishRelease(server, makeRelease('999.0.1'), channelFileName('stable', process.platform, process.arch), {
      sha512: makeRelease('0.0.1').sha512,
    });
    const { hub, notices } = installingBackend(engineIn(mkdtempSync(join(tmpdir(), 'scrivania-updates-'))));
    await retainedState(hub, (state) => state.phase === 'idle');
    await hub.parts.requests['updates.check']({}, call);
    expect((await retainedState(hub, (state) => state.phase === 'error')).problem?.kind).toBe('refused');
    expect(notices.map((notice) => notice.title.key)).toEqual(['updates.notice.refused']);
  });
});
