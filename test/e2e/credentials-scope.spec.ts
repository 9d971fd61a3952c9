import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeOfOrganization } from '../../main/services/credentials/secret-scope';
import { keygen, sign } from '../../main/services/profiles/profile-signer';
import { missingPeer, secretToolLookup, startSecretService } from '../lab/secret-service';
import { sampleProfile } from '../unit/profiles/fixtures';
import { expectNoAxeViolations } from './axe';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';

const files = mkdtempSync(join(tmpdir(), 'scrivania-e2e-scope-'));
const keys = keygen();
const trustFile = join(files, 'help-desk.pub.pem');
writeFileSync(trustFile, keys.publicKeyPem);
const PRATO = scopeOfOrganization('Comune di Prato').key;
const PRATO_PHONE = 'prato-phone-e2e';
const COLLEGNO_PHONE = 'collegno-phone-e2e';
const signedProfile = (organization: string, serial: number) =>
  Buffer.from(JSON.stringify(sign(sampleProfile({ serial, organization: { name: organization } }), keys.privateKeyPem))).toString('base64');

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

test("another organisation's profile starts without the first one's passwords, and the profile pane offers to remove them", async ({
  browser,
  openWindow,
}) => {
  await app.invoke('profiles.import', { kind: 'file', contentBase64: signedProfile('Comune di Prato', 1) });
  await app.invoke('credentials.save', { id: 'phone', secret: PRATO_PHONE });
  await app.invoke('profiles.import', { kind: 'file', contentBase64: signedProfile('Comune di Collegno', 2) });
  expect(await app.invoke('credentials.has', { id: 'phone' })).toBe(false);
  await app.invoke('credentials.save', { id: 'phone', secret: COLLEGNO_PHONE });

  for (const [language, locale] of [
    ['en', 'en-US'],
    ['it', 'it-IT'],
  ] as const) {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1024, height: 600 },
    ]) {
      const context = await browser.newContext({ viewport, locale });
      const shot = await context.newPage();
      await shot.goto(app.url);
      await shot.locator('[data-nav="profile"]').click();
      const shown = shot.getByTestId('other-organisations-secrets');
      await expect(shown.locator(`[data-scope="${PRATO}"]`)).toContainText('Comune di Prato');
      await expect(shown).toContainText(language === 'en' ? '1 password in the keychain' : '1 password nel portachiavi');
      await expectNoAxeViolations(shot, '[data-pane="profile"]');
      await shown.scrollIntoViewIfNeeded();
      await shot.screenshot({
        path: join(test.info().outputDir, `other-organisations-${language}-${viewport.width}x${viewport.height}.png`),
      });
      await context.close();
    }
  }

  const page = await openWindow(app);
  await page.goto(app.url);
  await page.locator('[data-nav="profile"]').click();
  const others = page.getByTestId('other-organisations-secrets');
  const prato = others.locator(`[data-scope="${PRATO}"]`);
  await prato.getByRole('button', { name: 'Remove…' }).click();
  await others.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(test.info().outputDir, 'other-organisations-confirm.png') });
  await prato.getByRole('button', { name: 'Remove the passwords' }).click();
  await expect(others).toHaveCount(0);
  expect(await secretToolLookup(keychain!.env, { service: 'Scrivania', username: `${PRATO}/phone` })).toBeNull();
  expect(
    await secretToolLookup(keychain!.env, { service: 'Scrivania', username: `${scopeOfOrganization('Comune di Collegno').key}/phone` }),
  ).toBe(COLLEGNO_PHONE);
});
