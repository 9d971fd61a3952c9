// `node scripts/smoke-packaged.js [RELEASE_DIR]`: starts every packaged app electron-builder left in release/ (the
// unpacked Windows and Linux folders, each macOS .app) and checks that it opens its window, shows the dashboard with
// the status main sent, follows a scrivania://profile link sent the way the OS sends one, and quits within 10 s.
// The release workflow runs it on every OS after packaging, before anything is published; Linux gets a virtual
// display from xvfb-run.
//
// The packaged app's fuses turn Node's inspector off, and Playwright's _electron.launch cannot start without it; so
// the app is started here with Chromium's remote-debugging port and driven over CDP, as Playwright drives a browser.
/* global window, document -- the functions handed to page.evaluate run in the app's window */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** electron-builder.yml's productName: the .exe, the .app and the macOS binary are named after it. */
export const PRODUCT_NAME = 'Scrivania';
/** package.json's name: electron-builder names the Linux binary after it. */
export const LINUX_EXECUTABLE = 'scrivania';
/** The renderer's origin (main/host/electron/origin.ts). */
export const APP_ORIGIN = 'app://scrivania';
/** The dashboard's cards (renderer/src/capabilities/registry.ts). */
export const CAPABILITIES = ['vpn', 'officePc', 'phone', 'meetings'];
export const QUIT_WITHIN_MS = 10_000;
const WINDOW_WITHIN_MS = 90_000;
const STEP_WITHIN_MS = 30_000;

/**
 * The packaged apps in the release folder, from its entries' names: `win-unpacked`, `linux-unpacked`,
 * `linux-arm64-unpacked`, `mac/Scrivania.app`, `mac-arm64/Scrivania.app` (no suffix is x64).
 */
export const packagedApps = (platform, releaseDir, entries) => {
  const folder = { win32: /^win(?:-(arm64|ia32))?-unpacked$/, linux: /^linux(?:-(arm64|armv7l))?-unpacked$/, darwin: /^mac(?:-(arm64))?$/ }[
    platform
  ];
  if (!folder) throw new Error(`no packaged app is built for ${platform}`);
  return [...entries].sort().flatMap((entry) => {
    const match = folder.exec(entry);
    if (!match) return [];
    const dir = join(releaseDir, entry);
    const arch = match[1] ?? 'x64';
    if (platform === 'darwin') {
      const bundle = join(dir, `${PRODUCT_NAME}.app`);
      return [
        {
          name: entry,
          arch,
          bundle,
          executable: join(bundle, 'Contents', 'MacOS', PRODUCT_NAME),
          resources: join(bundle, 'Contents', 'Resources'),
        },
      ];
    }
    return [
      {
        name: entry,
        arch,
        executable: join(dir, platform === 'win32' ? `${PRODUCT_NAME}.exe` : LINUX_EXECUTABLE),
        resources: join(dir, 'resources'),
      },
    ];
  });
};

/** The keychain's native binding an app for this OS and architecture must carry (@napi-rs/keyring's packages). */
export const keychainBindingPackage = (platform, arch) => {
  const target = { darwin: `darwin-${arch}`, win32: `win32-${arch}-msvc`, linux: `linux-${arch}-gnu` }[platform];
  return `@napi-rs/keyring-${target}`;
};

/** Where the packaged app keeps that binding: outside the asar, which cannot hold native modules. */
export const keychainBindingDir = (app, platform) =>
  join(app.resources, 'app.asar.unpacked', 'node_modules', ...keychainBindingPackage(platform, app.arch).split('/'));

/** The browser endpoint Chromium prints to stderr once its remote-debugging port listens. */
export const devToolsEndpointIn = (text) => /DevTools listening on (ws:\/\/\S+)/.exec(text)?.[1];

/** The app's first window, from the DevTools target list (/json/list). */
export const appWindowIn = (targets) => targets.find((target) => target.type === 'page' && target.url.startsWith(`${APP_ORIGIN}/`));

/** A profile link for `address`, as a help desk's onboarding email carries it. */
export const profileLink = (address) => `scrivania://profile?url=${encodeURIComponent(address)}`;

