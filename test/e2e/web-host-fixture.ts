import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, test as base, type ElectronApplication } from '@playwright/test';
import { APP_ENTRY, APP_ORIGIN } from '../../main/host/electron/origin';
import { keygen, sign, type GeneratedKeys } from '../../main/services/profiles/profile-signer';
import { invokeOverWebSocket } from '../support/contract-socket';
import { e2eHostFrom, WEB_HOST_ONLY } from './e2e-host';

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
  /** A profile to sign with a test key the host trusts and import before the test starts. */
  profile?: Record<string, unknown>;
  /** Values for the profile's userFields, typed as the employee would. */
  userFields?: Record<string, string>;
}

/** One signing key for the whole run, trusted by every web host that imports a test profile. */
let testKeys: { keys: GeneratedKeys; publicKeyFile: string } | undefined;
const testSigningKeys = () => {
  if (!testKeys) {
    const keys = keygen();
    const publicKeyFile = join(e2eRoot(), `test-signing-${keys.keyId}.pub.pem`);
    writeFileSync(publicKeyFile, keys.publicKeyPem);
    testKeys = { keys, publicKeyFile };
  }
  return testKeys;
};

/** Starts the built CLI's web host, as an employee would, with its own empty data folder, and reads the address it prints. */
export const startCliWebHost = async (launch: WebHostLaunch = {}): Promise<{ host: RunningWebHost; child: ChildProcess }> => {
  if (e2eHostFrom(process.env) === 'electron') throw new Error(`this test starts the web host itself: tag it ${WEB_HOST_ONLY} so it runs on the web host only`);
  const dataDir = mkdtempSync(join(e2eRoot(), 'data-'));
  const trust = launch.profile ? ['--trust', testSigningKeys().publicKeyFile] : [];
  const args = ['bin/scrivania.js', 'web', '--port', '0', '--data-dir', dataDir, ...trust, ...(launch.args ?? [])];
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
  const host = { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', dataDir };
  if (launch.profile) {
    const signed = sign(launch.profile, testSigningKeys().keys.privateKeyPem);
    await invokeOverWebSocket(host.origin, host.token, 'profiles.import', { kind: 'file', contentBase64: Buffer.from(JSON.stringify(signed)).toString('base64') });
    for (const [key, value] of Object.entries(launch.userFields ?? {})) await invokeOverWebSocket(host.origin, host.token, 'profiles.setUserField', { key, value });
  }
  return { child, host };
};

export const stopCliWebHost = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
};

/** The Electron main process the release ships, as `npm run build` wrote it. */
export const ELECTRON_MAIN = 'dist/main/electron-main.js';

/**
 * Starts the Electron app unpackaged, with its own empty data folder (SCRIVANIA_DATA_DIR, honoured only when not
 * packaged) and its log beside it, as `${dataDir}.log` like the web host's. Its page is the app:// window.
 */
export const startElectronApp = async (launch: Pick<WebHostLaunch, 'env'> = {}): Promise<{ host: RunningWebHost; app: ElectronApplication }> => {
  const dataDir = mkdtempSync(join(e2eRoot(), 'data-'));
  const app = await _electron.launch({ args: [resolve(ELECTRON_MAIN)], env: { ...process.env, ...launch.env, SCRIVANIA_DATA_DIR: dataDir } as Record<string, string>, timeout: 30_000 });
  app.process().stderr?.pipe(createWriteStream(`${dataDir}.log`));
  return { app, host: { url: APP_ENTRY, origin: APP_ORIGIN, token: '', dataDir } };
};

const webHostTest = base.extend<{ webHost: RunningWebHost }>({
  // Playwright reads the fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  webHost: async ({}, use) => {
    const { host, child } = await startCliWebHost();
    await use(host);
    await stopCliWebHost(child);
  },
});

/** The same fixtures over the Electron app: `webHost` describes it and `page` is its window (no Chromium is started). */
const electronTest = base.extend<{ electronApp: { host: RunningWebHost; app: ElectronApplication }; webHost: RunningWebHost }>({
  // eslint-disable-next-line no-empty-pattern
  electronApp: async ({}, use) => {
    const started = await startElectronApp();
    await use(started);
    await started.app.close();
  },
  webHost: async ({ electronApp }, use) => use(electronApp.host),
  page: async ({ electronApp }, use) => {
    const window = await electronApp.app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    await use(window);
  },
});

export const test = e2eHostFrom(process.env) === 'electron' ? (electronTest as unknown as typeof webHostTest) : webHostTest;

export { expect } from '@playwright/test';
