import { invokeOverWebSocket } from '../support/contract-socket';
import { expect, test } from './web-host-fixture';

// The web host has no tunnel and, until profiles feed the VPN section to the service, no VPN configuration:
// what must hold is that the pane, the card and the contract all say "not configured" and offer no Connect.

test('the VPN pane says it is not configured and offers no Connect button', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await expect(page.locator('[data-capability="vpn"] .badge')).toHaveAttribute('data-level', 'unconfigured');
  await page.locator('[data-capability="vpn"] button').click();
  const pane = page.locator('[data-pane="vpn"]');
  await expect(pane).toBeVisible();
  await expect(pane.locator('.badge')).toHaveAttribute('data-level', 'unconfigured');
  await expect(pane).toContainText('has not been configured yet');
  await expect(pane.getByRole('button', { name: 'Connect' })).toHaveCount(0);
  await expect(pane.locator('[data-vpn-probes]')).toHaveCount(0);
});

test('the contract answers vpn.status with the unconfigured state and refuses vpn.connect in one line', { tag: '@web-host' }, async ({ webHost }) => {
  const state = await invokeOverWebSocket(webHost.origin, webHost.token, 'vpn.status', { refresh: true });
  expect(state).toMatchObject({ state: 'unknown', configured: false, reasons: [{ key: 'vpn.reason.notConfigured' }], driver: { kind: 'probe-only', canConnect: false } });
  await expect(invokeOverWebSocket(webHost.origin, webHost.token, 'vpn.connect', {})).rejects.toThrow(/^The VPN is not configured yet: your help desk sends its settings in a configuration profile$/);
});

test('in Italian the VPN pane speaks Italian', { tag: '@web-host' }, async ({ browser, webHost }) => {
  const context = await browser.newContext({ locale: 'it-IT' });
  const page = await context.newPage();
  await page.goto(webHost.url);
  await page.locator('[data-nav="vpn"]').click();
  await expect(page.locator('[data-pane="vpn"]')).toContainText('non è ancora configurata');
  await context.close();
});
