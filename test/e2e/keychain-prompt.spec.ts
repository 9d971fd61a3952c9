import type { SecretId } from '../../common/contract/credentials';
import { KeychainSecretStore } from '../../main/services/credentials/keychain-secret-store';
import { missingKeePassXc, startKeePassXc, type LabKeePassXc } from '../lab/keepassxc';
import { missingPeer, startSessionBus, type LabSessionBus } from '../lab/secret-service';
import { memoryLog } from '../support/memory-log';
import { expectNoAxeViolations } from './axe';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';

/** KeePassXC with its defaults asks before every new client reads an entry: Scrivania says so and waits. */
let bus: LabSessionBus | undefined;
let keepassxc: LabKeePassXc | undefined;
let app: RunningApp;
const secret = 'keepassxc-prompt-secret';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const missing = missingPeer('secret-service') ?? missingKeePassXc();
  test.skip(missing !== undefined, missing);
  bus = await startSessionBus();
  keepassxc = await startKeePassXc(bus, { confirmAccess: true, confirmDelete: false });
  // Saved by another client, as by Scrivania before a restart: the app's own connection must ask for access. It is
  // kept where this version keeps it (the personal scope, with no profile), so no migration reads it first.
  const earlier = new KeychainSecretStore({ log: memoryLog().log, env: bus.env });
  await earlier.set('personal/phone' as SecretId, secret);
  await earlier.dispose();
  app = await startApp({ env: bus.env });
});

test.afterAll(async () => {
  if (app) await app.stop();
  await keepassxc?.stop();
  await bus?.stop();
});

for (const [language, text, cancel] of [
  ['en', 'Allow Scrivania in your keychain to continue', 'Cancel'],
  ['it', "Consenti a Scrivania l'accesso al portachiavi per continuare", 'Annulla'],
] as const) {
  test(`says the keychain is waiting for an answer, and Cancel stops waiting (${language})`, async ({ openWindow }) => {
    const page = await openWindow(app);
    await page.goto(app.url);
    await page.locator('[data-nav="settings"]').click();
    await page.getByLabel(/^(Language|Lingua)$/).selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await page.locator('[data-nav="dashboard"]').click();
    const asked = app.invoke('credentials.forPurpose', { purpose: 'phone.register' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const notice = page.getByTestId('keychain-prompt');
    await expect(notice).toBeVisible({ timeout: 10_000 });
    await expect(notice).toHaveAttribute('data-waiting', 'access');
    await expect(notice).toContainText(text);
    await expectNoAxeViolations(page, '.keychain-prompt-region');
    for (const [width, height] of [
      [1366, 768],
      [1024, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: test.info().outputPath(`keychain-prompt-${language}-${width}x${height}.png`) });
    }
    await notice.getByRole('button', { name: cancel }).click();
    await expect(notice).toHaveCount(0);
    expect(String(await asked)).toMatch(/did not allow Scrivania/);
  });
}

test('waits for the person, then hands the secret out once access is allowed', async ({ openWindow }) => {
  const page = await openWindow(app);
  await page.goto(app.url);
  const asked = app.invoke('credentials.forPurpose', { purpose: 'phone.register' });
  await expect(page.getByTestId('keychain-prompt')).toBeVisible({ timeout: 10_000 });
  await keepassxc!.answerWindow('Access Request', 'Return');
  expect(await asked).toEqual({ secret });
  await expect(page.getByTestId('keychain-prompt')).toHaveCount(0);
});
