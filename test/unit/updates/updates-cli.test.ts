import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runUpdatesCommand } from '../../../main/cli/updates-command';
import { channelFileName } from '../../../main/services/updates/update-metadata';
import { makeRelease, publishRelease, startUpdateServer, type UpdateServer } from '../../lab/updates/update-server';

let server: UpdateServer;
beforeEach(async () => {
  server = await startUpdateServer();
});
afterEach(() => server.close());

const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUpdatesCommand(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join(''), err: err.join('') };
};

describe('scrivania updates check', () => {
  it('says up to date, reading the platform file electron-updater reads', async () => {
    publishRelease(server, makeRelease('0.1.0'), 'latest-mac.yml');
    const result = await run(['check', '--url', server.url, '--current', '0.1.0', '--platform', 'darwin']);
    expect(result).toEqual({ code: 0, out: `${server.url} (stable, latest-mac.yml): up to date with 0.1.0\n`, err: '' });
  });

  it('downloads and verifies a newer installer into --download, as JSON', async () => {
    const release = makeRelease('0.2.0');
    publishRelease(server, release, 'beta.yml');
    const dir = mkdtempSync(join(tmpdir(), 'scrivania-updates-cli-'));
    const result = await run([
      'check',
      '--url',
      server.url,
      '--channel',
      'beta',
      '--current',
      '0.1.0',
      '--platform',
      'win32',
      '--download',
      dir,
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      server: server.url,
      channel: 'beta',
      file: 'beta.yml',
      currentVersion: '0.1.0',
      available: { version: '0.2.0', releaseDate: '2026-11-30T09:41:12.345Z', bytes: release.payload.byteLength },
      downloaded: join(dir, release.fileName),
    });
    expect(existsSync(join(dir, release.fileName))).toBe(true);
  });

  it('fails with one line when the installer does not match latest.yml, keeping nothing', async () => {
    publishRelease(server, makeRelease('0.2.0'), 'latest.yml', { sha512: makeRelease('0.2.0').sha512 });
    const dir = mkdtempSync(join(tmpdir(), 'scrivania-updates-cli-'));
    const result = await run(['check', '--url', server.url, '--current', '0.1.0', '--platform', 'win32', '--download', dir]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^scrivania updates: Scrivania-Setup-0\.2\.0\.exe: sha512 mismatch, expected \S+, got \S+\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes the server and channel from a profile, and says when it turns updates off', async () => {
    publishRelease(server, makeRelease('0.3.0-beta.1'), channelFileName('beta', process.platform, process.arch));
    const dir = mkdtempSync(join(tmpdir(), 'scrivania-updates-cli-'));
    const profile = join(dir, 'profile.json');
    writeFileSync(profile, JSON.stringify({ profile: { updates: { url: server.url, channel: 'beta' } }, signature: {} }));
    const found = await run(['check', '--profile', profile, '--current', '0.2.0']);
    expect(found.code).toBe(0);
    expect(found.out).toContain('version 0.3.0-beta.1 is available');

    writeFileSync(profile, JSON.stringify({ updates: { url: server.url, enabled: false } }));
    expect(await run(['check', '--profile', profile])).toMatchObject({
      code: 1,
      err: `scrivania updates: ${profile}: updates are turned off (updates.enabled is false)\n`,
    });
  });

  it('reports a failing server with exit 1, in JSON too', async () => {
    server.failWith(500);
    const result = await run(['check', '--url', server.url, '--platform', 'win32', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).problem).toEqual({
      kind: 'unreachable',
      detail: expect.stringMatching(/latest\.yml answered HTTP 500$/),
    });
  });

  it('names a wrong option and exits 2', async () => {
    expect((await run(['check', '--url', server.url, '--channel', 'nightly'])).err).toMatch(
      /^scrivania updates: --channel must be stable or beta, not "nightly"\n/,
    );
    expect((await run(['check', '--url', 'ftp://updates.local/'])).code).toBe(2);
    expect((await run(['check'])).err).toMatch(/^scrivania updates: give either --url URL or --profile SIGNED.json\n/);
    expect((await run(['check', '--url', server.url, '--current', 'latest'])).code).toBe(2);
    expect(server.requests).toEqual([]);
  });
});
