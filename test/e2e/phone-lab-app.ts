import type { Locator, Page } from '@playwright/test';
import { missingPeer, startSecretService } from '../lab/secret-service';
import { missingPhonePeer, startPhoneLab, type PhoneLab } from '../lab/phone/phone-lab';
import type { FarEnd, FarEndMark } from '../lab/phone/far-end';
import { e2eSecrets } from './secrets-used';
import { expect, startApp, type RunningApp } from './web-host-fixture';

/** The app against the phone lab, for the specs that place and take calls with the lab's real peers. */

export const EXTENSION = '2041';
export const PHONE_PASSWORD = e2eSecrets.phonePassword;

// A fake microphone (a beep) and no permission prompts; remote audio may play unprompted.
export const MEDIA_SWITCHES = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

export const phoneLabProfile = (lab: PhoneLab): Record<string, unknown> => ({
  schemaVersion: 1,
  id: 'comune-lab-phone',
  serial: 1,
  issuedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2099-01-01T00:00:00Z',
  organization: { name: 'Comune di Laboratorio' },
  phone: { ...lab.phoneSection(), extension: '${user.extension}' },
  userFields: [{ key: 'extension', label: { en: 'Extension', it: 'Interno' }, pattern: '[0-9]{3,6}' }],
});

/** Why the phone lab cannot run here, or undefined. */
export const missingPhoneLabPeer = (): string | undefined => missingPhonePeer() ?? missingPeer('secret-service');

export interface PhoneLabApp {
  lab: PhoneLab;
  app: RunningApp;
  page: Page;
  stop(): Promise<void>;
}

/** The keychain, the phone lab and the app configured for it, with the phone's password in the keychain; one window open. */
export const startPhoneLabApp = async (): Promise<PhoneLabApp> => {
  const started: { stop(): Promise<void> }[] = [];
  const stop = async (): Promise<void> => {
    for (const running of started.reverse()) await running.stop().catch(() => undefined);
  };
  try {
    const keychain = await startSecretService();
    started.push(keychain);
    const lab = await startPhoneLab({ employee: { user: EXTENSION, password: PHONE_PASSWORD } });
    started.push(lab);
    const app = await startApp({
      profile: phoneLabProfile(lab),
      userFields: { extension: EXTENSION },
      env: keychain.env,
      switches: MEDIA_SWITCHES,
    });
    started.push(app);
    await app.invoke('credentials.save', { id: 'phone', secret: PHONE_PASSWORD });
    const page = await app.window();
    return { lab, app, page, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};

export const callCard = (page: Page, state?: string): Locator =>
  page.locator(state ? `[data-testid="call"][data-call-state="${state}"]` : '[data-testid="call"]');

/** Opens the phone pane and turns the phone on; resolves once extension 2041 is registered. */
export const turnPhoneOn = async (page: Page, url: string): Promise<void> => {
  await page.goto(url);
  await page.locator('[data-nav="phone"]').click();
  await page.getByRole('button', { name: 'Turn the phone on' }).click();
  await expect(page.getByTestId('phone-registration')).toHaveAttribute('data-state', 'registered', { timeout: 10_000 });
};

export const farEndOf = (lab: PhoneLab, implementation: FarEnd['implementation']): FarEnd => {
  const found = lab.farEnds.find((candidate) => candidate.implementation === implementation);
  if (!found) throw new Error(`the lab has no ${implementation} caller`);
  return found;
};

/** The far end calls the answer group; the employee answers on the phone pane. */
export const answerCallFrom = async (page: Page, lab: PhoneLab, far: FarEnd): Promise<{ card: Locator; since: FarEndMark }> => {
  const since = await far.mark();
  await page.locator('[data-nav="phone"]').click();
  await far.call(lab.group.number);
  // A ringing call is a modal alert dialog over every pane: it is answered there.
  const ringing = page.getByRole('alertdialog');
  await expect(ringing).toContainText(far.user);
  await ringing.getByRole('button', { name: /Answer/ }).click();
  const card = callCard(page, 'active');
  await expect(card).toBeVisible();
  await far.waitForCallWith(lab.group.number, since);
  return { card, since };
};

export const hangUpFrom = async (page: Page, far: FarEnd): Promise<void> => {
  await far.hangUp();
  await expect(callCard(page)).toHaveCount(0, { timeout: 10_000 });
};
