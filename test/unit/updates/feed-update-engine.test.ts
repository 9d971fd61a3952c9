import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedUpdateEngine } from '../../../main/services/updates/feed-update-engine';
import type { DownloadProgress } from '../../../main/services/updates/update-engine';
import { channelFileName } from '../../../main/services/updates/update-metadata';
import { memoryLog } from '../../support/memory-log';
import { channelYaml, makeRelease, publishRelease, startUpdateServer, type UpdateServer } from '../../lab/updates/update-server';
import { failureOf } from './update-engines';
import { fetchTrusting, startTlsServer } from '../../support/tls-server';

let server: UpdateServer;
let downloadDir: string;

beforeEach(async () => {
  server = await startUpdateServer();
  downloadDir = mkdtempSync(join(tmpdir(), 'scrivania-updates-'));
});
afterEach(() => server.close());

const engineFor = (options: Partial<ConstructorParameters<typeof FeedUpdateEngine>[0]> = {}) => {
  const { log, records } = memoryLog();
  return { engine: new FeedUpdateEngine({ downloadDir, log, platform: 'win32', arch: 'x64', ...options }), records };
};

describe('FeedUpdateEngine against a real update server', () => {
  it('offers a newer version and downloads it with the sha512 of latest.yml verified', async () => {
    const release = makeRelease('0.2.0');
    publishRelease(server, release);
    const { engine } = engineFor();
    const offer = await engine.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' });
    expect(offer).toEqual({ version: '0.2.0', releaseDate: '2026-11-30T09:41:12.345Z', bytes: release.payload.byteLength });

    const progress: DownloadProgress[] = [];
    const path = await engine.download(offer!, (step) => progress.push(step));
    expect(path).toBe(join(downloadDir, release.fileName));
    expect(createHash('sha512').update(readFileSync(path)).digest('base64')).toBe(release.sha512);
    expect(progress.at(-1)).toEqual({ transferred: release.payload.byteLength, total: release.payload.byteLength });
    expect(readdirSync(downloadDir)).toEqual([release.fileName]);
    expect(server.requests).toEqual(['/scrivania/latest.yml', `/scrivania/${release.fileName}`]);
  });

  it('finds the same and an older version up to date, without downloading anything', async () => {
    const { engine } = engineFor();
    publishRelease(server, makeRelease('0.1.0'));
    expect(await engine.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' })).toBeUndefined();
    publishRelease(server, makeRelease('0.0.9'));
    expect(await engine.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' })).toBeUndefined();
    expect(server.requests).toEqual(['/scrivania/latest.yml', '/scrivania/latest.yml']);
    await expect(engine.download({ version: '0.0.9' }, () => undefined)).rejects.toThrow('version 0.0.9 was not offered by the last check');
  });

  it('reads beta.yml on the beta channel, and prereleases compare by semver', async () => {
    publishRelease(server, makeRelease('0.2.0-beta.3'), 'beta.yml');
    publishRelease(server, makeRelease('0.1.5'), 'latest.yml');
    const { engine } = engineFor();
    expect(await engine.check({ url: server.url.replace(/\/$/, ''), channel: 'beta', currentVersion: '0.2.0-beta.2' })).toMatchObject({
      version: '0.2.0-beta.3',
    });
    expect(await engine.check({ url: server.url, channel: 'beta', currentVersion: '0.2.0' })).toBeUndefined();
    expect(server.requests).toEqual(['/scrivania/beta.yml', '/scrivania/beta.yml']);
  });

  it('names the channel files as electron-builder publishes them and picks the installer the platform uses', async () => {
    expect(channelFileName('stable', 'win32', 'x64')).toBe('latest.yml');
    expect(channelFileName('stable', 'darwin', 'arm64')).toBe('latest-mac.yml');
    expect(channelFileName('beta', 'linux', 'x64')).toBe('beta-linux.yml');
    expect(channelFileName('stable', 'linux', 'arm64')).toBe('latest-linux-arm64.yml');

    const dmg = makeRelease('0.3.0', 'Scrivania-0.3.0.dmg', 1000);
    const zip = makeRelease('0.3.0', 'Scrivania-0.3.0-mac.zip', 1200);
    server.publish(zip.fileName, zip.payload);
    server.publish(
      'latest-mac.yml',
      `version: 0.3.0\nfiles:\n  - url: ${dmg.fileName}\n    sha512: ${dmg.sha512}\n    size: 1000\n  - url: ${zip.fileName}\n    sha512: ${zip.sha512}\n    size: 1200\npath: ${dmg.fileName}\nsha512: ${dmg.sha512}\nreleaseDate: '2026-11-30T09:41:12.345Z'\n`,
    );
    const { engine } = engineFor({ platform: 'darwin', arch: 'arm64' });
    const offer = await engine.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' });
    expect(offer?.bytes).toBe(1200);
    expect(await engine.download(offer!, () => undefined)).toBe(join(downloadDir, zip.fileName));
  });

  it('names what is wrong in a malformed or out-of-shape latest.yml', async () => {
    const { engine } = engineFor();
    const feed = { url: server.url, channel: 'stable' as const, currentVersion: '0.1.0' };
    server.publish('latest.yml', 'version: 0.2.0\nfiles:\n  - url: a.exe\n   sha512: [unclosed\n');
    const malformed = await failureOf(engine.check(feed));
    expect(malformed.kind).toBe('invalid-feed');
    expect(malformed.message).toMatch(/^latest\.yml is not YAML: /);
    expect(malformed.message).not.toContain('\n');

    server.publish('latest.yml', `files:\n  - url: a.exe\n    sha512: ${makeRelease('1.0.0').sha512}\n`);
    expect((await failureOf(engine.check(feed))).message).toBe('latest.yml: version: required: expected string');
    server.publish('latest.yml', 'version: 0.2.0\nfiles:\n  - url: a.exe\n    sha512: not-a-hash\n');
    expect((await failureOf(engine.check(feed))).message).toBe('latest.yml: files[0].sha512: expected a base64 sha512');
    server.publish('latest.yml', 'version: two\npath: a.exe\n');
    expect((await failureOf(engine.check(feed))).message).toBe('latest.yml: version: expected a semantic version such as 1.4.2');
    server.publish('latest.yml', '<html>Portal login</html>');
    expect((await failureOf(engine.check(feed))).message).toBe('latest.yml: expected a mapping with version and files');
  });

  it('refuses a download whose sha512 does not match, deletes it and logs why', async () => {
    const release = makeRelease('0.2.0');
    publishRelease(server, release, 'latest.yml', { sha512: makeRelease('0.2.0').sha512 });
    const { engine, records } = engineFor();
    const offer = await engine.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' });
    const refused = await failureOf(engine.download(offer!, () => undefined));
    expect(refused.kind).toBe('refused');
    expect(refused.message).toMatch(
      new RegExp(`^${release.fileName}: sha512 mismatch, expected .+, got ${release.sha512.replace(/[+/]/g, '\\$&')}$`),
    );
    expect(readdirSync(downloadDir)).toEqual([]);
    expect(records.find((record) => record.message === 'update refused')).toMatchObject({ level: 'error', version: '0.2.0' });
  });

  it('refuses an installer larger than latest.yml says, or than the cap, and keeps nothing of it', async () => {
    const release = makeRelease('0.2.0');
    publishRelease(server, release, 'latest.yml', { size: 1000 });
    const { engine } = engineFor();
    const offer = await engine.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' });
    expect((await failureOf(engine.download(offer!, () => undefined))).message).toBe(
      `${release.fileName}: more bytes than the 1000 expected`,
    );
    expect(readdirSync(downloadDir)).toEqual([]);

    publishRelease(server, release);
    const capped = engineFor({ maxDownloadBytes: 50_000 }).engine;
    const big = await capped.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' });
    expect((await failureOf(capped.download(big!, () => undefined))).message).toBe(`${release.fileName} is larger than 50000 bytes`);
  });

  it('reports a server that is down, fails, or does not answer in time', async () => {
    const feed = { url: server.url, channel: 'stable' as const, currentVersion: '0.1.0' };
    const { engine } = engineFor({ checkTimeoutMs: 300 });
    expect((await failureOf(engine.check(feed))).message).toMatch(/^127\.0\.0\.1:\d+: latest\.yml answered HTTP 404$/);
    server.failWith(503);
    expect((await failureOf(engine.check(feed))).message).toMatch(/latest\.yml answered HTTP 503$/);
    server.hang();
    const late = await failureOf(engine.check(feed));
    expect(late).toMatchObject({ kind: 'unreachable' });
    expect(late.message).toMatch(/^127\.0\.0\.1:\d+: no answer within 0\.3 s$/);
    const gone = await startUpdateServer();
    await gone.close();
    const down = await failureOf(engine.check({ ...feed, url: gone.url }));
    expect(down.kind).toBe('unreachable');
    expect(down.message).toMatch(/^127\.0\.0\.1:\d+: the connection was refused$/);
  });

  it('does not look up a reserved example name', async () => {
    const { engine } = engineFor();
    const error = await failureOf(
      engine.check({ url: 'https://updates.comune.example/scrivania/', channel: 'stable', currentVersion: '0.1.0' }),
    );
    expect(error.message).toBe('updates.comune.example is a reserved example name that never resolves');
  });

  it('keeps a yml written by hand with only path and sha512 working', async () => {
    const release = makeRelease('0.2.0');
    server.publish(release.fileName, release.payload);
    server.publish(
      'latest.yml',
      `${channelYaml(release)
        .split('\n')
        .filter((line) => !line.startsWith('  ') && line !== 'files:')
        .join('\n')}`,
    );
    const { engine } = engineFor();
    const offer = await engine.check({ url: server.url, channel: 'stable', currentVersion: '0.1.0' });
    expect(offer).toMatchObject({ version: '0.2.0' });
    expect(await engine.download(offer!, () => undefined)).toBe(join(downloadDir, release.fileName));
  });
});

describe('FeedUpdateEngine and redirects', () => {
  it('never reads the channel file over plain http after an https server redirects there: it names the installer’s hash', async () => {
    publishRelease(server, makeRelease('0.2.0'));
    const tls = await startTlsServer((request, response) => response.writeHead(302, { Location: `${server.url}latest.yml` }).end());
    try {
      const { engine } = engineFor({ fetch: fetchTrusting(tls.cert) });
      const failure = await failureOf(engine.check({ url: `${tls.origin}/scrivania/`, channel: 'stable', currentVersion: '0.1.0' }));
      expect(failure).toMatchObject({ kind: 'refused' });
      expect(failure.message).toMatch(
        /a redirect from https:\/\/ to plain http:\/\/ \(http:\/\/127\.0\.0\.1:\d+\/scrivania\/latest\.yml\) is not followed/,
      );
      expect(server.requests).toEqual([]);
    } finally {
      await tls.close();
    }
  });
});
