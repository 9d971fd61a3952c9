import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Configuration, Packager, PlatformPackager } from 'app-builder-lib';
import { AppInfo } from 'app-builder-lib/out/appInfo';
import { Platform } from 'app-builder-lib/out/core';
import type { ArtifactCreated } from 'app-builder-lib/out/packagerApi';
import { getPublishConfigs } from 'app-builder-lib/out/publish/PublishManager';
import { createUpdateInfoTasks, writeUpdateInfoFiles, type UpdateInfoFileTask } from 'app-builder-lib/out/publish/updateInfoBuilder';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { expandMacro } from 'app-builder-lib/out/util/macroExpander';
import { Arch } from 'builder-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelFileName, parseUpdateMetadata, type UpdateMetadata } from '../../../main/services/updates/update-metadata';

/**
 * The update metadata a release writes, from electron-builder's own update-info code (the part of `electron-builder
 * --publish never` that writes latest*.yml and beta*.yml) run on electron-builder.yml, with stand-in installers.
 */

let config: Configuration;
const folders: string[] = [];
const savedUpdateUrl = process.env['SCRIVANIA_UPDATE_URL'];
beforeAll(async () => {
  process.env['SCRIVANIA_UPDATE_URL'] = 'https://aggiornamenti.comune.example.it/scrivania';
  config = await getConfig(process.cwd(), 'electron-builder.yml', null);
});
afterAll(() => {
  folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true }));
  if (savedUpdateUrl === undefined) delete process.env['SCRIVANIA_UPDATE_URL'];
  else process.env['SCRIVANIA_UPDATE_URL'] = savedUpdateUrl;
});

type Os = 'win' | 'mac' | 'linux';
const PLATFORMS: Record<
  Os,
  { platform: Platform; node: NodeJS.Platform; installer: (version: string, arch: Arch) => string; arches: Arch[] }
> = {
  win: { platform: Platform.WINDOWS, node: 'win32', installer: (version) => `Scrivania-Setup-${version}.exe`, arches: [Arch.x64] },
  linux: { platform: Platform.LINUX, node: 'linux', installer: (version) => `Scrivania-${version}.AppImage`, arches: [Arch.x64] },
  // The names electron-builder.yml gives the zips, which are what the Macs update from.
  mac: {
    platform: Platform.MAC,
    node: 'darwin',
    installer: (version, arch) => artifactName(version, arch, 'zip'),
    arches: [Arch.x64, Arch.arm64],
  },
};

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;

const packagerFor = (os: Os, version: string) => {
  const info = {
    metadata: { ...packageJson, version },
    config,
    repositoryInfo: Promise.resolve(null),
    emitArtifactCreated: async () => undefined,
  } as unknown as Packager & { appInfo: AppInfo };
  const appInfo = new AppInfo(info, null, null);
  Object.assign(info, { appInfo });
  const platformPackager = {
    platform: PLATFORMS[os].platform,
    platformSpecificBuildOptions: config[os] ?? {},
    config,
    info,
    appInfo,
    expandMacro: (pattern: string, arch: string | null) => expandMacro(pattern, arch, appInfo),
    getResource: async () => null,
  } as unknown as PlatformPackager<never>;
  return { info, appInfo, platformPackager };
};

const artifactName = (version: string, arch: Arch, ext: string): string => {
  const { appInfo } = packagerFor('mac', version);
  return expandMacro(config.mac?.artifactName ?? '', Arch[arch], appInfo, { ext });
};

/** The update files one platform's packaging writes for `version`, by name. */
const updateFilesWritten = async (os: Os, version: string): Promise<Map<string, UpdateMetadata>> => {
  const folder = mkdtempSync(join(tmpdir(), 'scrivania-update-files-'));
  folders.push(folder);
  const { info, platformPackager } = packagerFor(os, version);
  const tasks: UpdateInfoFileTask[] = [];
  for (const arch of PLATFORMS[os].arches) {
    const file = join(folder, PLATFORMS[os].installer(version, arch));
    writeFileSync(file, `installer ${os} ${Arch[arch]} ${version}`);
    const publishConfigs = (await getPublishConfigs(platformPackager, null, arch, true)) ?? [];
    const event = {
      packager: platformPackager,
      target: { outDir: folder },
      arch,
      file,
      safeArtifactName: null,
    } as unknown as ArtifactCreated;
    tasks.push(...(await createUpdateInfoTasks(event, publishConfigs)));
  }
  await writeUpdateInfoFiles(tasks, info);
  const written = new Map<string, UpdateMetadata>();
  for (const task of tasks) {
    const name = task.file.slice(folder.length + 1);
    const parsed = parseUpdateMetadata(readFileSync(task.file, 'utf8'), name);
    if (!parsed.ok) throw new Error(parsed.reason);
    written.set(name, parsed.metadata);
  }
  expect([...written.keys()].every((name) => existsSync(join(folder, name)))).toBe(true);
  return written;
};

/** The file an installed app on this OS and channel asks the update server for (main/services/updates). */
const readBy = (os: Os, channel: 'stable' | 'beta'): string => channelFileName(channel, PLATFORMS[os].node, 'x64');
const zipsIn = (metadata: UpdateMetadata | undefined): string[] =>
  [...new Set((metadata?.files ?? []).map((file) => file.url).filter((url) => url.endsWith('.zip')))].sort();

describe('the update channels a release publishes', () => {
  it('asks electron-builder for every channel’s files and lets the version name the channel', () => {
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
    expect(config.detectUpdateChannel).not.toBe(false);
  });

  it('serves a stable version to apps on the stable and on the beta channel, on every OS', async () => {
    for (const os of ['win', 'mac', 'linux'] as const) {
      const written = await updateFilesWritten(os, '1.2.3');
      for (const channel of ['stable', 'beta'] as const)
        expect(written.get(readBy(os, channel))?.version, `${os} ${channel}`).toBe('1.2.3');
    }
  });

  it('serves a beta version to apps on the beta channel only', async () => {
    for (const os of ['win', 'mac', 'linux'] as const) {
      const written = await updateFilesWritten(os, '1.3.0-beta.1');
      expect(written.get(readBy(os, 'beta'))?.version, os).toBe('1.3.0-beta.1');
      expect(written.has(readBy(os, 'stable')), os).toBe(false);
    }
  });

  it('lists the Intel and the Apple silicon zip in the one latest-mac.yml, on both channels', async () => {
    const written = await updateFilesWritten('mac', '1.2.3');
    const zips = ['Scrivania-1.2.3-arm64.zip', 'Scrivania-1.2.3-x64.zip'];
    expect(zipsIn(written.get('latest-mac.yml'))).toEqual(zips);
    expect(zipsIn(written.get('beta-mac.yml'))).toEqual(zips);
  });

  it('gives every macOS file a name of its own, which says "arm64" only for Apple silicon', () => {
    const names = [Arch.x64, Arch.arm64].flatMap((arch) => ['dmg', 'zip'].map((ext) => artifactName('1.2.3', arch, ext)));
    expect(names).toEqual(['Scrivania-1.2.3-x64.dmg', 'Scrivania-1.2.3-x64.zip', 'Scrivania-1.2.3-arm64.dmg', 'Scrivania-1.2.3-arm64.zip']);
    expect(new Set(names).size).toBe(names.length);
  });
});
