import * as electron from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, jsonLinesTo } from '../../services/logging/logger';
import { startElectronHost } from './electron-host';

const here = dirname(fileURLToPath(import.meta.url));
const log = createLogger(jsonLinesTo(process.stderr));

startElectronHost(electron, {
  rendererDir: join(here, '..', 'renderer'),
  preloadPath: join(here, '..', 'preload', 'preload.cjs'),
  log,
}).catch((error: unknown) => {
  log.error('Scrivania could not start', { error: error instanceof Error ? error.message : String(error) });
  electron.app.exit(1);
});
