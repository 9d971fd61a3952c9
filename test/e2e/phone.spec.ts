import type { Locator, Page } from '@playwright/test';
import { missingPeer, startSecretService } from '../lab/secret-service';
import { missingPhonePeer, startPhoneLab, type PhoneLab } from '../lab/phone/phone-lab';
import type { Baresip, BaresipEvent } from '../lab/phone/baresip';
import { baresipFarEnd, type FarEnd, type FarEndMark } from '../lab/phone/far-end';
import { expectCatalogueError, expectEveryErrorFromCatalogue } from './error-catalogue';
import { e2eSecrets } from './secrets-used';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';

const EXTENSION = '2041';
const PASSWORD = e2eSecrets.phonePassword;

// A fake microphone (a beep) and no permission prompts; remote audio may play unprompted.
const MEDIA_SWITCHES = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
test.describe.configure({ mode: 'serial' });

const profileFor = (lab: PhoneLab): Record<string, unknown> => ({
  schemaVersion: 1,
  id: 'comune-lab-phone',
  serial: 1,
  issuedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2099-01-01T00:00:00Z',
  organization: { name: 'Comune di Laboratorio' },
  phone: { ...lab.phoneSection(), extension: '${user.extension}' },
  userFields: [{ key: 'extension', label: { en: 'Extension', it: 'Interno' }, pattern: '[0-9]{3,6}' }],
});

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
  app = await startApp({ profile: profileFor(lab), userFields: { extension: EXTENSION }, env: keychain.env, switches: MEDIA_SWITCHES });
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

const theApp = (): RunningApp => {
  if (!app) throw new Error('the app did not start');
  return app;
};

const callCard = (state?: string): Locator =>
  page.locator(state ? `[data-testid="call"][data-call-state="${state}"]` : '[data-testid="call"]');
const registration = (): Locator => page.getByTestId('phone-registration');
/** A ringing call is a modal alert dialog over every pane: it is answered or declined there. */
const ringingDialog = (): Locator => page.getByRole('alertdialog');
const answerRinging = (): Promise<void> =>
  ringingDialog()
    .getByRole('button', { name: /Answer/ })
    .click();
const declineRinging = (): Promise<void> =>
  ringingDialog()
    .getByRole('button', { name: /Decline/ })
    .click();

const packetsReceived = async (card: Locator): Promise<number> =>
  Number(await card.getByTestId('call-stats').getAttribute('data-packets-received'));
const audioEnergy = async (card: Locator): Promise<number> =>
  Number(await card.getByTestId('call-stats').getAttribute('data-audio-energy'));

/** Waits until the call's inbound packet count has grown past `than`. */
const expectPacketsAbove = async (card: Locator, than: number): Promise<number> => {
  await expect.poll(() => packetsReceived(card), { timeout: 10_000 }).toBeGreaterThan(than);
  return packetsReceived(card);
};

const eventFrom = (peer: Baresip, type: string, since: number, match: (event: BaresipEvent) => boolean = () => true, timeoutMs = 10_000) =>
  peer.waitForEvent((event) => event.type === type && match(event), type, timeoutMs, since);

const callGroupFromOutside = async (): Promise<number> => {
  const { caller, group } = theLab();
  const since = caller.events.length;
  await caller.command('dial', caller.aor(group.number));
  return since;
};

test('turning the phone on registers extension 2041 over WebSocket with the password from the keychain', async () => {
  await page.goto(theApp().url);
  await page.locator('[data-nav="phone"]').click();
  await expect(registration()).toHaveAttribute('data-state', 'off');
  await page.getByRole('button', { name: 'Turn the phone on' }).click();
  await expect(registration()).toHaveAttribute('data-state', 'registered', { timeout: 10_000 });
  await expect(registration()).toHaveText('Extension 2041 is ready for calls.');
  await page.locator('[data-nav="dashboard"]').click();
  await expect(page.locator('[data-capability="phone"] .badge')).toHaveAttribute('data-level', 'ok');
  await expect(page.locator('[data-capability="phone"] .card-summary')).toContainText('Extension 2041, ready for calls.');
});