/**
 * How the OS hands a clicked link to the running app. macOS sends it to the app as an event (`open-url`); Windows and
 * Linux start the app again with the link as its argument, and the single-instance lock forwards it to the first.
 */
export const linkDelivery = (platform, app, link) =>
  platform === 'darwin' ? { command: 'open', args: ['-a', app.bundle, link] } : { command: app.executable, args: [link] };

/** The app's arguments: the debugging port on a free port, and English, whose texts the checks read. */
export const appArguments = () => ['--remote-debugging-port=0', '--lang=en-US'];

const english = JSON.parse(readFileSync(fileURLToPath(new URL('../assets/locales/en.json', import.meta.url)), 'utf8'));

class SmokeFailure extends Error {}

const within = (ms, what, promise) => {
  let timer;
  const late = new Promise(
    (_, reject) => (timer = setTimeout(() => reject(new SmokeFailure(`${what}: nothing within ${ms / 1000} s`)), ms)),
  );
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
};

const poll = async (what, ms, probe) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new SmokeFailure(`${what}: nothing within ${ms / 1000} s`);
    await new Promise((done) => setTimeout(done, 250));
  }
};

/** A started app: its process, its output so far, and a promise of its exit. */
const start = (command, args) => {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
  const output = [];
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const failedToStart = new Promise((_, reject) =>
    child.once('error', (error) => reject(new SmokeFailure(`${command} could not be started: ${error.message}`))),
  );
  failedToStart.catch(() => undefined);
  for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', (text) => output.push(text));
  return { child, output, exited, failedToStart, running: () => child.exitCode === null && child.signalCode === null };
};

