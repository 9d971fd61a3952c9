import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { missingPeer, startSecretService } from '../lab/secret-service';
import { missingPhonePeer, startPhoneLab, type PhoneLab } from '../lab/phone/phone-lab';
import type { BaresipEvent } from '../lab/phone/baresip';
import { e2eSecrets } from './secrets-used';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';

// The call follows the employee: the ringing dialog, the call bar on every pane, the dashboard card, the header.
const EXTENSION = '2041';
const PASSWORD = e2eSecrets.phonePassword;
const MEDIA_SWITCHES = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
const SHOTS = process.env['SCRIVANIA_CALL_SHOTS'];
test.describe.configure({ mode: 'serial' });

let lab: PhoneLab | undefined;
let keychain: Awaited<ReturnType<typeof startSecretService>> | undefined;
let app: RunningApp | undefined;
let page: Page;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  const missing = missingPhonePeer() ?? missingPeer('secret-service');
  test.skip(missing !== undefined, missing);
  keychain = await startSecretService();
  lab = await startPhoneLab({ employee: { user: EXTENSION, password: PASSWORD } });
  const profile = {
    schemaVersion: 1,
    id: 'comune-lab-phone',
    serial: 1,
    issuedAt: '2026-01-01T00:00:00Z',
    expiresAt: '2099-01-01T00:00:00Z',
    organization: { name: 'Comune di Laboratorio' },
    phone: { ...lab.phoneSection(), extension: '${user.extension}' },
    userFields: [{ key: 'extension', label: { en: 'Extension', it: 'Interno' }, pattern: '[0-9]{3,6}' }],
  };
  app = await startApp({ profile, userFields: { extension: EXTENSION }, env: keychain.env, switches: MEDIA_SWITCHES });
  await app.invoke('credentials.save', { id: 'phone', secret: PASSWORD });
  page = await app.window();
});

test.afterAll(async () => {
  await app?.stop();
  await lab?.stop();
  await keychain?.stop();
});

const theLab = (): PhoneLab => {
  if (!lab) throw new Error('the phone lab did not start');
  return lab;
};

const dialog = (): Locator => page.getByRole('alertdialog');
const callBar = (): Locator => page.getByTestId('call-bar');
const overall = (): Locator => page.getByTestId('overall-status');
const phoneCard = (): Locator => page.locator('[data-capability="phone"]');

/** The outside caller rings the answer group, which Kamailio diverts to 2041; returns where its events start. */
const ringFromOutside = async (): Promise<number> => {
  const { caller, group } = theLab();
  const since = caller.events.length;
  await caller.command('dial', caller.aor(group.number));
  await expect(dialog()).toBeVisible({ timeout: 10_000 });
  return since;
};

const callerHungUp = async (since: number): Promise<BaresipEvent> =>
  theLab().caller.waitForEvent((event) => event.type === 'CALL_CLOSED', 'CALL_CLOSED', 10_000, since);

const expectNoAxeViolations = async (what: string): Promise<void> => {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
};

