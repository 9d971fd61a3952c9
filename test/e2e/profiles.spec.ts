import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keygen, sign } from '../../main/services/profiles/profile-signer';
import { missingPeer, secretToolLookup, startSecretService } from '../lab/secret-service';
import { sampleProfile } from '../unit/profiles/fixtures';
import { scopeOfOrganization } from '../../main/services/credentials/secret-scope';
import { e2eSecrets } from './secrets-used';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';
import { expectNoAxeViolations } from './axe';

const PHONE_PASSWORD = e2eSecrets.phonePassword;

const files = mkdtempSync(join(tmpdir(), 'scrivania-e2e-profile-'));
const keys = keygen();
const trustFile = join(files, 'help-desk.pub.pem');
writeFileSync(trustFile, keys.publicKeyPem);
const signedFile = join(files, 'comune-prato.signed.json');
writeFileSync(
  signedFile,
  JSON.stringify(sign(sampleProfile({ enforced: ['/phone/server', '/phone/extension'] }), keys.privateKeyPem), null, 2),
);
const tamperedFile = join(files, 'tampered.signed.json');
const tampered = sign(sampleProfile({ serial: 2 }), keys.privateKeyPem);
(tampered.profile as { organization: { name: string } }).organization.name = 'Comune di Altrove';
writeFileSync(tamperedFile, JSON.stringify(tampered));

let keychain: Awaited<ReturnType<typeof startSecretService>> | undefined;
let app: RunningApp;

test.beforeAll(async () => {
  const missing = missingPeer('secret-service');
  test.skip(missing !== undefined, missing);
  keychain = await startSecretService();
  app = await startApp({ trust: [trustFile], env: keychain.env });
});

test.afterAll(async () => {
  if (app) await app.stop();
  await keychain?.stop();
});

test('first run: check who issued the profile before installing it, type your details, keep the password in the keychain', async ({
  openWindow,
}) => {
  const page = await openWindow(app);
  await page.goto(app.url);
  const wizard = page.locator('[data-pane="onboarding"]');
  await expect(wizard).toBeVisible();
  await expect(page.locator('[data-capability="phone"] .badge')).toHaveAttribute('data-level', 'unconfigured');
  await expectNoAxeViolations(page, '[data-pane="onboarding"]');

  await page.locator('#profile-file').setInputFiles(tamperedFile);
  await expect(page.getByTestId('import-error').locator('.error-sentence')).toHaveText(
    'This profile was changed after your help desk signed it, so it cannot be trusted. Ask them for a new copy.',
  );
  await expect(page.getByTestId('import-error').locator('details code')).toContainText('bad signature');

  // Nothing is installed yet: the review shows who signed it and what it sets up.
  await page.locator('#profile-file').setInputFiles(signedFile);
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  const review = wizard.getByTestId('profile-review');
  await expect(review.getByTestId('review-organization')).toHaveText('Comune di Prato');
  await expect(review.getByTestId('review-fingerprint')).toContainText(keys.keyId.slice(0, 4));
  await expect(review.getByTestId('configured-sections')).toContainText('Phone — pbx.comune.prato.example');
  await expect(review).not.toContainText('${user.');
  expect(await app.invoke('profiles.current', {})).toBeNull();
  await expectNoAxeViolations(page, '[data-pane="onboarding"]');
  await review.getByRole('button', { name: 'Install' }).click();

  await expect(wizard).toHaveAttribute('data-step', 'details');
  await expect(wizard.locator('#user-field-extension-hint')).toHaveText('3 to 6 digits, the number on your desk phone');
  await wizard.getByLabel('Extension').fill('20x');
  await wizard.getByLabel('Windows user name').fill('mrossi');
  await wizard.getByRole('button', { name: 'Save details' }).click();
  const extension = wizard.getByLabel('Extension');
  await expect(extension).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.locator('#user-field-extension-message')).toHaveText(
    'Extension does not have the expected form. Check it and try again.',
  );
  await expectNoAxeViolations(page, '[data-pane="onboarding"]');
  await extension.fill('2041');
  await expect(wizard.locator('#user-field-extension-message')).toHaveCount(0);
  await wizard.getByRole('button', { name: 'Save details' }).click();

  await expect(wizard).toHaveAttribute('data-step', 'passwords');
  await expectNoAxeViolations(page, '[data-pane="onboarding"]');
  await wizard.getByLabel('Phone (SIP) password').fill(PHONE_PASSWORD);
  await wizard.locator('[data-secret="phone"]').getByRole('button', { name: 'Save in the keychain' }).click();
  await expect(wizard.locator('[data-secret="phone"]')).toContainText("Saved in your system's keychain.");
  expect(
    await secretToolLookup(keychain!.env, { service: 'Scrivania', username: `${scopeOfOrganization('Comune di Prato').key}/phone` }),
  ).toBe(PHONE_PASSWORD);
  await wizard.getByRole('button', { name: 'Continue' }).click();
  await expectNoAxeViolations(page, '[data-pane="onboarding"]');
  await wizard.getByRole('button', { name: 'Go to the dashboard' }).click();
  await expect(wizard).toHaveCount(0);

  // The capabilities the profile configures are set up, with the user's own values filled in (with no PBX here, the
  // phone then says it is not signed in).
  await expect(page.locator('[data-capability="phone"] .badge')).not.toHaveAttribute('data-level', 'unconfigured');
  await expect(page.locator('[data-capability="phone"] .card-summary')).toContainText('Extension 2041');
  await expect(page.locator('[data-capability="officePc"] .card-summary')).toContainText('pc-mrossi.comune.prato.example');
});

