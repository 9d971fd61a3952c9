import * as electron from 'electron';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHostLogger, logLevelFromEnv } from '../../services/logging/file-logger';
import { readBuiltInDefaultProfileUrl, readBuiltInTrustedKeys, unpackagedRunOverrides } from '../core/host-paths';
import { readOsPolicy } from '../../services/profiles/policy-sources';
import { claimApp } from './before-ready';
import { startElectronHost } from './electron-host';
import { linuxTrayHost } from './status-notifier';
import { messageOf } from '../../../common/error-message';

// Everything up to `claimApp` runs synchronously while this module evaluates: Electron emits `ready` as soon as it
// has, and what must come before `ready` would otherwise come too late. Nothing here may await at the top level.
const here = dirname(fileURLToPath(import.meta.url));
const distDir = join(here, '..');
const overrides: ReturnType<typeof unpackagedRunOverrides> = electron.app.isPackaged
  ? { trustFiles: [] }
  : unpackagedRunOverrides(process.env);
// Before the lock: the single-instance lock and Chromium's own profile live in userData.
if (overrides.dataDir) electron.app.setPath('userData', overrides.dataDir);
const inbox = claimApp(electron, { argv: process.argv, platform: process.platform });

// Only the instance that holds the lock opens the log, so a second launch never rotates the running one's file.
if (inbox) {
  const logDir = electron.app.getPath('logs');
  const level = logLevelFromEnv();
  const logger = createHostLogger({ logDir, level, terminal: process.stderr, terminalLevel: level });
  const { log } = logger;
  const start = async (): Promise<void> => {
    const [builtInKeys, extraKeys, defaultProfileUrl] = await Promise.all([
      readBuiltInTrustedKeys(distDir),
      Promise.all(overrides.trustFiles.map((file) => readFile(file, 'utf8'))),
      readBuiltInDefaultProfileUrl(distDir),
    ]);
    await startElectronHost(electron, inbox, {
      rendererDir: join(distDir, 'renderer'),
      preloadPath: join(distDir, 'preload', 'preload.cjs'),
      log,
      logDir,
      trustedKeys: [...builtInKeys, ...extraKeys],
      readPolicy: () => readOsPolicy({ platform: process.platform }),
      ...(defaultProfileUrl ? { defaultProfileUrl } : {}),
      ...(process.platform === 'linux' ? { trayShown: async () => (await linuxTrayHost()).shown } : {}),
      // Node joins every worker thread as the process exits; one stuck in the keychain's native code never ends.
      endNow: () => {
        const kill = (): void => void process.kill(process.pid, 'SIGKILL');
        setTimeout(kill, 1_000);
        void logger.close().then(kill);
      },
    });
  };
  start().catch((error: unknown) => {
    log.error('Scrivania could not start', { error: messageOf(error) });
    electron.app.exit(1);
  });
}
