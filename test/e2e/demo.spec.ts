import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { NEXT_MEETING_TITLE } from '../lab/demo/demo-calendar';
import { descendantsOf, isRunning } from '../lab/demo/processes';
import { DemoStatus, type DemoPeerName } from '../lab/demo/status';
import { skipReasonOutsideCi } from '../lab/peers';
import { WEB_HOST_ONLY } from './e2e-host';
import { expect, e2eRoot, test } from './web-host-fixture';

/**
 * `npm run demo` as a newcomer runs it: the whole lab starts, Scrivania opens already configured, every card turns
 * green or says honestly why not, the first diverted call rings, and Ctrl+C leaves no process, namespace or folder.
 */

const FIRST_CALL_AFTER_S = 20;
/** The VPN probes' `ip route get` runs come and go at any moment; every other process below the demo stays. */
const TRANSIENT_COMMANDS = new Set(['ip']);
const READY_TIMEOUT_MS = 60_000;

// A fake microphone and no permission prompts: the phone signs in and rings as it would for the employee.
test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
  },
});

/** The programs each peer runs, as /proc names them (at most 15 characters); the calendar lives in the demo itself. */
const peerCommands: Record<DemoPeerName, string[]> = {
  keychain: ['dbus-daemon', 'gnome-keyring-d'],
  officePc: ['Xvfb', 'freerdp-shadow-'],
  phone: ['kamailio', 'rtpengine', 'baresip'],
  vpn: ['openvpn', 'dnsmasq'],
  calendar: [],
  webHost: ['node'],
};

interface RunningDemo {
  child: ChildProcess;
  status: DemoStatus;
  started(name: DemoPeerName): boolean;
}

