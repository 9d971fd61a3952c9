import type { Page } from '@playwright/test';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { e2eHostFrom, WEB_HOST_ONLY } from './e2e-host';
import { expect, startApp, test } from './web-host-fixture';

const capabilities = ['vpn', 'officePc', 'phone', 'meetings'] as const;

/** Collects every console error and uncaught exception the page produces. */
const watchErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
};

test('the app loads with no console errors and shows the four cards', async ({ page, app }) => {
  const errors = watchErrors(page);
  await page.goto(app.url);
  for (const id of capabilities) await expect(page.locator(`[data-capability="${id}"]`)).toBeVisible();
  await expect(page.locator('[data-capability="vpn"] .badge')).toHaveAttribute('data-level', 'unconfigured');
  await expect(page.locator('[data-capability="vpn"] .card-summary')).toContainText('help desk will send a configuration profile');
  // The token left the address bar (and the history) for this origin's sessionStorage.
  expect(new URL(page.url()).hash).toBe('');
  expect(errors).toEqual([]);
});

test('each pane opens from the navigation; an unconfigured card leads to setting it up with a profile', async ({ page, app }) => {
  await page.goto(app.url);
  for (const id of capabilities) {
    await page
      .locator(`[data-capability="${id}"]`)
      .getByRole('button', { name: /^Set up .* with a configuration profile$/ })
      .click();
    await expect(page.locator('[data-pane="profile"]')).toBeVisible();
    await page.locator(`[data-nav="${id}"]`).click();
    await expect(page.locator(`[data-pane="${id}"]`)).toBeVisible();
    await page.getByRole('button', { name: /Back to the dashboard/ }).click();
  }
  for (const view of ['settings', 'help'] as const) {
    await page.locator(`[data-nav="${view}"]`).click();
    await expect(page.locator(`[data-pane="${view}"]`)).toBeVisible();
  }
  await expect(page.locator('[data-pane="help"]')).toContainText(app.host === 'web' ? 'Browser window' : 'Desktop app');
});

test('a pane opens at its top, wherever the previous one was scrolled to', async ({ page, app }) => {
  await page.setViewportSize({ width: 900, height: 400 });
  await page.goto(app.url);
  await page.locator('[data-nav="settings"]').click();
  await page.mouse.wheel(0, 2_000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await page.locator('[data-nav="help"]').click();
  await expect(page.locator('[data-pane="help"]')).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
});

test('switching to Italian changes the labels, and the choice survives a reload', async ({ page, app }) => {
  await page.goto(app.url);
  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Language').selectOption('it');
  await expect(page.locator('[data-nav="dashboard"]')).toHaveText('Riepilogo');
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await page.reload();
  await page.locator('[data-nav="dashboard"]').click();
  await expect(page.locator('[data-capability="officePc"] h2')).toHaveText("PC dell'ufficio");
  await expect(page.locator('[data-capability="phone"] .card-summary')).toContainText('profilo di configurazione');
});

test('an Italian system gets Italian without choosing', async ({ openWindow }) => {
  const italian = await startApp({ locale: 'it-IT' });
  try {
    const page = await openWindow(italian);
    await page.goto(italian.url);
    await expect(page.locator('[data-nav="help"]')).toHaveText('Assistenza');
  } finally {
    await italian.stop();
  }
});

const background = (page: Page): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('dark mode follows the system and can be chosen in Settings', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await expect.poll(() => background(page)).toBe('rgb(13, 17, 23)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe('rgb(246, 247, 249)');
  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Appearance').selectOption('dark');
  await expect.poll(() => background(page)).toBe('rgb(13, 17, 23)');
});

test('keyboard users get a skip link, visible focus and landmarks', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-capability="vpn"]')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).toBe('solid');
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
});

// The token guards the web host's WebSocket, which Electron does not have.
test('the contract is refused without the token, whoever serves the page', { tag: WEB_HOST_ONLY }, async ({ app }) => {
  const page = await fetch(`${app.origin}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('set-cookie')).toBeNull();

  const refusal = await new Promise<number>((resolve) => {
    const socket = new WebSocket(`${app.origin.replace('http', 'ws')}/ws`, { headers: { Origin: app.origin } });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => resolve(101));
  });
  expect(refusal).toBe(401);
});

test('Settings offers phone links only where the OS can hand them over: never in a browser window, "only installed" in a development Electron run', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.locator('[data-nav="settings"]').click();
  const section = page.locator('[data-section="phone-links"]');
  if (e2eHostFrom(process.env) === 'web') {
    expect(await app.invoke('app.phoneLinks', {})).toEqual({ availability: 'browser', handledHere: false, canRelease: false });
    await expect(page.getByRole('heading', { name: 'Updates' })).toBeVisible();
    await expect(section).toHaveCount(0);
    return;
  }
  await expect(section.getByRole('heading', { name: 'Phone links' })).toBeVisible();
  await expect(section.getByRole('status')).toHaveText('Only an installed Scrivania can open phone links.');
  await expect(section.getByRole('button')).toHaveCount(0);
});

// A cookie ignores the port, so a token kept in one would reach every other server on 127.0.0.1.
test(
  'the token never reaches another server on 127.0.0.1, and a page there cannot read it',
  { tag: WEB_HOST_ONLY },
  async ({ page, app }) => {
    const seen: { path: string; cookie: string }[] = [];
    const other = createServer((request, response) => {
      seen.push({ path: request.url ?? '', cookie: request.headers.cookie ?? '' });
      response
        .writeHead(200, { 'Content-Type': 'text/html', 'Access-Control-Allow-Origin': '*' })
        .end('<!doctype html><title>another server</title>');
    });
    other.listen(0, '127.0.0.1');
    await once(other, 'listening');
    const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      await page.goto(app.url);
      await expect(page.locator('[data-capability="vpn"] .badge')).toHaveAttribute('data-level', 'unconfigured');
      await page.goto(`${otherOrigin}/visited`);
      expect(await page.evaluate(() => sessionStorage.getItem('scrivania.token'))).toBeNull();
      expect(seen.map((request) => request.path)).toContain('/visited');
      for (const request of seen) expect(request.cookie).not.toContain(app.token);
      expect((await page.context().cookies()).map((cookie) => cookie.value)).not.toContain(app.token);
    } finally {
      other.close();
    }
  },
);