test('Settings: an enforced value is read-only and says who set it; a free one can be changed', async ({ openWindow }) => {
  const page = await openWindow(app);
  await page.goto(app.url);
  await page.locator('[data-nav="settings"]').click();
  const extension = page.locator('#managed-phone-extension');
  await expect(extension).toHaveAttribute('readonly', '');
  await expect(extension).toHaveValue('2041');
  await expect(page.locator('[data-pointer="/phone/extension"]')).toContainText('Set by Comune di Prato');

  const displayName = page.locator('#managed-phone-displayName');
  await expect(displayName).not.toHaveAttribute('readonly', '');
  await displayName.fill('Mario Rossi');
  await page.locator('[data-pointer="/phone/displayName"]').getByRole('button', { name: 'Save' }).click();
  await page.reload();
  await page.locator('[data-nav="settings"]').click();
  await expect(page.locator('#managed-phone-displayName')).toHaveValue('Mario Rossi');
});

test('the Profile page shows issuer, serial, expiry, source and last check', async ({ openWindow }) => {
  const page = await openWindow(app);
  await page.goto(app.url);
  await page.locator('[data-nav="profile"]').click();
  const facts = page.getByTestId('profile-facts');
  await expect(facts).toContainText('Comune di Prato');
  await expect(facts).toContainText('Serial number1');
  await expect(facts).toContainText('January 1, 2027');
  await expect(facts).toContainText('a file');
  await expect(facts).toContainText('installed');
});

