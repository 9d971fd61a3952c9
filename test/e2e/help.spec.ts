import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { channelFileName } from '../../main/services/updates/update-metadata';
import { freeLoopbackPort } from '../lab/peers';
import { makeRelease, publishRelease, startUpdateServer, type UpdateServer } from '../lab/updates/update-server';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';

// "Check my setup", against an update server of the test's own on 127.0.0.1, an office PC port and a phone system
// port where nothing listens: checks pass and fail with the sentences people are meant to read.
// The audio checks see what the window sees: no device, or Chromium's fake headset when started with one.

let app: RunningApp;
let updates: UpdateServer;
let officePort: number;
let phonePort: number;

/** An office PC and a phone system where nothing listens, and the test's update server. */
const selfTestProfile = (): Record<string, unknown> => ({
  schemaVersion: 1,
  id: 'comune-help-self-test',
  serial: 1,
  issuedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2099-01-01T00:00:00Z',
  organization: { name: 'Comune di Prato' },
  helpdesk: { phone: '+39 0574 1835000', email: 'helpdesk@comune.prato.example' },
  officePc: { name: 'PC anagrafe', host: '127.0.0.1', port: officePort },
  updates: { url: updates.url },
  phone: { server: `ws://127.0.0.1:${phonePort}/ws`, domain: '127.0.0.1', extension: '2001' },
});

test.beforeAll(async () => {
  updates = await startUpdateServer();
  publishRelease(updates, makeRelease('9.8.7'), channelFileName('stable', process.platform, process.arch));
  officePort = await freeLoopbackPort();
  phonePort = await freeLoopbackPort();
  app = await startApp({ profile: selfTestProfile() });
});

test.afterAll(async () => {
  if (app) await app.stop();
  await updates.close();
});

test('Check my setup lists every check with what it means and what to do; the dashboard and Italian follow', async ({ openWindow }) => {
  const page = await openWindow(app);
  await page.goto(app.url);
  await expect(page.getByTestId('last-self-test')).toContainText('Your setup has not been checked yet.');
  await page.getByTestId('last-self-test').getByRole('button', { name: 'Check my setup' }).click();
  const section = page.getByTestId('self-test');
  await expect(section.getByRole('heading', { name: 'Check my setup' })).toBeVisible();
  await section.getByRole('button', { name: 'Check my setup' }).click();
  await expect(page.getByTestId('self-test-status')).toContainText('Check finished', { timeout: 20_000 });

  const items = section.locator('[data-check]');
  await expect(items).toHaveCount(11);
  const office = section.locator('[data-check="officePc"]');
  await expect(office).toHaveAttribute('data-outcome', 'fail');
  await expect(office).toContainText(`The office PC does not answer on port ${officePort}.`);
  await expect(office).toContainText('Is it switched on? Ask the help desk to wake it.');
  await office.getByText('Details for the help desk').click();
  await expect(office.locator('code')).toContainText(`127.0.0.1:${officePort}`);
  await expect(section.locator('[data-check="profile"]')).toHaveAttribute('data-outcome', 'pass');
  await expect(section.locator('[data-check="profile"]')).toContainText('The configuration from Comune di Prato is valid and up to date.');
  await expect(section.locator('[data-check="updateServer"]')).toContainText('The update server answers (latest version 9.8.7).');
  // Checks with nothing to look at are named together in one line, not one card each.
  await expect(section.getByTestId('self-test-not-in-setup')).toContainText("Not part of your organisation's setup, so not checked:");
  await expect(section.getByTestId('self-test-not-in-setup').locator('[data-check="vpn"]')).toHaveAttribute('data-outcome', 'skipped');
  await expect(section.locator('[data-check="sipWebSocket"]')).toContainText(
    `The phone system does not answer at ws://127.0.0.1:${phonePort}/ws.`,
  );
  await expect(section.locator('[data-check="sipRegistration"]')).toContainText('Not checked: the phone system cannot be reached.');
  await expect(section.locator('[data-check="microphone"]')).toContainText('No microphone was found.');
  await expect(section).not.toContainText('help.selfTest.');

  await page.locator('[data-nav="dashboard"]').click();
  const last = page.getByTestId('last-self-test');
  await expect(last).toContainText('Does not work');
  await expect(last).toContainText(/\d+ to fix(, \d+ to look at)?/);
  await expect(last.getByRole('button', { name: 'Check again' })).toBeVisible();

  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Language').selectOption('it');
  await page.locator('[data-nav="dashboard"]').click();
  await expect(last).toContainText('Non funziona');
  // "Check again" runs a new check, not only opens Help: the kept report is replaced by a newer one.
  const finishedAt = async (): Promise<string> =>
    (JSON.parse(await readFile(join(app.dataDir, 'help', 'last-self-test.json'), 'utf8')) as { finishedAt: string }).finishedAt;
  const before = await finishedAt();
  await last.getByRole('button', { name: 'Verifica di nuovo' }).click();
  await expect.poll(finishedAt).not.toBe(before);
  await expect(page.locator('[data-check="officePc"]')).toContainText(`Il PC dell'ufficio non risponde sulla porta ${officePort}.`);
  await expect(page.locator('[data-check="officePc"]')).toContainText("È acceso? Chiedi all'assistenza di riattivarlo.");
});

test('with a headset, the microphone and speaker checks pass with what the window found', async ({ openWindow }) => {
  // An app of its own: the fake headset is a Chromium switch.
  const withHeadset = await startApp({
    profile: selfTestProfile(),
    switches: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  try {
    const page = await openWindow(withHeadset);
    await page.goto(withHeadset.url);
    await page.locator('[data-nav="help"]').click();
    const section = page.getByTestId('self-test');
    await section.getByRole('button', { name: 'Check my setup' }).click();
    await expect(page.getByTestId('self-test-status')).toContainText('Check finished', { timeout: 20_000 });
    await expect(section.locator('[data-check="microphone"]')).toHaveAttribute('data-outcome', 'pass');
    await expect(section.locator('[data-check="microphone"]')).toContainText(/A microphone is ready \(\d+ found\)\./);
    await expect(section.locator('[data-check="speaker"]')).toHaveAttribute('data-outcome', 'pass');
  } finally {
    await withHeadset.stop();
  }
});