test('a call diverted from the answer group rings with the group name; answered, audio flows both ways; hold, DTMF and a blind transfer', async () => {
  test.setTimeout(90_000);
  const { caller, colleague, colleagueUser, callerUser } = theLab();
  // The call rings over the dashboard too, and can be answered from there.
  const since = await callGroupFromOutside();
  const banner = page.getByTestId('incoming-banner');
  await expect(banner).toContainText(callerUser);
  await expect(banner.getByTestId('diverted-from')).toHaveText(/For Polizia Municipale/);
  await answerRinging();
  await page.locator('[data-nav="phone"]').click();

  const active = callCard('active');
  await expect(active).toBeVisible();
  await expect(active.getByTestId('caller')).toContainText(callerUser);
  await expect(active.getByTestId('diverted-from')).toHaveText('For Polizia Municipale (600)');
  await expect(active.getByTestId('call-timer')).toHaveText(/^0:0\d$/);
  await eventFrom(caller, 'CALL_ESTABLISHED', since);
  // Their side: baresip gets our RTP (its first packet) and reports what it received in RTCP.
  await eventFrom(caller, 'CALL_RTPESTAB', since);
  const rtcp = await eventFrom(
    caller,
    'CALL_RTCP',
    since,
    (event) => Number((event['rtcp_stats'] as { rx?: { sent?: number } })?.rx?.sent ?? 0) > 0,
    15_000,
  );
  expect(rtcp['rtcp_stats']).toBeTruthy();
  // Our side: inbound packets keep arriving and the sine wave baresip sends is heard.
  const before = await expectPacketsAbove(active, 0);
  await expectPacketsAbove(active, before);
  await expect.poll(() => audioEnergy(active), { timeout: 10_000 }).toBeGreaterThan(0);

  await active.getByRole('button', { name: 'Hold' }).click();
  const held = callCard('held');
  await expect(held).toBeVisible();
  // On hold the far end stops sending: the inbound count stands still.
  await page.waitForTimeout(1_500);
  const whileHeld = await packetsReceived(held);
  await page.waitForTimeout(2_000);
  expect(await packetsReceived(held)).toBeLessThanOrEqual(whileHeld + 5);
  await held.getByRole('button', { name: 'Resume' }).click();
  await expect(callCard('active')).toBeVisible();
  await expectPacketsAbove(callCard('active'), whileHeld + 5);

  const dtmfSince = caller.events.length;
  await callCard('active').getByRole('button', { name: 'Keypad' }).click();
  await callCard('active').locator('[data-digit="5"]').click();
  expect((await eventFrom(caller, 'CALL_DTMF_START', dtmfSince)).param).toBe('5');
  const infoSince = caller.events.length;
  await callCard('active').getByLabel('Send tones as SIP INFO').check();
  await callCard('active').locator('[data-digit="7"]').click();
  expect((await eventFrom(caller, 'CALL_DTMF_START', infoSince)).param).toBe('7');

  const transferSince = { caller: caller.events.length, colleague: colleague.events.length };
  await callCard('active').getByLabel('Transfer to').fill(colleagueUser);
  await callCard('active').getByRole('button', { name: 'Transfer', exact: true }).click();
  // The caller now talks to the colleague; our leg is gone.
  await eventFrom(
    caller,
    'CALL_ESTABLISHED',
    transferSince.caller,
    (event) => (event.peeruri ?? '').includes(`sip:${colleagueUser}@`),
    15_000,
  );
  await eventFrom(
    colleague,
    'CALL_RTPESTAB',
    transferSince.colleague,
    (event) => (event.peeruri ?? '').includes(`sip:${callerUser}@`),
    15_000,
  );
  await expect(callCard()).toHaveCount(0, { timeout: 10_000 });
  await caller.command('hangup');

  await page.getByRole('tab', { name: 'History' }).click();
  const entry = page.getByTestId('history-entry').first();
  await expect(entry).toHaveAttribute('data-outcome', 'answered');
  await expect(entry).toContainText(callerUser);
  await expect(entry.getByTestId('history-diverted-from')).toHaveText('For Polizia Municipale');
});

/** Growth of the energy the call's inbound audio played with, beyond which a caller has plainly been heard. */
const HEARD_ENERGY = 0.005;
/** RMS level of a far end's recording above which it plainly heard us; the fake microphone's beep is far louder. */
const HEARD_LEVEL = 0.01;
/** Below this a far end heard nothing but noise: no more than comfort noise. */
const SILENT_LEVEL = 0.002;

const farEnd = (implementation: FarEnd['implementation']): FarEnd => {
  const found = theLab().farEnds.find((candidate) => candidate.implementation === implementation);
  if (!found) throw new Error(`the lab has no ${implementation} caller`);
  return found;
};