const shoot = async (name: string): Promise<void> => {
  if (!SHOTS) return;
  for (const [width, height] of [
    [1366, 768],
    [1024, 600],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
};

const useLanguage = async (language: 'en' | 'it'): Promise<void> => {
  await page.locator('[data-nav="settings"]').click();
  await page.locator('#setting-language').selectOption(language);
};

test('the header never says everything works while the phone is not registered', async () => {
  await page.goto(theApp().url);
  // Every overall status the header shows, beside the phone's own level in the navigation at that moment.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { overallSeen: string[] }).overallSeen = seen;
    const record = (): void => {
      const header = document.querySelector('[data-testid="overall-status"]');
      const phoneLevel = document.querySelector('[data-nav="phone"] .nav-status')?.getAttribute('data-level') ?? '';
      const entry = `${header?.getAttribute('data-level') ?? ''}|${header?.textContent ?? ''}|${phoneLevel}`;
      if (seen.at(-1) !== entry) seen.push(entry);
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    record();
  });
  await page.locator('[data-nav="phone"]').click();
  await expect(page.getByTestId('phone-registration')).toHaveAttribute('data-state', 'off');
  await expect(overall()).toHaveAttribute('data-level', 'warning');
  await page.getByRole('button', { name: 'Turn the phone on' }).click();
  await expect(page.getByTestId('phone-registration')).toHaveAttribute('data-state', 'registered', { timeout: 10_000 });
  await expect(overall()).toHaveText('Everything works');
  const seen = await page.evaluate(() => (window as unknown as { overallSeen: string[] }).overallSeen);
  expect(seen.some((entry) => entry.endsWith('|warning'))).toBe(true);
  const worksWhileNotRegistered = seen.filter(
    (entry) => (entry.startsWith('ok|') || /\|(Everything works|Working)\|/.test(entry)) && !entry.endsWith('|ok'),
  );
  expect(worksWhileNotRegistered).toEqual([]);
});

test('a ringing call is an alert dialog that takes the focus and answers to Alt+A; the dashboard card hangs it up', async () => {
  test.setTimeout(60_000);
  const { callerUser } = theLab();
  await page.locator('[data-nav="dashboard"]').click();
  const since = await ringFromOutside();
  await expect(dialog().getByRole('heading')).toHaveText(`${callerUser} is calling`);
  await expect(dialog()).toContainText('For Polizia Municipale');
  await expect(dialog()).toBeFocused();
  await expect(dialog().getByRole('button', { name: /Answer/ })).toHaveClass(/success/);
  await expect(dialog().getByRole('button', { name: /Decline/ })).toHaveClass(/danger/);
  await expect(dialog().getByRole('button', { name: /Answer/ })).toContainText('Alt+A');
  await expect(phoneCard().locator('.card-summary')).toHaveText(`${callerUser} is calling for Polizia Municipale.`);
  await expectNoAxeViolations('ringing, in English');
  await shoot('ringing-en');

  await page.keyboard.press('Alt+KeyA');
  await expect(dialog()).toHaveCount(0);
  await expect(callBar()).toHaveAttribute('data-call-state', 'active', { timeout: 10_000 });
  await expect(page.locator('.topbar').getByTestId('call-bar-caller')).toHaveText(callerUser);
  await expect(callBar()).toContainText('For Polizia Municipale');
  await expect(callBar().getByTestId('call-bar-timer')).toHaveText(/^0:0\d$/);
  await expect(phoneCard().locator('.badge')).toHaveAttribute('data-level', 'busy');
  await expect(phoneCard().locator('.card-summary')).toHaveText(`In a call with ${callerUser}, for Polizia Municipale.`);
  // The header names the phone as busy (and opens it), never "Everything works" mid-call; the bar beside it shows the call.
  await expect(overall()).toHaveAttribute('data-level', 'busy');
  await expect(overall()).toContainText('Phone');
  await expect(phoneCard().getByTestId('card-call-timer')).toBeVisible();
  await expectNoAxeViolations('in a call, in English');
  await shoot('in-call-dashboard-en');

  await phoneCard().getByRole('button', { name: 'Hang up' }).click();
  await callerHungUp(since);
  await expect(callBar()).toHaveCount(0);
  await expect(phoneCard().locator('.card-summary')).toHaveText('Extension 2041, ready for calls.');
  await expect(overall()).toHaveText('Everything works');
});

test('Tab then Enter answers from the dialog; on the Phone pane the status line says the employee is on a call', async () => {
  test.setTimeout(60_000);
  await page.locator('[data-nav="phone"]').click();
  const since = await ringFromOutside();
  await page.keyboard.press('Tab');
  await expect(dialog().getByRole('button', { name: /Answer/ })).toBeFocused();
  await page.keyboard.press('Enter');
  const card = page.locator('[data-testid="call"][data-call-state="active"]');
  await expect(card).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('phone-registration')).toHaveText('Extension 2041: you are on a call.');
  await expect(page.getByTestId('phone-registration')).not.toContainText('ready for calls');
  await expect(card.getByRole('button', { name: 'Hang up' })).toHaveClass(/danger/);
  await expect(card.getByRole('button', { name: 'Mute' })).toHaveClass(/secondary/);
  await expect(card.getByRole('button', { name: 'Hold' })).toHaveClass(/secondary/);
  await expect(card.getByRole('button', { name: 'Attended transfer' })).toBeVisible();
  // Packet counts are folded under "Call quality", after what can be done with the call.
  await expect(card.getByTestId('call-quality')).toBeVisible({ timeout: 10_000 });
  await expect(card.getByTestId('call-stats')).toBeHidden();
  await card.getByTestId('call-quality').locator('summary').click();
  await expect(card.getByTestId('call-stats')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Keypad' })).toHaveAttribute('data-state', 'active');
  await shoot('in-call-phone-en');
  await card.getByRole('button', { name: 'Hang up' }).click();
  await callerHungUp(since);
});

for (const view of ['vpn', 'officePc', 'meetings', 'profile', 'settings', 'help'] as const) {
  test(`a call answered on the Phone pane stays in view on the ${view} pane, holds and hangs up from there`, async () => {
    test.setTimeout(60_000);
    const { callerUser } = theLab();
    await page.locator('[data-nav="phone"]').click();
    const since = await ringFromOutside();
    await dialog()
      .getByRole('button', { name: /Answer/ })
      .click();
    await expect(page.locator('[data-testid="call"][data-call-state="active"]')).toBeVisible({ timeout: 10_000 });
    await page.locator(`[data-nav="${view}"]`).click();
    await expect(page.locator(`[data-nav="${view}"]`)).toHaveAttribute('aria-current', 'page');
    await expect(callBar().getByTestId('call-bar-caller')).toHaveText(callerUser);
    await expect(callBar().getByTestId('call-bar-timer')).toBeVisible();
    await callBar().getByRole('button', { name: 'Hold' }).click();
    await expect(callBar()).toHaveAttribute('data-call-state', 'held', { timeout: 10_000 });
    // JsSIP ignores an unhold while the hold's re-INVITE is still unanswered (isReadyToReOffer), which the card
    // cannot see yet: Resume is clicked again until the call is back.
    await expect(async () => {
      await callBar().getByRole('button', { name: 'Resume' }).click();
      await expect(callBar()).toHaveAttribute('data-call-state', 'active', { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await callBar().getByRole('button', { name: 'Hang up' }).click();
    await callerHungUp(since);
    await expect(callBar()).toHaveCount(0);
  });
}

test('in Italian: the dialog, the call bar and the card speak Italian, and axe finds nothing ringing or in a call', async () => {
  test.setTimeout(60_000);
  const { callerUser } = theLab();
  await useLanguage('it');
  // The web host cannot take shortcuts from other programs: Settings says so and names the ones in the window.
  const shortcuts = page.locator('[data-section="phone-shortcuts"]');
  await expect(shortcuts.getByRole('heading')).toHaveText('Scorciatoie del telefono');
  await expect(shortcuts).toContainText('Mentre una chiamata squilla, Alt+A risponde e Alt+D rifiuta');
  await expect(shortcuts).toContainText("Solo l'app installata");
  if (SHOTS) await shortcuts.screenshot({ path: `${SHOTS}/settings-shortcuts-it.png` });
  await page.locator('[data-nav="dashboard"]').click();
  const since = await ringFromOutside();
  await expect(dialog().getByRole('heading')).toHaveText(`${callerUser} sta chiamando`);
  await expect(dialog()).toContainText('Per Polizia Municipale');
  await expect(dialog()).toBeFocused();
  await expectNoAxeViolations('ringing, in Italian');
  await shoot('ringing-it');
  await page.keyboard.press('Alt+KeyA');
  await expect(callBar()).toHaveAttribute('data-call-state', 'active', { timeout: 10_000 });
  await expect(phoneCard().locator('.card-summary')).toHaveText(`In conversazione con ${callerUser}, per Polizia Municipale.`);
  await expectNoAxeViolations('in a call, in Italian');
  await shoot('in-call-dashboard-it');
  await page.locator('[data-nav="phone"]').click();
  await expect(page.getByTestId('phone-registration')).toHaveText('Interno 2041: sei al telefono.');
  await shoot('in-call-phone-it');
  await callBar().getByRole('button', { name: 'Riaggancia' }).click();
  await callerHungUp(since);
  await useLanguage('en');
});

test('Alt+D declines the ringing call, and the caller hears it refused', async () => {
  await page.locator('[data-nav="dashboard"]').click();
  const since = await ringFromOutside();
  await page.keyboard.press('Alt+KeyD');
  await expect(dialog()).toHaveCount(0);
  await callerHungUp(since);
  await expect(callBar()).toHaveCount(0);
});

const theApp = (): RunningApp => {
  if (!app) throw new Error('the app did not start');
  return app;
};
