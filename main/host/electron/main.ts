import * as electron from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, jsonLinesTo } from '../../services/logging/logger';
import { readBuiltInTrustedKeys } from '../core/host-paths';
import { readOsPolicy } from '../../services/profiles/policy-sources';
import { startElectronHost } from './electron-host';

const here = dirname(fileURLToPath(import.meta.url));
const log = createLogger(jsonLinesTo(process.stderr));

const distDir = join(here, '..');
readBuiltInTrustedKeys(distDir)
  .then((trustedKeys) =>
    startElectronHost(electron, {
      rendererDir: join(distDir, 'renderer'),
      preloadPath: join(distDir, 'preload', 'preload.cjs'),
      log,
      trustedKeys,
      readPolicy: () => readOsPolicy({ platform: process.platform }),
      argv: process.argv,
    }),
  )
  .catch((error: unknown) => {
  log.error('Scrivania could not start', { error: error instanceof Error ? error.message : String(error) });
  electron.app.exit(1);
});