/** The far end calls the answer group; the employee answers on the phone pane. */
const answerCallFrom = async (far: FarEnd): Promise<{ card: Locator; since: FarEndMark }> => {
  const since = await far.mark();
  await page.locator('[data-nav="phone"]').click();
  await far.call(theLab().group.number);
  await expect(callCard('ringing').getByTestId('caller')).toContainText(far.user);
  await answerRinging();
  const card = callCard('active');
  await expect(card).toBeVisible();
  await far.waitForCallWith(theLab().group.number, since);
  return { card, since };
};

/** The inbound energy grows: the caller's audio reaches the audio element (stats count only what is played). */
const expectCallerHeard = async (card: Locator): Promise<void> => {
  const before = await audioEnergy(card);
  await expect
    .poll(() => audioEnergy(card), { timeout: 10_000, message: 'the caller is heard in Scrivania' })
    .toBeGreaterThan(before + HEARD_ENERGY);
};

const expectFarEndHears = async (far: FarEnd, afterReinvite = false): Promise<void> => {
  if (afterReinvite && !far.recordsAfterReinvite) return;
  const since = await far.mark();
  await expect
    .poll(() => far.levelSince(since), { timeout: 10_000, message: `${far.implementation} hears Scrivania` })
    .toBeGreaterThan(HEARD_LEVEL);
};

/** Digits counted by the far end: exactly `digits`, and still so a moment later (a repeat would come within it). */
const expectFarEndCounted = async (far: FarEnd, since: FarEndMark, digits: string): Promise<void> => {
  await expect.poll(() => far.digitsSince(since), { timeout: 10_000 }).toBe(digits);
  await page.waitForTimeout(1_500);
  expect(far.digitsSince(since)).toBe(digits);
};

const hangUpFrom = async (far: FarEnd): Promise<void> => {
  await far.hangUp();
  await expect(callCard()).toHaveCount(0, { timeout: 10_000 });
};

for (const implementation of ['baresip', 'linphone'] as const) {
  test.describe(`with ${implementation} as the caller`, () => {
    test('hold and resume from Scrivania: silence both ways while held, then each hears the other again', async () => {
      test.setTimeout(60_000);
      const far = farEnd(implementation);
      const { card } = await answerCallFrom(far);
      await expectCallerHeard(card);
      await expectFarEndHears(far);

      await card.getByRole('button', { name: 'Hold' }).click();
      const held = callCard('held');
      await expect(held).toBeVisible();
      await page.waitForTimeout(1_000);
      const whileHeld = { energy: await audioEnergy(held), far: await far.mark() };
      await page.waitForTimeout(2_000);
      expect(await audioEnergy(held)).toBeLessThan(whileHeld.energy + HEARD_ENERGY);
      if (far.recordsAfterReinvite) expect(await far.levelSince(whileHeld.far)).toBeLessThan(SILENT_LEVEL);

      await held.getByRole('button', { name: 'Resume' }).click();
      await expect(callCard('active')).toBeVisible();
      await expectCallerHeard(callCard('active'));
      await expectFarEndHears(far, true);
      await hangUpFrom(far);
    });

    test('digits both ways: each one Scrivania sends is counted once, and the ones the caller sends are shown', async () => {
      test.setTimeout(60_000);
      const far = farEnd(implementation);
      const { card } = await answerCallFrom(far);
      await card.getByRole('button', { name: 'Keypad' }).click();
      let since = await far.mark();
      for (const digit of '50#') {
        await card.locator(`[data-digit="${digit}"]`).click();
        await page.waitForTimeout(300);
      }
      await expectFarEndCounted(far, since, '50#');
      // baresip's calls run G.711, where tones go in the stream; Linphone's run Opus, where they must go as SIP INFO.
      await expect(card.getByTestId('dtmf-sent')).toHaveAttribute('data-dtmf-method', implementation === 'baresip' ? 'rfc4733' : 'info');

      since = await far.mark();
      await card.getByLabel('Send tones as SIP INFO').check();
      await card.locator('[data-digit="7"]').click();
      await expectFarEndCounted(far, since, '7');
      await expect(card.getByTestId('dtmf-sent')).toHaveAttribute('data-dtmf-method', 'info');

      if (far.digitWays.includes('info')) {
        await far.sendDigits('159#', 'info');
        await expect(card.getByTestId('dtmf-received')).toHaveAttribute('data-digits', '159#');
        await expect(card.getByTestId('dtmf-received')).toHaveText('Digits received: 159#');
        // Shown briefly: gone a few seconds after the last digit.
        await expect(card.getByTestId('dtmf-received')).toHaveCount(0, { timeout: 10_000 });
      }
      await hangUpFrom(far);
    });

    test('the caller holds the call: the card says so, and once they resume each hears the other again', async () => {
      test.setTimeout(60_000);
      const far = farEnd(implementation);
      const { card } = await answerCallFrom(far);
      await expectCallerHeard(card);

      await far.hold();
      await expect(card).toHaveAttribute('data-held-by-remote', 'true', { timeout: 10_000 });
      await expect(card.getByTestId('call-state')).toHaveText('On hold by the caller');
      // Nothing to assert about audio while held: a sendonly hold may send music on hold, as baresip does.

      await far.resume();
      await expect(card).toHaveAttribute('data-held-by-remote', 'false', { timeout: 10_000 });
      await expect(card.getByTestId('call-state')).toHaveText('In call');
      await expectCallerHeard(card);
      await expectFarEndHears(far, true);
      await hangUpFrom(far);
    });

    test('a blind transfer joins the caller with the colleague, and they hear each other', async () => {
      test.setTimeout(60_000);
      const { colleague, colleagueUser } = theLab();
      const far = farEnd(implementation);
      const target = baresipFarEnd(colleague, colleagueUser);
      const { card } = await answerCallFrom(far);
      const since = await far.mark();
      await card.getByLabel('Transfer to').fill(colleagueUser);
      await card.getByRole('button', { name: 'Transfer', exact: true }).click();
      await far.waitForCallWith(colleagueUser, since);
      await expect(callCard()).toHaveCount(0, { timeout: 10_000 });
      await expectFarEndHears(far);
      await expectFarEndHears(target);
      await far.hangUp();
    });
  });
}

