import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RequestKey, RequestOf, ResponseOf } from '../../../common/contract';
import { invokeOverWebSocket } from '../../support/contract-socket';
import { stopChild } from '../peers';

const ADDRESS_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;

export interface DemoWebHost {
  url: string;
  child: ChildProcess;
  /** One contract request over the host's WebSocket, as the renderer would send it. */
  invoke<K extends RequestKey>(key: K, request: RequestOf<K>): Promise<ResponseOf<K>>;
  stop(): Promise<void>;
}

/**
 * `scrivania web` from the build, as an employee would run it, on the demo's data folder, with the demo's signing key
 * trusted and the keychain's session bus; its log goes to `logDir`. Lines it prints after the address go to `say`.
 */
export const startDemoWebHost = async (options: {
  dataDir: string;
  logDir: string;
  trust: string;
  open: boolean;
  env: Record<string, string>;
  say(line: string): void;
}): Promise<DemoWebHost> => {
  const args = [
    'bin/scrivania.js',
    'web',
    '--port',
    '0',
    '--data-dir',
    options.dataDir,
    '--trust',
    options.trust,
    ...(options.open ? ['--open'] : []),
  ];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.pipe(createWriteStream(join(options.logDir, 'web-host.log')));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the web host printed no address within ${ADDRESS_TIMEOUT_MS / 1000} s`)),
      ADDRESS_TIMEOUT_MS,
    );
    let found = false;
    lines.on('line', (line) => {
      if (found) return options.say(line);
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(line);
      if (!match) return;
      found = true;
      clearTimeout(timer);
      resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`the web host exited with code ${code}; see ${join(options.logDir, 'web-host.log')}`)));
  }).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  const { origin, hash } = new URL(url);
  const token = new URLSearchParams(hash.slice(1)).get('token') ?? '';
  return {
    url,
    child,
    invoke: (key, request) => invokeOverWebSocket(origin, token, key, request, REQUEST_TIMEOUT_MS),
    stop: () => stopChild(child, 5_000),
  };
};
