import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keygen, sign } from '../../main/services/profiles/profile-signer';
import { missingPeer, secretToolLookup, startSecretService } from '../lab/secret-service';
import { sampleProfile } from '../unit/profiles/fixtures';
import { e2eSecrets } from './secrets-used';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';

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

test('first run: import a signed profile, review it, type your details, keep the password in the keychain', async ({ openWindow }) => {
  const page = await openWindow(app);
  await page.goto(app.url);
  const wizard = page.locator('[data-pane="onboarding"]');
  await expect(wizard).toBeVisible();
  await expect(page.locator('[data-capability="phone"] .badge')).toHaveAttribute('data-level', 'unconfigured');

  await page.locator('#profile-file').setInputFiles(tamperedFile);
  await expect(page.getByTestId('import-error')).toContainText(/signature/i);

  await page.locator('#profile-file').setInputFiles(signedFile);
  await expect(wizard.getByTestId('profile-facts')).toContainText('Comune di Prato');
  await expect(wizard.getByTestId('configured-sections')).toContainText('Phone');
  await wizard.getByRole('button', { name: 'Continue' }).click();

  await wizard.getByLabel('Extension').fill('2041');
  await wizard.getByLabel('Windows user name').fill('mrossi');
  await wizard.getByRole('button', { name: 'Save details' }).click();

  await wizard.getByLabel('Phone (SIP) password').fill(PHONE_PASSWORD);
  await wizard.locator('[data-secret="phone"]').getByRole('button', { name: 'Save in the keychain' }).click();
  await expect(wizard.locator('[data-secret="phone"]')).toContainText("Saved in your system's keychain.");
  expect(await secretToolLookup(keychain!.env, { service: 'Scrivania', username: 'phone' })).toBe(PHONE_PASSWORD);
  await wizard.getByRole('button', { name: 'Continue' }).click();
  await wizard.getByRole('button', { name: 'Go to the dashboard' }).click();
  await expect(wizard).toHaveCount(0);

  // The capabilities the profile configures turn ready, with the user's own values filled in.
  await expect(page.locator('[data-capability="phone"] .badge')).toHaveAttribute('data-level', 'idle');
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