test('attended transfer: talk to the colleague first, then join the caller with them (REFER with Replaces)', async () => {
  test.setTimeout(60_000);
  const { caller, colleague, colleagueUser, callerUser } = theLab();
  await page.locator('[data-nav="phone"]').click();
  await callGroupFromOutside();
  await answerRinging();
  await expect(callCard('active')).toBeVisible();
  const since = { caller: caller.events.length, colleague: colleague.events.length };
  await callCard('active').getByLabel('Transfer to').fill(colleagueUser);
  await callCard('active').getByRole('button', { name: 'Attended transfer' }).click();
  await expect(callCard('held').getByTestId('caller')).toContainText(callerUser);
  const consultation = callCard('active');
  await expect(consultation.getByTestId('caller')).toContainText(colleagueUser);
  await consultation.getByRole('button', { name: 'Complete the transfer' }).click();
  await eventFrom(caller, 'CALL_ESTABLISHED', since.caller, (event) => (event.peeruri ?? '').includes(`sip:${colleagueUser}@`), 15_000);
  await expect(callCard()).toHaveCount(0, { timeout: 10_000 });
  // The REFER named the consultation call to replace (RFC 3891). baresip 1.0 places a new call to the target
  // instead of sending Replaces, so the colleague's side cannot show the replacement itself.
  expect(await theLab().kamailioLog()).toMatch(/LAB REFER-TO <sip:2042@127\.0\.0\.1\?Replaces=[^>]*to-tag[^>]*from-tag/);
  await caller.command('hangup');
});

test('a second call while busy waits, and answering it puts the first on hold', async () => {
  test.setTimeout(60_000);
  const { caller, colleague, callerUser, colleagueUser } = theLab();
  await callGroupFromOutside();
  await answerRinging();
  await expect(callCard('active')).toBeVisible();

  await colleague.command('dial', colleague.aor(EXTENSION));
  const waiting = callCard('ringing');
  await expect(waiting.getByTestId('caller')).toContainText(colleagueUser);
  await expect(waiting.getByTestId('diverted-from')).toHaveCount(0);
  await expect(ringingDialog().getByRole('heading')).toHaveText(`${colleagueUser} is calling`);
  await answerRinging();
  await expect(callCard('held').getByTestId('caller')).toContainText(callerUser);
  await expect(callCard('active').getByTestId('caller')).toContainText(colleagueUser);

  await callCard('active').getByRole('button', { name: 'Hang up' }).click();
  await expect(callCard()).toHaveCount(1);
  await callCard('held').getByRole('button', { name: 'Resume' }).click();
  await expect(callCard('active')).toBeVisible();
  await callCard('active').getByRole('button', { name: 'Hang up' }).click();
  await expect(callCard()).toHaveCount(0);
  await caller.command('hangup').catch(() => undefined);
});

