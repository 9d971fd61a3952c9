import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdatesState } from '../../../common/contract/updates';
import type { LogRecord } from '../../../main/services/logging/logger';
import { FeedUpdateEngine, type FeedUpdateEngineOptions } from '../../../main/services/updates/feed-update-engine';
import { UpdateService } from '../../../main/services/updates/update-service';
import { readUpdatesConfig } from '../../../main/services/updates/updates-config';
import { memoryLog } from '../../support/memory-log';
import { makeRelease, publishRelease, startUpdateServer, type UpdateServer } from '../../lab/updates/update-server';
import { ManualTime } from '../../support/manual-time';
import { InstallingFeedEngine } from './update-engines';

const HOUR = 3_600_000;
const START = '2026-12-01T08:00:00.000Z';

let server: UpdateServer;
let time: ManualTime;
let records: LogRecord[];
const services: UpdateService[] = [];

beforeEach(async () => {
  server = await startUpdateServer();
  time = new ManualTime(START);
});
afterEach(async () => {
  services.splice(0).forEach((service) => service.dispose());
  await server.close();
});

const serviceWith = (Engine: typeof FeedUpdateEngine = FeedUpdateEngine, options: Partial<FeedUpdateEngineOptions> = {}) => {
  const memory = memoryLog();
  records = memory.records;
  const engine = new Engine({
    downloadDir: mkdtempSync(join(tmpdir(), 'scrivania-updates-')),
    log: memory.log,
    platform: 'win32',
    arch: 'x64',
    checkTimeoutMs: 500,
    ...options,
  });
  const service = new UpdateService({
    engine,
    currentVersion: '0.1.0',
    log: memory.log,
    clock: time.clock,
    timers: time,
    random: () => 0.5,
  });
  services.push(service);
  return { service, engine };
};

/** Resolves with the first state (the current one included) that `accept` takes. */
const reaching = (service: UpdateService, accept: (state: UpdatesState) => boolean): Promise<UpdatesState> =>
  new Promise((resolve) => {
    if (accept(service.state())) return resolve(service.state());
    const stop = service.on('state', (state) => {
      if (!accept(state)) return;
      stop();
      resolve(state);
    });
  });

const phase = (service: UpdateService, name: UpdatesState['phase']) => reaching(service, (state) => state.phase === name);

const section = (values: Record<string, unknown>) => readUpdatesConfig({ url: server.url, ...values });

