import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../host/core/backend';
import { defaultDataDir, readBuiltInDefaultProfileUrl, readBuiltInTrustedKeys } from '../host/core/host-paths';
import { openAppWindow } from '../host/web/browser-launcher';
import { startWebHost } from '../host/web/web-host';
import { createHostLogger, logLevelFromEnv } from '../services/logging/file-logger';
import { readOsPolicy } from '../services/profiles/policy-sources';

/** How long quitting waits for the services to let go (the keychain's thread, open sockets). */
const DISPOSE_WAIT_MS = 2_000;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

export interface WebCommandOptions {
  port: number;
  open: boolean;
  /** Where the profile and settings live; the OS's usual place when absent. */
  dataDir?: string;
  /** Public-key files trusted for profiles in this run, beside the built-in ones. */
  trust: string[];
}

/** `scrivania web`: the services and the renderer over HTTP + WebSocket on 127.0.0.1 until interrupted. */
export const runWebCommand = async (options: WebCommandOptions): Promise<void> => {
  const dataDir = options.dataDir ?? defaultDataDir();
  const level = logLevelFromEnv();
  const logger = createHostLogger({ logDir: join(dataDir, 'logs'), level, terminal: process.stderr, terminalLevel: level });
  const { log } = logger;
  const distDir = join(dirname(fileURLToPath(import.meta.url)), '..');
  const extraKeys = await Promise.all(options.trust.map((file) => readFile(file, 'utf8')));
  const defaultProfileUrl = await readBuiltInDefaultProfileUrl(distDir);
  // The page's origin, for the RDP relay: known once the host listens, and only the host knows its port.
  const page: { origin?: string } = {};
  const backend = createBackend({
    rendererOrigin: () => page.origin,
    host: 'web',
    log,
    dataDir,
    trustedKeys: [...(await readBuiltInTrustedKeys(distDir)), ...extraKeys],
    readPolicy: () => readOsPolicy({ platform: process.platform }),
    ...(defaultProfileUrl ? { defaultProfileUrl } : {}),
  });
  const host = await startWebHost({
    parts: backend.parts,
    rendererDir: join(distDir, 'renderer'),
    log,
    port: options.port,
    connectSources: backend.connectSources,
  });
  page.origin = `http://127.0.0.1:${host.port}`;
  process.stdout.write(`Scrivania is running at ${host.url}\n`);
  if (options.open && !openAppWindow(host.url))
    process.stdout.write('No Chromium, Chrome or Edge found: open the address above in a browser.\n');

  // Node joins every worker thread as the process exits, and one stuck in the keychain's native code never ends:
  // after a short wait for the backend, a process that cannot exit cleanly ends itself with SIGKILL.
  const stop = async (): Promise<void> => {
    await host.close();
    const disposed = await Promise.race([backend.dispose().then(() => true), delay(DISPOSE_WAIT_MS).then(() => false)]);
    await logger.close();
    if (!disposed) process.kill(process.pid, 'SIGKILL');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
};