test('a call nobody answers is a missed call: a badge until the history is looked at', async () => {
  const { caller, callerUser } = theLab();
  await page.getByRole('tab', { name: 'Keypad' }).click();
  await expect(page.getByTestId('missed-badge')).toHaveCount(0);
  await callGroupFromOutside();
  await expect(callCard('ringing')).toBeVisible();
  await caller.command('hangup');
  await expect(callCard()).toHaveCount(0);
  await expect(page.getByTestId('missed-badge')).toHaveText('1');
  await page.getByRole('tab', { name: /History/ }).click();
  const entry = page.getByTestId('history-entry').first();
  await expect(entry).toHaveAttribute('data-outcome', 'missed');
  await expect(entry).toContainText(callerUser);
  await expect(page.getByTestId('missed-badge')).toHaveCount(0);
});

test('feature codes: do not disturb really turns calls away, and leaving the answer group stops its calls', async () => {
  test.setTimeout(60_000);
  const { caller, group } = theLab();
  await page.getByRole('tab', { name: 'Call handling' }).click();
  const features = page.getByTestId('phone-features');
  await features.getByRole('button', { name: 'Turn do not disturb on' }).click();
  await expect(features).toContainText('Do not disturb is on');
  expect(await theLab().kamailioLog()).toContain(`FEATURE ${EXTENSION} dialled *78`);

  let since = caller.events.length;
  await caller.command('dial', caller.aor(EXTENSION));
  expect((await eventFrom(caller, 'CALL_CLOSED', since)).param).toMatch(/486/);
  await expect(callCard()).toHaveCount(0);

  await features.getByRole('button', { name: 'Turn do not disturb off' }).click();
  await expect(features).toContainText('Do not disturb is off');

  const groupRow = features.locator(`[data-group="${group.number}"]`);
  await groupRow.getByRole('button', { name: 'Stop taking its calls' }).click();
  await expect(groupRow).toContainText('you do not take its calls');
  since = await callGroupFromOutside();
  expect((await eventFrom(caller, 'CALL_CLOSED', since)).param).toMatch(/480/);
  await groupRow.getByRole('button', { name: 'Take its calls', exact: true }).click();
  await expect(groupRow).toContainText('you take its calls');
  expect(await theLab().kamailioLog()).toContain(`FEATURE ${EXTENSION} dialled *45${group.number}`);

  // The state Scrivania set survives a reload of the window.
  await page.reload();
  await page.locator('[data-nav="phone"]').click();
  await page.getByRole('tab', { name: 'Call handling' }).click();
  await expect(page.getByTestId('phone-features')).toContainText('Do not disturb is off');
  await expect(page.getByTestId('phone-features').locator(`[data-group="${group.number}"]`)).toContainText('you take its calls');
  await expect(registration()).toHaveAttribute('data-state', 'registered', { timeout: 10_000 });
});

test('Kamailio restarted mid-session: the phone registers again by itself and takes the next call', async () => {
  test.setTimeout(60_000);
  const { caller } = theLab();
  await theLab().restartKamailio();
  await expect(registration()).not.toHaveAttribute('data-state', 'registered', { timeout: 10_000 });
  await expect(registration()).toHaveAttribute('data-state', 'registered', { timeout: 20_000 });
  await callGroupFromOutside();
  await expect(callCard('ringing').getByTestId('diverted-from')).toHaveText('For Polizia Municipale (600)');
  await declineRinging();
  await expect(callCard()).toHaveCount(0);
  await caller.command('hangup').catch(() => undefined);
});