test('Help shows the organisation’s help desk and quick links from the profile', async ({ openWindow }) => {
  const page = await openWindow(app);
  await page.goto(app.url);
  await page.locator('[data-nav="help"]').click();
  const helpdesk = page.getByTestId('helpdesk');
  await expect(helpdesk).toContainText('+39 0574 1835000');
  await expect(helpdesk.getByRole('link', { name: 'helpdesk@comune.prato.example' })).toHaveAttribute(
    'href',
    'mailto:helpdesk@comune.prato.example',
  );
  await expect(helpdesk.getByRole('button', { name: 'Call the help desk' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Intranet' })).toHaveAttribute('href', 'https://intranet.comune.prato.example/');
});

test('a test can start the app with a profile already imported', async ({ openWindow }) => {
  const launched = await startApp({
    profile: sampleProfile({ id: 'fixture-check' }),
    userFields: { extension: '3050', login: 'lbianchi' },
  });
  try {
    const page = await openWindow(launched);
    await page.goto(launched.url);
    await expect(page.locator('[data-capability="phone"] .card-summary')).toContainText('Extension 3050');
    await expect(page.locator('[data-pane="onboarding"]')).toHaveCount(0);
  } finally {
    await launched.stop();
  }
});

const unsignedFile = join(files, 'unsigned.json');
writeFileSync(unsignedFile, JSON.stringify(sampleProfile()));
const untrustedFile = join(files, 'untrusted.signed.json');
writeFileSync(untrustedFile, JSON.stringify(sign(sampleProfile(), keygen().privateKeyPem)));
const malformedFile = join(files, 'malformed.json');
writeFileSync(malformedFile, '{ profile: "half a file"');
const UNREACHABLE = 'http://127.0.0.1:1/profile.json';

const locales = {
  en: JSON.parse(readFileSync('assets/locales/en.json', 'utf8')) as { error: { profiles: Record<string, string> } },
  it: JSON.parse(readFileSync('assets/locales/it.json', 'utf8')) as { error: { profiles: Record<string, string> } },
};
/** The catalogue's sentence for a profile problem, as the window must show it. */
const sentence = (language: 'en' | 'it', name: string, params: Record<string, string> = {}): string =>
  Object.entries(params).reduce((text, [key, value]) => text.replaceAll(`{{${key}}}`, value), locales[language].error.profiles[name]!);

/** What the technical side of a refusal looks like: it may be behind Details, never outside it. */
const TECHNICAL = /JSON|signed with|unknown key|GET |position \d|sign it with|bad port|ECONNREFUSED|127\.0\.0\.1:1\//;

for (const language of ['en', 'it'] as const) {
  test.describe(`importing a profile that cannot be installed, in ${language === 'it' ? 'Italian' : 'English'}`, () => {
    let refusing: RunningApp;
    test.beforeAll(async () => {
      refusing = await startApp({ trust: [trustFile], locale: language === 'it' ? 'it-IT' : 'en-US' });
    });
    test.afterAll(async () => {
      await refusing?.stop();
    });

    test(`says what happened and what to do for an unsigned, an untrusted, a malformed and an unreachable profile (${language})`, async ({
      openWindow,
    }) => {
      const page = await openWindow(refusing);
      await page.goto(refusing.url);
      const wizard = page.locator('[data-pane="onboarding"]');
      await expect(wizard).toBeVisible();
      const notice = page.getByTestId('import-error');
      const form = wizard.locator('.import-profile');

      const expectRefusal = async (expected: string): Promise<void> => {
        await expect(notice.locator('.error-sentence')).toHaveText(expected);
        // Everything outside Details is the sentence: no English, no technical line.
        const outside = await form.evaluate((element) => {
          const copy = element.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('details').forEach((details) => details.remove());
          return copy.innerText;
        });
        expect(outside).not.toMatch(TECHNICAL);
        await expect(notice.locator('details code')).toHaveText(TECHNICAL);
        await expectNoAxeViolations(page, '[data-pane="onboarding"]');
      };

      await page.locator('#profile-file').setInputFiles(unsignedFile);
      await expectRefusal(sentence(language, 'unsigned'));
      await page.locator('#profile-file').setInputFiles(untrustedFile);
      await expectRefusal(sentence(language, 'untrusted-key'));
      await page.locator('#profile-file').setInputFiles(malformedFile);
      await expectRefusal(sentence(language, 'not-json'));

      const address = page.locator('#profile-url');
      await address.fill(UNREACHABLE);
      // Typing clears the last refusal: no stale error beside the field.
      await expect(notice).toHaveCount(0);
      await address.press('Enter');
      await expectRefusal(sentence(language, 'unreachable', { host: '127.0.0.1:1' }));

      // Our own message under the field, never the browser's bubble.
      await address.fill('not an address');
      await expect(notice).toHaveCount(0);
      await address.press('Enter');
      await expect(address).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#profile-url-message')).toHaveText(sentence(language, 'address-invalid'));
      expect(await address.evaluate((input: HTMLInputElement) => input.validationMessage === '' || input.form?.noValidate)).toBe(true);
      await expectNoAxeViolations(page, '[data-pane="onboarding"]');
      expect(await refusing.invoke('profiles.current', {})).toBeNull();
    });

    test(`"This is not my organisation" installs nothing and says to contact the help desk; the dashboard then offers the import (${language})`, async ({
      openWindow,
    }) => {
      const page = await openWindow(refusing);
      await page.goto(refusing.url);
      const wizard = page.locator('[data-pane="onboarding"]');
      await page.locator('#profile-file').setInputFiles(signedFile);
      const review = wizard.getByTestId('profile-review');
      await expect(review.getByTestId('review-organization')).toHaveText('Comune di Prato');
      await review.getByRole('button', { name: language === 'it' ? 'Non è la mia organizzazione' : 'This is not my organisation' }).click();
      await expect(wizard.getByTestId('profile-discarded')).toBeVisible();
      await expect(wizard).toHaveAttribute('data-step', 'import');
      expect(await refusing.invoke('profiles.current', {})).toBeNull();
      await expectNoAxeViolations(page, '[data-pane="onboarding"]');

      await wizard.getByRole('button', { name: language === 'it' ? 'Non ora' : 'Not now' }).click();
      const callout = page.getByTestId('import-callout');
      await expect(callout).toBeVisible();
      await callout.getByRole('button').click();
      await expect(page.locator('[data-pane="profile"]')).toBeVisible();
      await expectNoAxeViolations(page, '[data-pane="profile"]');
      await page.locator('#profile-file').setInputFiles(unsignedFile);
      await expect(page.getByTestId('import-error').locator('.error-sentence')).toHaveText(sentence(language, 'unsigned'));
      await expectNoAxeViolations(page, '[data-pane="profile"]');
    });
  });
}
