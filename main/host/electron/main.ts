import * as electron from 'electron';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHostLogger, logLevelFromEnv } from '../../services/logging/file-logger';
import { readBuiltInDefaultProfileUrl, readBuiltInTrustedKeys, unpackagedRunOverrides } from '../core/host-paths';
import { readOsPolicy } from '../../services/profiles/policy-sources';
import { startElectronHost } from './electron-host';

const here = dirname(fileURLToPath(import.meta.url));

const distDir = join(here, '..');
const overrides: ReturnType<typeof unpackagedRunOverrides> = electron.app.isPackaged ? { trustFiles: [] } : unpackagedRunOverrides(process.env);
// Before anything reads userData: the single-instance lock and Chromium's own profile live there too.
if (overrides.dataDir) electron.app.setPath('userData', overrides.dataDir);
const logDir = electron.app.getPath('logs');
const level = logLevelFromEnv();
const { log } = createHostLogger({ logDir, level, terminal: process.stderr, terminalLevel: level });

const start = async (): Promise<void> => {
  const builtInKeys = await readBuiltInTrustedKeys(distDir);
  const extraKeys = await Promise.all(overrides.trustFiles.map((file) => readFile(file, 'utf8')));
  const defaultProfileUrl = await readBuiltInDefaultProfileUrl(distDir);
  await startElectronHost(electron, {
    rendererDir: join(distDir, 'renderer'),
    preloadPath: join(distDir, 'preload', 'preload.cjs'),
    log,
    logDir,
    trustedKeys: [...builtInKeys, ...extraKeys],
    readPolicy: () => readOsPolicy({ platform: process.platform }),
    ...(defaultProfileUrl ? { defaultProfileUrl } : {}),
    argv: process.argv,
  });
};

start().catch((error: unknown) => {
  log.error('Scrivania could not start', { error: error instanceof Error ? error.message : String(error) });
  electron.app.exit(1);
});
