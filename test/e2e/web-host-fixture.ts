import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, chromium, test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { RequestKey, RequestOf, ResponseOf, ScrivaniaApi } from '../../common/contract';
import { APP_ENTRY, APP_ORIGIN } from '../../main/host/electron/origin';
import { keygen, sign, type GeneratedKeys } from '../../main/services/profiles/profile-signer';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { invokeOverWebSocket } from '../support/contract-socket';
import { electronArguments, electronEnvironment, webHostArguments, type AppLaunch } from './app-launch';
import { e2eHostFrom, type E2eHost } from './e2e-host';

/** The app a test started, on whichever host this run drives (SCRIVANIA_E2E_HOST). */
export interface RunningApp {
  host: E2eHost;
  /** Where a window opens the app: the web host's printed address (token included), or Electron's app:// entry. */
  url: string;
  origin: string;
  /** The web host's token; empty in Electron, which has none. */
  token: string;
  /** Its own data folder; its log is `${dataDir}.log`. */
  dataDir: string;
  /** A contract request through the host's own bridge: the web host's WebSocket, or the Electron window's preload. */
  invoke<K extends RequestKey>(key: K, request: RequestOf<K>): Promise<ResponseOf<K>>;
  /**
   * A window on the app: Electron's own one; on the web host a new tab in `browser` (in the app's locale), or in a
   * Chromium of the app's own when it was started with switches.
   */
  window(browser?: Browser): Promise<Page>;
  stop(): Promise<void>;
}

/** This run's folder for every app's data and log (see playwright.config.ts). */
export const e2eRoot = (): string => process.env['SCRIVANIA_E2E_ROOT'] ?? tmpdir();

/** The Electron main process the release ships, as `npm run build` wrote it. */
const ELECTRON_MAIN = 'dist/main/electron-main.js';

/** One signing key for the whole run, trusted by every app that imports a test profile. */
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

const trustFilesFor = (launch: AppLaunch): string[] => [
  ...(launch.profile ? [testSigningKeys().publicKeyFile] : []),
  ...(launch.trust ?? []),
];

/** Imports the signed profile and types the user fields, as the employee would, through the host's own bridge. */
const configure = async (app: RunningApp, launch: AppLaunch): Promise<void> => {
  if (!launch.profile) return;
  const signed = sign(launch.profile, testSigningKeys().keys.privateKeyPem);
  await app.invoke('profiles.import', { kind: 'file', contentBase64: Buffer.from(JSON.stringify(signed)).toString('base64') });
  for (const [key, value] of Object.entries(launch.userFields ?? {})) await app.invoke('profiles.setUserField', { key, value });
};

const configured = async (app: RunningApp, launch: AppLaunch): Promise<RunningApp> => {
  try {
    await configure(app, launch);
    return app;
  } catch (error) {
    await app.stop();
    throw error;
  }
};

/** Starts the built CLI's web host, as an employee would, with its own empty data folder, and reads the address it prints. */
const startWebHost = async (launch: AppLaunch): Promise<RunningApp> => {
  const dataDir = mkdtempSync(join(e2eRoot(), 'data-'));
  const child = spawn(process.execPath, webHostArguments(dataDir, trustFilesFor(launch)), {
    env: { ...process.env, ...launch.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(createWriteStream(`${dataDir}.log`));
  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host printed no address in 10 s: ${printed}`)), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${printed}`)));
  });
  const { origin, hash } = new URL(url);
  const token = new URLSearchParams(hash.slice(1)).get('token') ?? '';
  let ownBrowser: Browser | undefined;
  const contexts = new Set<BrowserContext>();
  return configured(
    {
      host: 'web',
      url,
      origin,
      token,
      dataDir,
      invoke: (key, request) => invokeOverWebSocket(origin, token, key, request),
      window: async (browser) => {
        if (launch.switches)
          ownBrowser ??= await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...launch.switches] });
        const from = ownBrowser ?? browser;
        if (!from) throw new Error('a web host window needs a browser: pass the test one, or start the app with switches');
        const context = await from.newContext(launch.locale ? { locale: launch.locale } : {});
        contexts.add(context);
        context.once('close', () => contexts.delete(context));
        return context.newPage();
      },
      stop: async () => {
        for (const context of contexts) await context.close();
        await ownBrowser?.close();
        if (child.exitCode !== null) return;
        child.kill('SIGTERM');
        await once(child, 'exit');
      },
    },
    launch,
  );
};

/** A contract request from the Electron window, through the preload's `window.scrivania`, its one-line error kept as it is. */
const invokeThroughPreload = async <K extends RequestKey>(page: Page, key: K, request: RequestOf<K>): Promise<ResponseOf<K>> => {
  const answer = await page.evaluate(
    async ([requestKey, payload]) => {
      const api = (window as unknown as { scrivania: ScrivaniaApi }).scrivania;
      try {
        return { ok: true, value: (await api.invoke(requestKey as never, payload as never)) as unknown };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    [key, request] as [string, unknown],
  );
  if (!answer.ok) throw new Error(answer.message ?? `${key} failed`);
  return answer.value as ResponseOf<K>;
};

/**
 * Starts the Electron app unpackaged, with its own empty data folder and the test keys trusted (the overrides only
 * an unpackaged app honours), its log beside the folder like the web host's. Its window is the app:// page.
 */
const startElectronApp = async (launch: AppLaunch): Promise<RunningApp> => {
  const dataDir = mkdtempSync(join(e2eRoot(), 'data-'));
  const electronApp = await _electron.launch({
    args: electronArguments(resolve(ELECTRON_MAIN), launch, process.getuid?.() === 0),
    env: { ...process.env, ...electronEnvironment(dataDir, trustFilesFor(launch), launch.env) } as Record<string, string>,
    timeout: 30_000,
  });
  electronApp.process().stderr?.pipe(createWriteStream(`${dataDir}.log`));
  const window = async (): Promise<Page> => {
    const page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    return page;
  };
  return configured(
    {
      host: 'electron',
      url: APP_ENTRY,
      origin: APP_ORIGIN,
      token: '',
      dataDir,
      invoke: async (key, request) => invokeThroughPreload(await window(), key, request),
      window,
      stop: () => electronApp.close(),
    },
    launch,
  );
};

/** The app on this run's host, configured with the launch's profile and user fields before it returns. */
export const startApp = (launch: AppLaunch = {}): Promise<RunningApp> =>
  e2eHostFrom(process.env) === 'electron' ? startElectronApp(launch) : startWebHost(launch);

interface AppFixtures {
  /** An unconfigured app of the test's own. */
  app: RunningApp;
  /** A window on an app the test (or its beforeAll) started; the web host's tabs close with the test. */
  openWindow: (app: RunningApp) => Promise<Page>;
}

const webHostTest = base.extend<AppFixtures>({
  // Playwright reads a fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = await startApp();
    await use(app);
    await app.stop();
  },
  openWindow: async ({ browser }, use) => {
    const opened: Page[] = [];
    await use(async (app) => {
      const page = await app.window(browser);
      opened.push(page);
      return page;
    });
    for (const page of opened) await page.context().close();
  },
});

/** The same fixtures over the Electron app: `page` is the app's window, and no Chromium is started. */
const electronTest = base.extend<AppFixtures>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = await startApp();
    await use(app);
    await app.stop();
  },
  page: async ({ app }, use) => use(await app.window()),
  // eslint-disable-next-line no-empty-pattern
  openWindow: async ({}, use) => use((app) => app.window()),
});

export const test = e2eHostFrom(process.env) === 'electron' ? electronTest : webHostTest;

export { expect } from '@playwright/test';
