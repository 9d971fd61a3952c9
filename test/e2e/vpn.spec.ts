import { expect, startApp, test } from './web-host-fixture';

// The web host has no tunnel and, until profiles feed the VPN section to the service, no VPN configuration:
// what must hold is that the pane, the card and the contract all say "not configured" and offer no Connect.

test('the VPN pane says it is not configured and offers no Connect button', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-capability="vpn"] .badge')).toHaveAttribute('data-level', 'unconfigured');
  await page.locator('[data-capability="vpn"] button').click();
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
    /^The VPN is not configured yet: your help desk sends its settings in a configuration profile$/,
  );
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
