import type { Locator, Page } from '@playwright/test';
import type { FarEnd } from '../lab/phone/far-end';
import type { PhoneLab } from '../lab/phone/phone-lab';
import {
  answerCallFrom,
  callCard,
  farEndOf,
  hangUpFrom,
  missingPhoneLabPeer,
  startPhoneLabApp,
  turnPhoneOn,
  type PhoneLabApp,
} from './phone-lab-app';
import { expect, test } from './web-host-fixture';

// The digits the far end sends as RFC 4733 telephone events, through Kamailio and rtpengine, shown on the call card.
test.describe.configure({ mode: 'serial' });

let running: PhoneLabApp | undefined;
let page: Page;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  const missing = missingPhoneLabPeer();
  test.skip(missing !== undefined, missing);
  running = await startPhoneLabApp();
  page = running.page;
  await turnPhoneOn(page, running.app.url);
});

test.afterAll(async () => {
  await running?.stop();
});

const theLab = (): PhoneLab => {
  if (!running) throw new Error('the phone lab did not start');
  return running.lab;
};

const received = (card: Locator): Locator => card.getByTestId('dtmf-received');

/** SIP requests Kamailio routed since `since` (a length of its log): the digits must not have come as SIP INFO. */
const infoRequestsSince = async (since: number): Promise<string[]> =>
  (await theLab().kamailioLog()).slice(since).match(/LAB INFO sip:\S+/g) ?? [];

/**
 * The far end sends `digits` in the RTP stream; the card shows exactly them, each once, and still so a moment later
 * (a repeated end packet would come within it), and none of them came as SIP INFO.
 */
const expectDigitsShown = async (far: FarEnd, card: Locator, digits: string): Promise<void> => {
  const logBefore = (await theLab().kamailioLog()).length;
  await far.sendDigits(digits, 'rfc4733');
  await expect(received(card)).toHaveAttribute('data-digits', digits, { timeout: 10_000 });
  await expect(received(card)).toHaveText(`Digits received: ${digits}`);
  await page.waitForTimeout(1_500);
  await expect(received(card)).toHaveAttribute('data-digits', digits);
  expect(await infoRequestsSince(logBefore)).toEqual([]);
};

for (const implementation of ['baresip', 'linphone'] as const) {
  test(`digits ${implementation} sends as RFC 4733 are shown on the card, each once, also after a hold and resume`, async () => {
    test.setTimeout(90_000);
    const far = farEndOf(theLab(), implementation);
    const { card } = await answerCallFrom(page, theLab(), far);
    // Repeated digits are separate presses: a counter keyed on the digit alone would show "0" once.
    await expectDigitsShown(far, card, '147*#00');
    // Shown briefly: gone a few seconds after the last digit.
    await expect(received(card)).toHaveCount(0, { timeout: 10_000 });

    // A renegotiation keeps the receiver, and its transform, in place.
    await card.getByRole('button', { name: 'Hold' }).click();
    await expect(callCard(page, 'held')).toBeVisible();
    await callCard(page, 'held').getByRole('button', { name: 'Resume' }).click();
    await expect(callCard(page, 'active')).toBeVisible();
    await expectDigitsShown(far, callCard(page, 'active'), '9250');
    await hangUpFrom(page, far);
  });
}

test('on a call Scrivania places, the digits the called party sends as RFC 4733 are shown too', async () => {
  test.setTimeout(60_000);
  const lab = theLab();
  const far = farEndOf(lab, 'baresip');
  const since = lab.caller.events.length;
  await page.getByRole('tab', { name: 'Keypad' }).click();
  await page.getByLabel('Number', { exact: true }).fill(lab.callerUser);
  await page.getByRole('button', { name: 'Call', exact: true }).click();
  await lab.caller.waitForEvent((event) => event.type === 'CALL_INCOMING', 'the call from Scrivania', 10_000, since);
  await lab.caller.command('accept');
  const card = callCard(page, 'active');
  await expect(card).toBeVisible({ timeout: 10_000 });
  await lab.caller.waitForEvent((event) => event.type === 'CALL_ESTABLISHED', 'the call established', 10_000, since);
  await expectDigitsShown(far, card, '3#8');
  await hangUpFrom(page, far);
});

test('the digits received, on the card in English and Italian, at 1366×768 and 1024×600', async () => {
  test.setTimeout(60_000);
  const far = farEndOf(theLab(), 'baresip');
  const { card } = await answerCallFrom(page, theLab(), far);
  const shoot = async (language: string): Promise<void> => {
    for (const [width, height] of [
      [1366, 768],
      [1024, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect(received(card)).toBeInViewport();
      await page.screenshot({ path: test.info().outputPath(`received-digits-${language}-${width}x${height}.png`) });
    }
  };
  await far.sendDigits('42', 'rfc4733');
  await expect(received(card)).toHaveText('Digits received: 42');
  await shoot('en');
  await expect(received(card)).toHaveCount(0, { timeout: 10_000 });

  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Language').selectOption('it');
  await page.locator('[data-nav="phone"]').click();
  await far.sendDigits('#7', 'rfc4733');
  await expect(received(card)).toHaveText('Cifre ricevute: #7');
  await shoot('it');

  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Lingua').selectOption('en');
  await hangUpFrom(page, far);
});
