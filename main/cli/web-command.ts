import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, jsonLinesTo } from '../services/logging/logger';
import { createBackend } from '../host/core/backend';
import { openAppWindow } from '../host/web/browser-launcher';
import { startWebHost } from '../host/web/web-host';

export interface WebCommandOptions {
  port: number;
  open: boolean;
}

/** `scrivania web`: the services and the renderer over HTTP + WebSocket on 127.0.0.1 until interrupted. */
export const runWebCommand = async (options: WebCommandOptions): Promise<void> => {
  const log = createLogger(jsonLinesTo(process.stderr, process.env['SCRIVANIA_LOG_LEVEL'] === 'debug' ? 'debug' : 'info'));
  const backend = createBackend({ host: 'web', log });
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const host = await startWebHost({ parts: backend.parts, rendererDir, log, port: options.port });
  process.stdout.write(`Scrivania is running at ${host.url}\n`);
  if (options.open && !openAppWindow(host.url)) process.stdout.write('No Chromium, Chrome or Edge found: open the address above in a browser.\n');

  const stop = async (): Promise<void> => {
    await host.close();
    backend.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
};