/** `node scripts/demo.js --no-open …` (what `npm run demo` runs), until its status file says it is ready. */
const startDemo = async (args: string[]): Promise<RunningDemo> => {
  const statusFile = join(mkdtempSync(join(e2eRoot(), 'demo-')), 'status.json');
  const child = spawn(process.execPath, ['scripts/demo.js', '--no-open', '--json-status', statusFile, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const log = createWriteStream(`${statusFile}.log`);
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!existsSync(statusFile)) {
    if (child.exitCode !== null) throw new Error(`the demo exited with code ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the demo was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const status = DemoStatus.parse(JSON.parse(readFileSync(statusFile, 'utf8')));
  return { child, status, started: (name) => status.peers.find((peer) => peer.name === name)?.started ?? false };
};

const stopAfterFailure = async (demo: RunningDemo | undefined): Promise<void> => {
  if (!demo || demo.child.exitCode !== null) return;
  demo.child.kill('SIGINT');
  await once(demo.child, 'exit');
};

const card = (page: Page, id: string) => page.locator(`[data-capability="${id}"]`);
const level = (page: Page, id: string) => card(page, id).locator('.badge');
const summary = (page: Page, id: string) => card(page, id).locator('.card-summary');

/** SIGINT as Ctrl+C sends it; then none of the demo's processes, namespaces or folders may be left. */
const expectCtrlCLeavesNothing = async (demo: RunningDemo): Promise<void> => {
  const { child, status } = demo;
  const seen = descendantsOf(child.pid ?? 0);
  const lasting = status.processes.filter((entry) => !TRANSIENT_COMMANDS.has(entry.command));
  const reported = new Set(status.processes.map((entry) => entry.pid));
  // What the kernel shows below the demo is what it reported, and all of it still runs.
  const commands = lasting.map((entry) => entry.command);
  for (const peer of status.peers.filter((each) => each.started)) expect(commands).toEqual(expect.arrayContaining(peerCommands[peer.name]));
  expect(seen.filter((entry) => !reported.has(entry.pid) && !TRANSIENT_COMMANDS.has(entry.command)).map((entry) => entry.command)).toEqual([]);
  expect(lasting.filter((entry) => !isRunning(entry)).map((entry) => entry.command)).toEqual([]);
  const namespacesBefore = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  for (const namespace of status.namespaces) expect(namespacesBefore).toContain(namespace);

  child.kill('SIGINT');
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
  expect([...status.processes, ...seen].filter(isRunning).map((entry) => `${entry.command} (${entry.pid})`)).toEqual([]);
  const namespacesAfter = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  for (const namespace of status.namespaces) expect(namespacesAfter).not.toContain(namespace);
  expect(existsSync(status.root)).toBe(false);
};

// The demo runs the web host itself.
test.describe('the demo office', { tag: WEB_HOST_ONLY }, () => {
  test.describe.configure({ mode: 'serial' });
  let demo: RunningDemo | undefined;
  let page: Page;

  const running = (): RunningDemo => {
    if (!demo) throw new Error('the demo did not start');
    return demo;
  };

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(READY_TIMEOUT_MS + 10_000);
    demo = await startDemo(['--first-call-after', String(FIRST_CALL_AFTER_S), '--call-every', '600']);
    // With CI=true a peer the demo could not start fails the run, as a missing lab peer does everywhere.
    for (const peer of demo.status.peers) if (!peer.started) skipReasonOutsideCi(`the demo's ${peer.name}: ${peer.line}`);
    page = await browser.newPage({ viewport: { width: 1200, height: 600 } });
  });

  test.afterAll(async () => {
    await page?.close();
    await stopAfterFailure(demo);
  });

  test('every card turns green or says why, and the dashboard is the README screenshot', async () => {
    test.setTimeout(45_000);
    const { status, started } = running();
    await page.goto(status.url);
    await expect(page.locator('[data-pane="onboarding"]')).toHaveCount(0);

    if (status.vpn.mode === 'tunnel') {
      await expect(level(page, 'vpn')).toHaveAttribute('data-level', 'ok', { timeout: 20_000 });
      await expect(summary(page, 'vpn')).toHaveText('You reach the office network.');
    } else await expect(level(page, 'vpn')).toHaveAttribute('data-level', 'error', { timeout: 20_000 });

    if (started('officePc')) {
      await expect(level(page, 'officePc')).toHaveAttribute('data-level', 'idle', { timeout: 15_000 });
      await expect(summary(page, 'officePc')).toHaveText('PC ufficio anagrafe is reachable.');
    } else await expect(level(page, 'officePc')).toHaveAttribute('data-level', 'unconfigured');

    // The phone signs in by itself, with the password the demo put in the keychain.
    if (started('phone') && started('keychain')) {
      await expect(level(page, 'phone')).toHaveAttribute('data-level', 'ok', { timeout: 15_000 });
      await expect(summary(page, 'phone')).toHaveText('Extension 2041, ready for calls.');
    } else if (!started('phone')) await expect(level(page, 'phone')).toHaveAttribute('data-level', 'unconfigured');

    await expect(level(page, 'meetings')).toHaveAttribute('data-level', 'ok', { timeout: 15_000 });
    const next = card(page, 'meetings').locator('.next-meeting');
    await expect(next.locator('.next-title')).toHaveText(NEXT_MEETING_TITLE);
    await expect(next.getByRole('button', { name: 'Join' })).toBeVisible();

    await page.screenshot({ path: 'docs/screenshot.png' });
  });

  test('Call the help desk rings the help desk extension on the lab PBX, which answers', async () => {
    const { started } = running();
    test.skip(!started('phone') || !started('keychain'), 'the demo started no phone system or keychain');
    await page.locator('[data-nav="help"]').click();
    await page.getByTestId('helpdesk').getByRole('button', { name: 'Call the help desk' }).click();
    const call = page.locator('[data-testid="call"][data-call-state="active"]');
    await expect(call).toBeVisible({ timeout: 10_000 });
    await call.getByRole('button', { name: 'Hang up' }).click();
    await expect(page.locator('[data-testid="call"]')).toHaveCount(0);
    await page.locator('[data-nav="dashboard"]').click();
  });

  test('the outside caller rings the answer group and the call rings here, diverted from Polizia Municipale', async () => {
    const { status, started } = running();
    test.skip(!started('phone') || !started('keychain'), 'the demo started no phone system or keychain');
    test.setTimeout((FIRST_CALL_AFTER_S + 30) * 1_000);
    const banner = page.getByTestId('incoming-banner');
    await expect(banner).toBeVisible({ timeout: (FIRST_CALL_AFTER_S + 20) * 1_000 });
    await expect(banner.getByTestId('diverted-from')).toHaveText(new RegExp(`For ${status.answerGroup?.name}`));
  });

  test('Ctrl+C stops every process the demo started and deletes its namespaces and folders', async () => {
    test.setTimeout(40_000);
    await page.close();
    await expectCtrlCLeavesNothing(running());
  });
});

test.describe('the demo office without a tunnel', { tag: WEB_HOST_ONLY }, () => {
  let demo: RunningDemo | undefined;

  test.afterAll(() => stopAfterFailure(demo));

  test('--no-tunnel: the VPN card says it is not connected and the pane names the missing tunnel; Ctrl+C still cleans up', async ({ page }) => {
    test.setTimeout(READY_TIMEOUT_MS + 40_000);
    demo = await startDemo(['--no-tunnel', '--first-call-after', '600']);
    expect(demo.status.vpn).toEqual({ mode: 'probe-only', reason: 'started with --no-tunnel' });
    expect(demo.status.namespaces).toEqual([]);
    await page.goto(demo.status.url);
    await expect(level(page, 'vpn')).toHaveAttribute('data-level', 'error', { timeout: 20_000 });
    await expect(summary(page, 'vpn')).toHaveText('The VPN is not connected.');
    await card(page, 'vpn').getByRole('button').click();
    await expect(page.locator('[data-pane="vpn"]')).toContainText('Tunnel: no VPN interface is up (looked for scvtun*).');
    await page.close();
    await expectCtrlCLeavesNothing(demo);
  });
});