describe('UpdateService scheduling, policy and state', () => {
  it('checks a short while after start, then every few hours with jitter, saying when the next check is', async () => {
    publishRelease(server, makeRelease('0.1.0'));
    const { service } = serviceWith();
    service.configure(section({ checkEveryHours: 4 }));
    expect(service.state()).toMatchObject({
      phase: 'idle',
      server: server.url.split('/')[2],
      channel: 'stable',
      canInstall: false,
      nextCheckAt: '2026-12-01T08:01:00.000Z',
    });
    time.advance(59_000);
    expect(server.requests).toEqual([]);

    time.advance(1_000);
    const first = await phase(service, 'up-to-date');
    expect(first.lastCheck).toEqual({ at: '2026-12-01T08:01:00.000Z', outcome: 'up-to-date' });
    expect(first.nextCheckAt).toBe('2026-12-01T12:01:00.000Z');
    expect(server.requests).toEqual(['/scrivania/latest.yml']);

    time.advance(4 * HOUR);
    await reaching(service, (state) => state.lastCheck?.at === '2026-12-01T12:01:00.000Z');
    expect(server.requests).toHaveLength(2);
  });

  it('sends nothing at all when updates are disabled by policy, and refuses Check now in one line', async () => {
    publishRelease(server, makeRelease('0.2.0'));
    const { service } = serviceWith();
    service.configure(section({ enabled: false }));
    expect(service.state()).toMatchObject({ phase: 'disabled' });
    expect(service.state().nextCheckAt).toBeUndefined();
    time.advance(48 * HOUR);
    await expect(service.check()).rejects.toMatchObject({
      message: 'updates are turned off by the administrator',
      kind: 'forbidden',
      problem: { code: 'updates.disabled' },
    });
    expect(time.pending()).toBe(0);
    expect(server.requests).toEqual([]);
  });

  it('says no server is configured, and names what is wrong in an out-of-shape section', async () => {
    const { service } = serviceWith();
    service.configure(readUpdatesConfig({}));
    expect(service.state()).toMatchObject({ phase: 'unconfigured' });
    await expect(service.check()).rejects.toThrow('no update server is configured');
    service.configure(readUpdatesConfig({ url: server.url, channel: 'nightly' }));
    expect(service.state()).toMatchObject({
      phase: 'unconfigured',
      problem: { kind: 'invalid-config', detail: 'updates.channel: expected stable or beta' },
    });
    await expect(service.check()).rejects.toThrow('the updates configuration does not apply: updates.channel: expected stable or beta');
    time.advance(48 * HOUR);
    expect(server.requests).toEqual([]);
  });

  it('downloads a newer version in the background where it can install, then installs on Restart', async () => {
    const release = makeRelease('0.2.0');
    publishRelease(server, release);
    const { service, engine } = serviceWith(InstallingFeedEngine);
    service.configure(section({}));
    expect(() => service.install()).toThrow('no update has been downloaded yet');
    const seen: UpdatesState['phase'][] = [];
    service.on('state', (state) => seen.push(state.phase));

    const checked = await service.check();
    expect(checked).toMatchObject({
      phase: 'downloading',
      available: { version: '0.2.0', bytes: release.payload.byteLength },
      lastCheck: { outcome: 'available' },
    });
    const downloaded = await phase(service, 'downloaded');
    expect(downloaded.progress).toBeUndefined();
    expect(seen).toEqual(expect.arrayContaining(['checking', 'available', 'downloading', 'downloaded']));
    expect(server.requests).toEqual(['/scrivania/latest.yml', `/scrivania/${release.fileName}`]);

    expect(service.install()).toMatchObject({ phase: 'installing' });
    expect((engine as InstallingFeedEngine).installs).toBe(1);
  });

  it('only reports a newer version where it cannot install (the web host), downloading nothing', async () => {
    publishRelease(server, makeRelease('0.2.0'));
    const { service } = serviceWith();
    service.configure(section({}));
    expect(await service.check()).toMatchObject({ phase: 'available', canInstall: false });
    expect(() => service.install()).toThrow('this window cannot install updates: the installed Scrivania app does');
    expect(server.requests).toEqual(['/scrivania/latest.yml']);
  });

  it('refuses a download whose hash does not match: reported, logged, removed', async () => {
    const release = makeRelease('0.2.0');
    publishRelease(server, release, 'latest.yml', { sha512: makeRelease('0.2.0').sha512 });
    const downloadDir = mkdtempSync(join(tmpdir(), 'scrivania-updates-'));
    const { service } = serviceWith(InstallingFeedEngine, { downloadDir });
    service.configure(section({}));
    await service.check();
    const refused = await phase(service, 'error');
    expect(refused.problem).toMatchObject({ kind: 'refused' });
    expect(refused.problem?.detail).toContain('sha512 mismatch');
    expect(readdirSync(downloadDir)).toEqual([]);
    expect(records.filter((record) => record.level === 'error').map((record) => record.message)).toEqual([
      'update refused',
      'the update was refused',
    ]);
    expect(() => service.install()).toThrow('no update has been downloaded yet');
  });

  it('after the server was down or failing, checks again in 1, then 5 minutes, and on schedule once it answers', async () => {
    const { service } = serviceWith();
    service.configure(section({ checkEveryHours: 2 }));
    server.failWith(502);
    time.advance(60_000);
    const failed = await phase(service, 'error');
    expect(failed).toMatchObject({
      problem: { kind: 'unreachable' },
      lastCheck: { outcome: 'error' },
      nextCheckAt: '2026-12-01T08:02:00.000Z',
    });
    expect(failed.problem?.detail).toMatch(/latest\.yml answered HTTP 502$/);

    server.hang();
    time.advance(60_000);
    const late = await reaching(service, (state) => state.phase === 'error' && state.lastCheck?.at !== failed.lastCheck?.at);
    expect(late.problem?.detail).toMatch(/no answer within 0\.5 s$/);
    expect(late.nextCheckAt).toBe(new Date(Date.parse(late.lastCheck?.at ?? '') + 5 * 60_000).toISOString());

    server.recover();
    publishRelease(server, makeRelease('0.1.0'));
    time.advance(5 * 60_000);
    const recovered = await phase(service, 'up-to-date');
    expect(recovered.problem).toBeUndefined();
    expect(server.requests).toHaveLength(3);
    // Answering again, the interval is back.
    expect(Date.parse(recovered.nextCheckAt ?? '') - Date.parse(recovered.lastCheck?.at ?? '')).toBeGreaterThan(HOUR);
  });

  it('starts over on a change of channel, reading beta.yml', async () => {
    publishRelease(server, makeRelease('0.1.0'));
    publishRelease(server, makeRelease('0.2.0-beta.1'), 'beta.yml');
    const { service } = serviceWith();
    service.configure(section({}));
    time.advance(60_000);
    await phase(service, 'up-to-date');
    service.configure(section({}));
    expect(service.state().phase).toBe('up-to-date');

    service.configure(section({ channel: 'beta' }));
    expect(service.state()).toMatchObject({ phase: 'idle', channel: 'beta', nextCheckAt: new Date(time.now + 60_000).toISOString() });
    expect(service.state().lastCheck).toBeUndefined();
    time.advance(60_000);
    expect(await phase(service, 'available')).toMatchObject({ available: { version: '0.2.0-beta.1' } });
    expect(server.requests).toEqual(['/scrivania/latest.yml', '/scrivania/beta.yml']);
  });

  it('answers Check now once even when asked twice at the same time', async () => {
    publishRelease(server, makeRelease('0.1.0'));
    const { service } = serviceWith();
    service.configure(section({}));
    const [first, second] = await Promise.all([service.check(), service.check()]);
    expect(first).toEqual(second);
    expect(first.phase).toBe('up-to-date');
    expect(server.requests).toEqual(['/scrivania/latest.yml']);
  });
});