/** A loopback server that answers 404 at one unguessable path and counts the requests for it. */
const startProfileServer = async () => {
  const path = `/smoke-${randomBytes(8).toString('hex')}.json`;
  let requests = 0;
  const server = createServer((request, response) => {
    if (request.url === path) requests += 1;
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no profile here');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    path,
    address: `http://127.0.0.1:${port}${path}`,
    requests: () => requests,
    close: () => new Promise((done) => server.close(done)),
  };
};

const smokeApp = async (app, platform, log) => {
  if (!existsSync(app.executable)) throw new SmokeFailure(`${app.executable} is missing`);
  const binding = keychainBindingDir(app, platform);
  if (!existsSync(binding) || !readdirSync(binding).some((file) => file.endsWith('.node')))
    throw new SmokeFailure(`the app carries no keychain binding for ${app.arch}: ${binding} is missing`);

  const profiles = await startProfileServer();
  const launched = start(app.executable, appArguments());
  let browser;
  try {
    const exitedEarly = launched.exited.then(({ code, signal }) =>
      Promise.reject(
        new SmokeFailure(`the app exited (${signal ?? `code ${code}`}) before it opened its window; is Scrivania already running?`),
      ),
    );
    exitedEarly.catch(() => undefined);
    const startedOrFailed = (promise) => Promise.race([promise, launched.failedToStart, exitedEarly]);

    // 1. The window.
    const endpoint = await startedOrFailed(
      poll('the remote-debugging endpoint', WINDOW_WITHIN_MS, async () => devToolsEndpointIn(launched.output.join(''))),
    );
    const port = new URL(endpoint).port;
    await startedOrFailed(
      poll('the app’s window', WINDOW_WITHIN_MS, async () => appWindowIn(await (await fetch(`http://127.0.0.1:${port}/json/list`)).json())),
    );
    const { chromium } = await import('@playwright/test');
    browser = await chromium.connectOverCDP(endpoint);
    const page = await poll('the window’s page', STEP_WITHIN_MS, async () =>
      browser
        .contexts()
        .flatMap((context) => context.pages())
        .find((candidate) => candidate.url().startsWith(`${APP_ORIGIN}/`)),
    );
    log(`window open at ${page.url()}`);

    // 2. The dashboard, once main's status reached it.
    await page.locator('#dashboard-title').waitFor({ timeout: STEP_WITHIN_MS });
    const title = await page.locator('#dashboard-title').textContent();
    if (title !== english.dashboard.title) throw new SmokeFailure(`the dashboard's title is "${title}", not "${english.dashboard.title}"`);
    const summaries = await page
      .waitForFunction(
        ({ ids, placeholder }) => {
          const texts = ids.map((id) => document.querySelector(`[data-capability="${id}"] .card-summary`)?.textContent ?? '');
          return texts.every((text) => text !== '' && text !== placeholder) && texts;
        },
        { ids: CAPABILITIES, placeholder: english.status.connecting },
        { timeout: STEP_WITHIN_MS },
      )
      .then((handle) => handle.jsonValue())
      .catch(() =>
        Promise.reject(new SmokeFailure(`the dashboard never showed a status from main for each of ${CAPABILITIES.join(', ')}`)),
      );
    CAPABILITIES.forEach((id, index) => log(`dashboard: ${id}: ${summaries[index]}`));

    // 3. A profile link, handed over as the OS does; the app fetches the address and records why it got no profile.
    await page.evaluate((path) => {
      window.smokeProfileCheck = new Promise((done) => {
        window.scrivania.on('profiles.changed', (state) => {
          if (state.lastCheck?.reason?.includes(path)) done(state.lastCheck);
        });
      });
    }, profiles.path);
    const delivery = linkDelivery(platform, app, profileLink(profiles.address));
    const sender = start(delivery.command, delivery.args);
    const sent = await within(
      QUIT_WITHIN_MS,
      `${delivery.command === 'open' ? 'open' : 'the second instance'} ending`,
      Promise.race([sender.exited, sender.failedToStart]),
    );
    if (sent.code !== 0)
      throw new SmokeFailure(
        `handing over the link ended with ${sent.signal ?? `code ${sent.code}`}: ${sender.output.join('').trim().split('\n').pop() ?? ''}`,
      );
    await poll('the app fetching the linked profile', STEP_WITHIN_MS, async () => (profiles.requests() > 0 ? true : undefined));
    const check = await within(
      STEP_WITHIN_MS,
      'the window showing the linked profile’s check',
      page.evaluate(() => window.smokeProfileCheck),
    );
    log(`profile link followed: ${check.result}: ${check.reason}`);

    // 4. Quit, as the tray's Quit does (app.quit()); Electron answers CDP's Browser.close that way, without a reply.
    const session = await browser.newBrowserCDPSession();
    const quitAt = Date.now();
    session.send('Browser.close').catch(() => undefined);
    const { code, signal } = await within(QUIT_WITHIN_MS, 'quitting', launched.exited);
    if (code !== 0) throw new SmokeFailure(`the app quit with ${signal ?? `code ${code}`}`);
    log(`quit in ${((Date.now() - quitAt) / 1000).toFixed(1)} s`);
  } catch (error) {
    const recent = launched.output.join('').trim().split('\n').slice(-40).join('\n');
    if (recent) console.error(`--- the app's last output ---\n${recent}\n---`);
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    if (launched.running()) launched.child.kill();
    await profiles.close();
  }
};

const main = async () => {
  const releaseDir = resolve(process.argv[2] ?? 'release');
  const apps = existsSync(releaseDir) ? packagedApps(process.platform, releaseDir, readdirSync(releaseDir)) : [];
  if (apps.length === 0) throw new SmokeFailure(`no packaged app in ${releaseDir}: run electron-builder first`);
  for (const app of apps) {
    const log = (line) => console.log(`[${app.name}] ${line}`);
    log(`starting ${app.executable}`);
    await smokeApp(app, process.platform, log);
  }
  console.log(`smoke test passed: ${apps.map((app) => app.name).join(', ')}`);
};

const isEntryPoint = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (isEntryPoint && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  const result = spawnSync(
    'xvfb-run',
    ['--auto-servernum', '--server-args=-screen 0 1280x960x24', process.execPath, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  if (result.error) console.error(`smoke-packaged could not start xvfb-run (apt-get install xvfb): ${result.error.message}`);
  process.exit(result.status ?? 1);
} else if (isEntryPoint) {
  // Ends even if a connection was left open, once the output had time to drain.
  const finish = (code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 2_000).unref();
  };
  main().then(
    () => finish(0),
    (error) => {
      console.error(`smoke test failed: ${error instanceof SmokeFailure ? error.message : (error?.stack ?? String(error))}`);
      finish(1);
    },
  );
}
