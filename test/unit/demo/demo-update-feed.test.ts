import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../../package.json';
import { FeedUpdateEngine } from '../../../main/services/updates/feed-update-engine';
import { startDemoUpdateFeed, type DemoUpdateFeed } from '../../lab/demo/demo-update-feed';
import { memoryLog } from '../../support/memory-log';

let feed: DemoUpdateFeed;
let downloadDir: string;

beforeAll(async () => {
  feed = await startDemoUpdateFeed();
  downloadDir = await mkdtemp(join(tmpdir(), 'scrivania-demo-feed-'));
});
afterAll(async () => {
  await feed.stop();
  await rm(downloadDir, { recursive: true, force: true });
});

const engineFor = (platform: NodeJS.Platform, arch = 'x64') =>
  new FeedUpdateEngine({ downloadDir, log: memoryLog().log, platform, arch, checkTimeoutMs: 5_000 });

describe("the demo's update server", () => {
  it('offers this version on every platform, so Scrivania is up to date', async () => {
    expect(feed.version).toBe(packageJson.version);
    expect(feed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scrivania\/$/);
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      await expect(
        engineFor(platform).check({ url: feed.url, channel: 'stable', currentVersion: packageJson.version }),
      ).resolves.toBeUndefined();
    }
  });

  it("is a real feed: an older Scrivania is offered this version and downloads each platform's installer with its sha512 verified", async () => {
    for (const [platform, installer] of [
      ['win32', '.exe'],
      ['linux', '.AppImage'],
      ['darwin', '-mac.zip'],
    ] as const) {
      const engine = engineFor(platform);
      const offer = await engine.check({ url: feed.url, channel: 'stable', currentVersion: '0.0.1' });
      expect(offer?.version).toBe(packageJson.version);
      const path = await engine.download(offer!, () => undefined);
      expect(path.endsWith(`${packageJson.version}${installer}`)).toBe(true);
    }
  });

  it("answers this machine's own channel file and says what it serves in one line", async () => {
    const offer = await engineFor('linux', process.arch).check({ url: feed.url, channel: 'stable', currentVersion: '0.0.1' });
    expect(offer?.version).toBe(packageJson.version);
    expect(feed.line).toContain('latest.yml, latest-linux.yml, latest-mac.yml');
    expect(feed.line).not.toMatch(/\n/);
  });
});
