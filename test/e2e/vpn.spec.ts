import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from '@playwright/test';
import { startDemoVpn, type DemoVpn } from '../lab/demo/demo-vpn';
import { demoProfile } from '../lab/demo/demo-profile';
import { expectNoAxeViolations } from './accessibility';
import { expectCatalogueError, expectEveryErrorFromCatalogue } from './error-catalogue';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';

// Without a profile there is no VPN configuration: the pane, the card and the contract all say "not configured"
// and offer no Connect.

test('the VPN pane says it is not configured and offers no Connect button', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-capability="vpn"] .badge')).toHaveAttribute('data-level', 'unconfigured');
  // Unconfigured, the card leads to the profile; the navigation still opens the pane.
  await expect(page.locator('[data-capability="vpn"] [data-testid="card-set-up"]')).toBeVisible();
  await page.locator('[data-nav="vpn"]').click();
  const pane = page.locator('[data-pane="vpn"]');
  await expect(pane).toBeVisible();
  await expect(pane.locator('.badge')).toHaveAttribute('data-level', 'unconfigured');
  await expect(pane).toContainText('has not been configured yet');
  await expect(pane.getByRole('button', { name: 'Connect' })).toHaveCount(0);
  await expect(pane.locator('[data-vpn-probes]')).toHaveCount(0);
});

test('the contract answers vpn.status with the unconfigured state and refuses vpn.connect in one line', async ({ app }) => {
  const state = await app.invoke('vpn.status', { refresh: true });
  expect(state).toMatchObject({
    state: 'unknown',
    configured: false,
    reasons: [{ key: 'vpn.reason.notConfigured' }],
    driver: { kind: 'probe-only', canConnect: false },
  });
  await expect(app.invoke('vpn.connect', {})).rejects.toThrow(
    /^vpn\.connect: The VPN is not configured yet: your help desk sends its settings in a configuration profile$/,
  );
});

/** A port on 127.0.0.1 that nothing listens on: taken, then given back. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

test('in Italian, Disconnect with an OpenVPN that does not answer is said in the catalogue’s words, its own words only behind Details', async ({
  openWindow,
}) => {
  const port = await closedPort();
  const office = createServer();
  await new Promise<void>((resolve) => office.listen(0, '127.0.0.1', resolve));
  const vpn = {
    tunnelInterfaces: ['lo'],
    corporateSubnets: ['127.0.0.0/8'],
    tcpTargets: [{ name: 'PC ufficio', host: '127.0.0.1', port: (office.address() as AddressInfo).port }],
    timing: { probeTimeoutMs: 1_000 },
    driver: { kind: 'openvpn' as const, managementHost: '127.0.0.1', managementPort: port },
  };
  const italian = await startApp({ locale: 'it-IT', profile: demoProfile({ now: new Date(), vpn }) });
  try {
    const page = await openWindow(italian);
    await page.goto(italian.url);
    await page.locator('[data-nav="vpn"]').click();
    const pane = page.locator('[data-pane="vpn"]');
    // The tunnel and the office answer; OpenVPN's management interface does not.
    await expect(pane.locator('[data-probe="driver"]')).toHaveAttribute('data-ok', 'false', { timeout: 20_000 });
    await pane.getByRole('button', { name: /^(Collega|Scollega)$/ }).click();
    const notice = pane.getByTestId('vpn-error');
    await expectCatalogueError(notice, 'it', 'vpn.management-unreachable', { address: `127.0.0.1:${port}` });
    await notice.getByText('Dettagli').click();
    await expect(notice.locator('details code')).toContainText(`--management 127.0.0.1 ${port}`);
    await expectEveryErrorFromCatalogue(pane, 'it');
  } finally {
    await italian.stop();
    await new Promise<void>((resolve) => office.close(() => resolve()));
  }
});

test('in Italian the VPN pane speaks Italian', async ({ openWindow }) => {
  const italian = await startApp({ locale: 'it-IT' });
  try {
    const page = await openWindow(italian);
    await page.goto(italian.url);
    await page.locator('[data-nav="vpn"]').click();
    await expect(page.locator('[data-pane="vpn"]')).toContainText('non è ancora configurata');
  } finally {
    await italian.stop();
  }
});

/**
 * The lab's office: an OpenVPN client on this machine (management interface on loopback) tunnelling to a server
 * namespace that holds the intranet's DNS and an intranet server. The profile names them, as a help desk would.
 */
