import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningWebHost {
  /** The printed address, token included. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
}

/** This run's folder for web-host data and logs (see playwright.config.ts). */
export const e2eRoot = (): string => process.env['SCRIVANIA_E2E_ROOT'] ?? tmpdir();

export interface WebHostLaunch {
  /** Extra arguments for `scrivania web`, e.g. `--trust KEY.pem`. */
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Starts the built CLI's web host, as an employee would, with its own empty data folder, and reads the address it prints. */
export const startCliWebHost = async (launch: WebHostLaunch = {}): Promise<{ host: RunningWebHost; child: ChildProcess }> => {
  const dataDir = mkdtempSync(join(e2eRoot(), 'data-'));
  const args = ['bin/scrivania.js', 'web', '--port', '0', '--data-dir', dataDir, ...(launch.args ?? [])];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...launch.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.pipe(createWriteStream(`${dataDir}.log`));
  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host printed no address in 10 s: ${printed}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${printed}`)));
  });
  const parsed = new URL(url);
  return { child, host: { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', dataDir } };
};

export const stopCliWebHost = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
};

export const test = base.extend<{ webHost: RunningWebHost }>({
  // Playwright reads the fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  webHost: async ({}, use) => {
    const { host, child } = await startCliWebHost();
    await use(host);
    await stopCliWebHost(child);
  },
});

export { expect } from '@playwright/test';
