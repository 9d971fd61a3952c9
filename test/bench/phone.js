// `node test/bench/phone.js`: the softphone's two latencies over N calls on loopback, against the phone lab
// (Kamailio, rtpengine, baresip) and the built web host in Debian's Chromium. Not a test: it reports.
//   ring:  the INVITE reaching the app's SIP user agent → the ringing call shown in the pane (goal < 150 ms)
//   audio: the Answer click → the first inbound RTP packet (the remote track unmutes) (goal < 500 ms)
// Needs `npm run build` first. BENCH_PHONE_CALLS sets N (20).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, importTypeScript } from './lib/bench-support.js';

const CALLS = Number(process.env.BENCH_PHONE_CALLS ?? 20);
// A fake microphone and no prompts, and remote audio may play unprompted, as in test/e2e/phone.spec.ts.
const FAKE_MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
const GOALS = { ring: 150, audio: 500 };
const STEP_TIMEOUT_MS = 15_000;

const loadSupport = () =>
  importTypeScript('phone-support', [
    "export { missingPhonePeer, startPhoneLab } from './test/lab/phone/phone-lab.ts';",
    "export { keygen, sign } from './main/services/profiles/profile-signer.ts';",
    "export { invokeOverWebSocket } from './test/support/contract-socket.ts';",
  ]);

const startHost = (dataDir, trustFile) =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['bin/scrivania.js', 'web', '--port', '0', '--data-dir', dataDir, '--trust', trustFile], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const timer = setTimeout(() => reject(new Error('the web host printed no address within 10 s')), 10_000);
    let printed = '';
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(printed)?.[0];
      if (!url) return;
      clearTimeout(timer);
      resolvePromise({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}`)));
  });

const percentile = (values, fraction) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
};

const report = (name, values, goal) => {
  const median = percentile(values, 0.5);
  const p95 = percentile(values, 0.95);
  const verdict = p95 < goal ? 'within' : 'OVER';
  console.log(
    `${name.padEnd(38)} median ${median.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   (goal < ${goal} ms: ${verdict}, n=${values.length})`,
  );
};

const main = async () => {
  const support = await loadSupport();
  const missing = support.missingPhonePeer();
  if (missing) {
    console.log(`phone bench skipped: ${missing}`);
    return;
  }
  const password = `bench-${Math.random().toString(36).slice(2)}`;
  const work = mkdtempSync(join(tmpdir(), 'scrivania-phone-bench-'));
  const keys = support.keygen();
  const trustFile = join(work, 'bench.pub.pem');
  writeFileSync(trustFile, keys.publicKeyPem);
  const lab = await support.startPhoneLab({ employee: { user: '2041', password } });
  let host;
  let browser;
  try {
    host = await startHost(join(work, 'data'), trustFile);
    const { origin, hash } = new URL(host.url);
    const token = new URLSearchParams(hash.slice(1)).get('token');
    const profile = {
      schemaVersion: 1,
      id: 'phone-bench',
      serial: 1,
      issuedAt: '2026-01-01T00:00:00Z',
      expiresAt: '2099-01-01T00:00:00Z',
      organization: { name: 'Bench' },
      phone: lab.phoneSection(),
    };
    const signed = support.sign(profile, keys.privateKeyPem);
    await support.invokeOverWebSocket(origin, token, 'profiles.import', {
      kind: 'file',
      contentBase64: Buffer.from(JSON.stringify(signed)).toString('base64'),
    });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...FAKE_MEDIA_ARGS], headless: true });
    const page = await browser.newPage();
    // When each call card first shows as ringing, by the page's own clock (the same as data-invite-at's).
    // (This runs in the page: its globals are reached through globalThis.)
    await page.addInitScript(() => {
      const { document, MutationObserver } = globalThis;
      const seen = (globalThis.__ringingShownAt = {});
      new MutationObserver(() => {
        for (const card of document.querySelectorAll('[data-testid="call"][data-call-state="ringing"]')) {
          const key = card.getAttribute('data-invite-at');
          if (key && !(key in seen)) seen[key] = performance.now();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(host.url);
    await page.locator('[data-nav="phone"]').click();
    await page.getByRole('button', { name: 'Turn the phone on' }).click();
    await page.locator('#phone-password').fill(password);
    await page.getByTestId('phone-password').getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-testid="phone-registration"][data-state="registered"]').waitFor({ timeout: STEP_TIMEOUT_MS });

    const ring = [];
    const audio = [];
    for (let index = 0; index < CALLS; index++) {
      await lab.caller.command('dial', lab.caller.aor(lab.group.number));
      const card = page.locator('[data-testid="call"][data-call-state="ringing"]');
      await card.waitFor({ timeout: STEP_TIMEOUT_MS });
      const inviteAt = Number(await card.getAttribute('data-invite-at'));
      const shownAt = await page.evaluate((key) => globalThis.__ringingShownAt[key], String(inviteAt));
      ring.push(shownAt - inviteAt);
      // The ringing call is a modal dialog over the pane: it is answered there.
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: /Answer/ })
        .click();
      const active = page.locator('[data-testid="call"][data-first-audio-at]');
      await active.waitFor({ timeout: STEP_TIMEOUT_MS });
      audio.push(Number(await active.getAttribute('data-first-audio-at')) - Number(await active.getAttribute('data-answer-clicked-at')));
      await active.getByRole('button', { name: 'Hang up' }).click();
      await page.locator('[data-testid="call"]').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
    }
    console.log(`phone, ${CALLS} calls from baresip through Kamailio and rtpengine to the app in Chromium, on loopback`);
    report('INVITE → ringing shown', ring, GOALS.ring);
    report('Answer → first inbound audio packet', audio, GOALS.audio);
  } finally {
    await browser?.close();
    host?.child.kill();
    await lab.stop();
    rmSync(work, { recursive: true, force: true });
  }
};

await main();