test.describe('with the lab tunnel up', () => {
  test.describe.configure({ mode: 'serial' });
  let tunnel: DemoVpn;
  let office: RunningApp;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    tunnel = await startDemoVpn({ tunnel: true });
    expect(tunnel.mode, tunnel.reason).toBe('tunnel');
    office = await startApp({ profile: demoProfile({ now: new Date(), vpn: tunnel.config }) });
  });

  test.afterAll(async () => {
    await office?.stop();
    await tunnel?.stop();
  });

  const openPane = async (page: Page): Promise<Locator> => {
    await page.goto(office.url);
    await page.locator('[data-nav="vpn"]').click();
    const pane = page.locator('[data-pane="vpn"]');
    await expect(pane.locator('[data-vpn-state]')).toHaveAttribute('data-vpn-state', 'connected', { timeout: 20_000 });
    return pane;
  };

  test('each check is a row with an icon and a word, Disconnect is not the primary button, and the round-trip names its target', async ({
    openWindow,
  }) => {
    const page = await openWindow(office);
    const pane = await openPane(page);
    const rows = pane.locator('[data-vpn-probes] > li');
    await expect(rows).toHaveCount(5);
    for (const row of await rows.all()) {
      await expect(row.locator('.vpn-check-outcome')).toHaveText('Passed');
      await expect(row.locator('.vpn-check-outcome svg')).toHaveCount(1);
      // No list bullet and no bare tick: the outcome is the row's icon and word.
      expect(await row.evaluate((item) => getComputedStyle(item).listStyleType)).toBe('none');
      await expect(row).not.toContainText('✓');
    }
    await expect(pane.locator('[data-probe="tcp"] .vpn-check-target')).toHaveText(/^Intranet server \(10\.197\.\d+\.10:\d+\)$/);

    const disconnect = pane.getByRole('button', { name: 'Disconnect' });
    await expect(disconnect).toHaveClass(/\b(secondary|danger)\b/);
    await expect(pane.getByRole('button', { name: 'Connect', exact: true })).toHaveCount(0);

    const details = pane.locator('[data-vpn-details]');
    await expect(details.locator('dt', { hasText: 'Round-trip to Intranet server' })).toHaveText('Round-trip to Intranet server');
    await expect(details.locator('dt', { hasText: 'Round-trip' }).locator('+ dd')).toHaveText(/^\d+(\.\d+)? ms \(10\.197\.\d+\.10:\d+\)$/);
    await expect(details).not.toContainText('office PC');
    await expect(details.locator('dt', { hasText: 'Connected' }).locator('+ dd')).toHaveText(/^since \d\d?:\d\d( [AP]M)?$/);

    await page.locator('[data-nav="settings"]').click();
    await page.getByLabel('Language').selectOption('it');
    await page.locator('[data-nav="vpn"]').click();
    await expect(pane).toContainText("Se la rete dell'ufficio è raggiungibile e, se non lo è, perché.");
    await expect(pane.locator('[data-vpn-probes] .vpn-check-outcome').first()).toHaveText('Superata');
    await expect(details.locator('dt', { hasText: 'Collegato' }).locator('+ dd')).toHaveText(/^dalle \d\d:\d\d$/);
    await expect(details).toContainText(/Tempo di risposta di Intranet server/);
    await page.locator('[data-nav="dashboard"]').click();
    await expect(page.locator('[data-capability="vpn"] .card-summary')).toHaveText("La rete dell'ufficio è raggiungibile.");
  });

  test('Disconnect takes the tunnel down, and Connect, then the primary button, brings it back', async ({ openWindow }) => {
    test.setTimeout(60_000);
    const page = await openWindow(office);
    const pane = await openPane(page);
    await pane.getByRole('button', { name: 'Disconnect' }).click();
    await expect(pane.locator('[data-vpn-state]')).toHaveAttribute('data-vpn-state', 'disconnected', { timeout: 20_000 });
    await expect(pane.locator('[data-probe="tunnel"] .vpn-check-outcome')).toHaveText('Failed');
    await expect(pane.locator('[data-probe="tunnel"]')).toHaveClass(/\bfailed\b/);
    const connect = pane.getByRole('button', { name: 'Connect', exact: true });
    await expect(connect).not.toHaveClass(/\b(secondary|danger)\b/);
    await page.screenshot({ path: test.info().outputPath('vpn-disconnected-en.png'), fullPage: true });
    await connect.click();
    await expect(pane.locator('[data-vpn-state]')).toHaveAttribute('data-vpn-state', 'connected', { timeout: 30_000 });
    await expect(pane.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  });

  for (const language of ['en', 'it'] as const) {
    test(`the VPN pane has no accessibility violations (${language})`, async ({ openWindow }) => {
      const page = await openWindow(office);
      await openPane(page);
      if (language === 'it') {
        await page.locator('[data-nav="settings"]').click();
        await page.getByLabel('Language').selectOption('it');
        await page.locator('[data-nav="vpn"]').click();
        await expect(page.locator('[data-pane="vpn"] h1')).toHaveText('VPN');
        await expect(page.locator('[data-pane="vpn"]')).toContainText('Verifiche');
      }
      for (const [width, height] of [
        [1366, 768],
        [1024, 600],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: test.info().outputPath(`vpn-${language}-${width}x${height}.png`), fullPage: true });
      }
      // The light theme and the dark one: the highlights and the outcome colours change with it.
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await expectNoAxeViolations(page, `the vpn pane in ${language}, ${colorScheme}`);
        await page.screenshot({ path: test.info().outputPath(`vpn-${language}-${colorScheme}.png`), fullPage: true });
        await page.screenshot({ path: test.info().outputPath(`vpn-${language}-${colorScheme}.png`), fullPage: true });
      }
    });
  }
});