test('a call in progress survives a Kamailio restart: after re-registering, ICE restarts and the call can still be held', async () => {
  test.setTimeout(60_000);
  const { caller } = theLab();
  await callGroupFromOutside();
  await answerRinging();
  const active = callCard('active');
  await expectPacketsAbove(active, 0);
  const logBefore = (await theLab().kamailioLog()).length;
  await theLab().restartKamailio();
  await expect(registration()).toHaveAttribute('data-state', 'registered', { timeout: 20_000 });
  // The re-INVITE with new ICE credentials reached the caller through the restarted Kamailio.
  await expect
    .poll(async () => (await theLab().kamailioLog()).slice(logBefore), { timeout: 10_000 })
    .toMatch(/LAB INVITE sip:3001-[^ ]+ from sip:600@[^ ]+ via ws/);
  const flowing = await expectPacketsAbove(active, 0);
  await expectPacketsAbove(active, flowing);
  await active.getByRole('button', { name: 'Hold' }).click();
  await expect(callCard('held')).toBeVisible();
  await callCard('held').getByRole('button', { name: 'Hang up' }).click();
  await expect(callCard()).toHaveCount(0);
  await caller.command('hangup').catch(() => undefined);
});

test('a wrong password gives a clear registration error and asks again; the right one signs in', async () => {
  await page.getByRole('button', { name: 'Turn the phone off' }).click();
  await theApp().invoke('credentials.forget', { id: 'phone' });
  await page.getByRole('button', { name: 'Turn the phone on' }).click();
  const prompt = page.getByTestId('phone-password');
  await prompt.getByLabel('Phone (SIP) password').fill('not-the-password');
  await prompt.getByLabel('Save it in the keychain').uncheck();
  await prompt.getByRole('button', { name: 'Sign in' }).click();
  await expect(registration()).toHaveAttribute('data-state', 'failed');
  await expectCatalogueError(registration().locator('.error-notice'), 'en', 'phone.registration-refused');
  await expect(registration().locator('details code')).toHaveText('403 Wrong user name or password');
  await expectCatalogueError(prompt.getByTestId('phone-password-why'), 'en', 'phone.password-refused');
  await page.locator('[data-nav="dashboard"]').click();
  await expect(page.locator('[data-capability="phone"] .badge')).toHaveAttribute('data-level', 'error');
  await expect(page.locator('[data-capability="phone"] .card-summary')).toHaveText(
    'Extension 2041 could not sign in: the phone system refused the password.',
  );
  await page.locator('[data-nav="phone"]').click();
  await prompt.getByLabel('Phone (SIP) password').fill(PASSWORD);
  await prompt.getByRole('button', { name: 'Sign in' }).click();
  await expect(registration()).toHaveAttribute('data-state', 'registered', { timeout: 10_000 });
});

test('in Italian, a number nobody answers on and a wrong password are said in the catalogue’s words, the PBX’s only behind Details', async () => {
  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Language').selectOption('it');
  try {
    await page.locator('[data-nav="phone"]').click();
    await expect(registration()).toHaveAttribute('data-state', 'registered');
    const pane = page.locator('[data-pane="phone"]');
    await pane.getByLabel('Numero', { exact: true }).fill('2099');
    await pane.getByRole('button', { name: 'Chiama', exact: true }).click();
    // Nobody is registered as 2099: the lab's Kamailio answers 480 Temporarily Unavailable.
    const notice = page.getByTestId('phone-notice');
    await expectCatalogueError(notice, 'it', 'phone.call-unavailable', { number: '2099' });
    await expect(notice.locator('details code')).toHaveText('480 unavailable');
    await expectEveryErrorFromCatalogue(pane, 'it');

    await page.getByRole('button', { name: 'Spegni il telefono' }).click();
    await page.getByRole('button', { name: 'Accendi il telefono' }).click();
    const prompt = page.getByTestId('phone-password');
    await expectCatalogueError(prompt.getByTestId('phone-password-why'), 'it', 'phone.password-needed');
    await prompt.getByLabel('Password del telefono (SIP)').fill('non-è-questa');
    await prompt.getByLabel('Salvala nel portachiavi').uncheck();
    await prompt.getByRole('button', { name: 'Accedi' }).click();
    await expect(registration()).toHaveAttribute('data-state', 'failed');
    await expectCatalogueError(registration().locator('.error-notice'), 'it', 'phone.registration-refused');
    await expectCatalogueError(prompt.getByTestId('phone-password-why'), 'it', 'phone.password-refused');
    await expectEveryErrorFromCatalogue(pane, 'it');
    await prompt.getByLabel('Password del telefono (SIP)').fill(PASSWORD);
    await prompt.getByRole('button', { name: 'Accedi' }).click();
    await expect(registration()).toHaveAttribute('data-state', 'registered', { timeout: 10_000 });
  } finally {
    await page.locator('[data-nav="settings"]').click();
    await page.getByLabel('Lingua').selectOption('en');
  }
});
