import packageJson from '../../../package.json';
import { channelFileName } from '../../../main/services/updates/update-metadata';
import { makeRelease, publishRelease, startUpdateServer } from '../updates/update-server';

export interface DemoUpdateFeed {
  /** The profile's `updates.url`. */
  url: string;
  /** The version the feed offers: this checkout's own, so Scrivania is up to date. */
  version: string;
  line: string;
  stop(): Promise<void>;
  /** Listens again on the same address after stop(). */
  restart(): Promise<void>;
}

const INSTALLER_BYTES = 64 * 1024;

/** The installer each platform's updater picks, as electron-builder names them. */
const installers = (version: string): { platform: NodeJS.Platform; fileName: string }[] => [
  { platform: 'win32', fileName: `Scrivania-Setup-${version}.exe` },
  { platform: 'linux', fileName: `Scrivania-${version}.AppImage` },
  { platform: 'darwin', fileName: `Scrivania-${version}-mac.zip` },
];

/**
 * The organisation's update server on 127.0.0.1: latest.yml, latest-linux.yml and latest-mac.yml (and this
 * machine's own arch's name when it is not x64) for the current version, each beside the installer it names.
 */
export const startDemoUpdateFeed = async (version: string = packageJson.version): Promise<DemoUpdateFeed> => {
  const server = await startUpdateServer();
  const channelFiles: string[] = [];
  for (const { platform, fileName } of installers(version)) {
    const release = makeRelease(version, fileName, INSTALLER_BYTES);
    const names = new Set([channelFileName('stable', platform, 'x64'), channelFileName('stable', platform, process.arch)]);
    for (const name of names) publishRelease(server, release, name);
    channelFiles.push(...names);
  }
  return {
    url: server.url,
    version,
    line: `update server on ${server.url} (${channelFiles.join(', ')}) offering ${version}, this version: up to date`,
    stop: () => server.close(),
    restart: () => server.reopen(),
  };
};
