// `node test/bench/office-pc.js`: the office PC's figures against FreeRDP's shadow server on loopback, with NLA:
// connect to first frame (median of 5), frames per second while the remote display animates, input-to-pixel latency
// (median, p95), and xfreerdp's connect to first frame against the same server for comparison. Not a test: it reports.
/* global document, window, requestAnimationFrame -- used inside page.evaluate, which runs in the browser */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, importTypeScript } from './lib/bench-support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const KEY_PRESSES = Number(process.env.BENCH_KEYS ?? 30);
const FPS_SECONDS = Number(process.env.BENCH_FPS_SECONDS ?? 5);
const PASSWORD = 'bench-Office-Pc-Passw0rd';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const loadHelpers = () =>
  importTypeScript('office-pc-support', [
    "export * from './test/lab/rdp/office-pc-lab.ts';",
    "export { keygen, sign } from './main/services/profiles/profile-signer.ts';",
    "export { invokeOverWebSocket } from './test/support/contract-socket.ts';",
    "export { missingPeer, startSecretService } from './test/lab/secret-service.ts';",
  ]);

const startHost = (args, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/scrivania.js', 'web', '--port', '0', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let printed = '';
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(printed)?.[0];
      if (url) resolve({ child, url, origin: new URL(url).origin, token: new URLSearchParams(new URL(url).hash.slice(1)).get('token') });
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}`)));
  });

/** The colour of one canvas pixel, read in the page. */
const canvasMatches = (page, x, y, rgb) =>
  page.evaluate(
    ([px, py, [r, g, b]]) => {
      const canvas = document.querySelector('[data-testid="office-pc-canvas"]');
      const data = canvas?.getContext('2d')?.getImageData(px, py, 1, 1).data;
      return Boolean(data) && Math.abs(data[0] - r) < 24 && Math.abs(data[1] - g) < 24 && Math.abs(data[2] - b) < 24;
    },
    [x, y, rgb],
  );

/** From the click that starts the connection to the first frame showing the remote root colour, in the page's clock. */
const connectToFirstFrame = async (page, url, point, rgb) => {
  await page.goto(url);
  await page.locator('[data-nav="officePc"]').click();
  await page.getByRole('toolbar').getByRole('button', { name: 'Connect' }).waitFor();
  await page.evaluate(
    ([px, py, [r, g, b]]) => {
      window.__firstFrame = new Promise((resolve) => {
        const check = () => {
          const canvas = document.querySelector('[data-testid="office-pc-canvas"]');
          const data = canvas && canvas.width > px ? canvas.getContext('2d')?.getImageData(px, py, 1, 1).data : undefined;
          if (data && Math.abs(data[0] - r) < 24 && Math.abs(data[1] - g) < 24 && Math.abs(data[2] - b) < 24) resolve(performance.now());
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      // The last click before the frame started the connection: Connect, or the password prompt's Connect.
      document.addEventListener('click', () => (window.__clickedAt = performance.now()), { capture: true });
    },
    [point.x, point.y, rgb],
  );
  await page.getByRole('toolbar').getByRole('button', { name: 'Connect' }).click();
  const prompt = page.getByTestId('office-pc-password-form');
  if (await prompt.isVisible().catch(() => false)) {
    await prompt.getByLabel('Password of your office PC').fill(PASSWORD);
    await prompt.getByRole('button', { name: 'Connect' }).click();
  }
  const painted = await page.evaluate(() => window.__firstFrame);
  const clicked = await page.evaluate(() => window.__clickedAt);
  return painted - clicked;
};

/** Frames (animation frames in which IronRDP drew anything) per second while `ico` animates on the office PC. */
const framesPerSecond = async (page, lab) => {
  const ico = spawn('ico', ['-faces', '-noedges', '-sleep', '0', '-geometry', '400x400+600+300'], {
    env: { ...process.env, DISPLAY: lab.display },
    stdio: 'ignore',
  });
  await sleep(1_000);
  const frames = await page.evaluate(async (seconds) => {
    const context = document.querySelector('[data-testid="office-pc-canvas"]').getContext('2d');
    let drawn = false;
    const original = context.putImageData.bind(context);
    context.putImageData = (...args) => {
      drawn = true;
      return original(...args);
    };
    let count = 0;
    const end = performance.now() + seconds * 1000;
    await new Promise((resolve) => {
      const tick = () => {
        if (drawn) count += 1;
        drawn = false;
        if (performance.now() < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    context.putImageData = original;
    return count;
  }, FPS_SECONDS);
  ico.kill('SIGTERM');
  await sleep(500);
  return frames / FPS_SECONDS;
};

/** From a key press in the page to the first draw IronRDP makes after it: the echo in the remote xterm. */
const inputToPixel = async (page, lab) => {
  const canvas = page.getByTestId('office-pc-canvas');
  const box = await canvas.boundingBox();
  const size = await canvas.evaluate((element) => ({ width: element.width, height: element.height }));
  const at = (x, y) => ({ x: box.x + (x * box.width) / size.width, y: box.y + (y * box.height) / size.height });
  const inside = at(lab.xterm.x + lab.xterm.width / 2, lab.xterm.y + lab.xterm.height / 2);
  await page.mouse.click(inside.x, inside.y);
  await page.evaluate(() => {
    const context = document.querySelector('[data-testid="office-pc-canvas"]').getContext('2d');
    const original = context.putImageData.bind(context);
    window.__drawnAt = [];
    context.putImageData = (...args) => {
      window.__drawnAt.push(performance.now());
      return original(...args);
    };
    document
      .querySelector('[data-testid="office-pc-canvas"]')
      .addEventListener('keydown', () => (window.__pressedAt = performance.now()), { capture: true });
  });
  const latencies = [];
  for (let press = 0; press < KEY_PRESSES; press++) {
    await page.evaluate(() => (window.__drawnAt = []));
    await page.keyboard.press(press % 2 === 0 ? 'x' : 'Backspace');
    const latency = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const deadline = performance.now() + 2000;
          const check = () => {
            const drawn = window.__drawnAt.find((time) => time >= window.__pressedAt);
            if (drawn !== undefined) resolve(drawn - window.__pressedAt);
            else if (performance.now() > deadline) resolve(undefined);
            else requestAnimationFrame(check);
          };
          check();
        }),
    );
    if (latency !== undefined) latencies.push(latency);
    await sleep(150);
  }
  return latencies;
};

/** xfreerdp on a display of its own: from spawning it to its window showing the remote root colour. */
const xfreerdpFirstFrame = async (helpers, lab, point, rgb) => {
  const client = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1100x850x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const display = await new Promise((resolve) => client.stdio[3].once('data', (chunk) => resolve(`:${chunk.toString().trim()}`)));
  const times = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const viewer = spawn(
        'xfreerdp',
        [
          `/v:127.0.0.1:${lab.port}`,
          `/u:${lab.username}`,
          `/p:${lab.password}`,
          '/sec:nla',
          '/cert:ignore',
          '/size:1024x768',
          '/log-level:OFF',
        ],
        {
          env: { ...process.env, DISPLAY: display, HOME: mkdtempSync(join(tmpdir(), 'scrivania-bench-xfreerdp-')) },
          stdio: 'ignore',
        },
      );
      let shown = false;
      while (!shown && performance.now() - started < 15_000) {
        const dump = spawnSync('xwd', ['-root', '-silent'], { env: { ...process.env, DISPLAY: display }, maxBuffer: 64 * 1024 * 1024 });
        const pixel = dump.status === 0 ? helpers.parseXwdPixel(dump.stdout, point.x, point.y) : undefined;
        shown =
          pixel !== undefined && Math.abs(pixel.r - rgb[0]) < 24 && Math.abs(pixel.g - rgb[1]) < 24 && Math.abs(pixel.b - rgb[2]) < 24;
        if (!shown) await sleep(10);
      }
      if (shown) times.push(performance.now() - started);
      viewer.kill('SIGTERM');
      await new Promise((resolve) => viewer.once('exit', resolve));
    }
  } finally {
    client.kill('SIGTERM');
  }
  return times;
};

if (spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const helpers = await loadHelpers();
const missing = helpers.missingRdpPeer();
if (missing) {
  console.log(`skipped: ${missing}`);
  process.exit(0);
}

const lab = await helpers.startOfficePcLab({ security: 'nla', password: PASSWORD, colour: '#2a6fdb' });
const keychain = helpers.missingPeer('secret-service') === undefined ? await helpers.startSecretService() : undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'scrivania-bench-data-'));
const keys = helpers.keygen();
const trust = join(dataDir, 'bench.pub.pem');
writeFileSync(trust, keys.publicKeyPem);
const host = await startHost(['--data-dir', join(dataDir, 'data'), '--trust', trust], keychain?.env ?? {});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const profile = {
    schemaVersion: 1,
    id: 'bench-office-pc',
    serial: 1,
    issuedAt: '2026-01-01T00:00:00Z',
    expiresAt: '2099-01-01T00:00:00Z',
    organization: { name: 'Bench' },
    officePc: {
      name: 'Bench PC',
      host: '127.0.0.1',
      port: lab.port,
      username: lab.username,
      certificateSha256: await lab.certificateSha256(),
    },
  };
  const signed = helpers.sign(profile, keys.privateKeyPem);
  await helpers.invokeOverWebSocket(host.origin, host.token, 'profiles.import', {
    kind: 'file',
    contentBase64: Buffer.from(JSON.stringify(signed)).toString('base64'),
  });
  if (keychain) await helpers.invokeOverWebSocket(host.origin, host.token, 'credentials.save', { id: 'office-pc', secret: PASSWORD });
  else console.log('note: no keychain lab (gnome-keyring); the password is typed into the prompt');

  const point = { x: lab.width - 40, y: lab.height - 40 };
  const rgb = [0x2a, 0x6f, 0xdb];
  const firstFrames = [];
  let page;
  for (let run = 0; run < RUNS; run++) {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    firstFrames.push(await connectToFirstFrame(page, host.url, point, rgb));
  }
  if (!(await canvasMatches(page, point.x, point.y, rgb))) throw new Error('the canvas does not show the remote screen');
  const fps = await framesPerSecond(page, lab);
  const latencies = await inputToPixel(page, lab);
  await page.close();
  const xfreerdp = await xfreerdpFirstFrame(helpers, lab, point, rgb).catch((error) => {
    console.log(`xfreerdp not measured: ${error.message}`);
    return [];
  });

  const rows = [
    [
      'connect to first frame (median of 5)',
      `${median(firstFrames).toFixed(0)} ms`,
      '< 1500 ms',
      median(firstFrames) < 1500,
      `runs: ${firstFrames.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    ],
    ['frames per second while ico animates', `${fps.toFixed(1)} fps`, 'report', true, `${FPS_SECONDS} s`],
    [
      'input-to-pixel latency, median',
      `${median(latencies).toFixed(1)} ms`,
      'report',
      true,
      `${latencies.length} of ${KEY_PRESSES} presses echoed`,
    ],
    ['input-to-pixel latency, p95', `${percentile(latencies, 95).toFixed(1)} ms`, '< 50 ms', percentile(latencies, 95) < 50, ''],
    ...(xfreerdp.length > 0
      ? [
          [
            'xfreerdp connect to first frame (median)',
            `${median(xfreerdp).toFixed(0)} ms`,
            'compare',
            true,
            `runs: ${xfreerdp.map((ms) => ms.toFixed(0)).join(', ')} ms (xwd polling, ±30 ms)`,
          ],
        ]
      : []),
  ];
  for (const [name, value, budget, within, note] of rows)
    console.log(`${within ? 'within' : 'OVER  '}  ${name}: ${value} (budget ${budget}) ${note}`);
} finally {
  await browser.close();
  host.child.kill('SIGTERM');
  await keychain?.stop();
  await lab.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
