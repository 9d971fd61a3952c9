import { channelFileName } from '../../main/services/updates/update-metadata';
import { sampleProfile } from '../unit/profiles/fixtures';
import { makeRelease, publishRelease, startUpdateServer, type UpdateServer } from '../lab/updates/update-server';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';

// A real update server on 127.0.0.1 and an app whose profile points at it: the Settings pane shows what the
// service found. The web host, like an unpackaged Electron app, can check but never install, and says so.

let server: UpdateServer;
let running: RunningApp | undefined;

test.beforeEach(async () => {
  server = await startUpdateServer();
});
test.afterEach(async () => {
  await running?.stop();
  running = undefined;
  await server.close();
});

const userFields = { extension: '3050', login: 'lbianchi' };

test('Settings shows the version, a channel locked by the profile, and what Check now finds', async ({ openWindow }) => {
  publishRelease(server, makeRelease('9.1.0-beta.2'), channelFileName('beta', process.platform, process.arch));
  running = await startApp({
    profile: sampleProfile({ updates: { url: server.url, channel: 'beta' }, enforced: ['/updates/channel'] }),
    userFields,
  });
  const page = await openWindow(running);
  await page.goto(running.url);
  await page.locator('[data-nav="settings"]').click();
  const section = page.getByRole('region', { name: 'Updates' });
  await expect(section).toHaveAttribute('data-updates-phase', 'idle');
  await expect(section).toContainText(/This is Scrivania \d+\.\d+\.\d+/);
  await expect(section).toContainText('Scrivania will check for updates shortly.');
  await expect(section).toContainText('Update server: 127.0.0.1');
  await expect(section).toContainText('Not checked yet');
  await expect(section).toContainText('can check for updates but not install them');
  const channel = section.getByLabel('Update channel');
  await expect(channel).toHaveValue('beta');
  await expect(channel).toBeDisabled();
  await expect(section).toContainText('Set by Comune di Prato');

  await section.getByRole('button', { name: 'Check now' }).click();
  await expect(section).toHaveAttribute('data-updates-phase', 'available');
  await expect(section.getByRole('status')).toHaveText('Version 9.1.0-beta.2 is available.');
  await expect(section.locator('[data-updates-last-check]')).toContainText('an update was found');
  await expect(section.getByRole('button', { name: 'Restart to update' })).toHaveCount(0);
  expect(server.requests).toEqual([`/scrivania/${channelFileName('beta', process.platform, process.arch)}`]);
});

test('a failing server is explained in Italian, with the technical line for the help desk', async ({ openWindow }) => {
  server.failWith(503);
  running = await startApp({ profile: sampleProfile({ updates: { url: server.url } }), userFields, locale: 'it-IT' });
  const page = await openWindow(running);
  await page.goto(running.url);
  await page.locator('[data-nav="settings"]').click();
  const section = page.getByRole('region', { name: 'Aggiornamenti' });
  const channel = section.getByLabel('Canale di aggiornamento');
  await expect(channel).toBeEnabled();
  await section.getByRole('button', { name: 'Controlla ora' }).click();
  await expect(section).toHaveAttribute('data-updates-phase', 'error');
  await expect(section).toContainText('Il server degli aggiornamenti non è raggiungibile');
  // The technical line is there for the help desk, behind Details.
  await expect(section.getByTestId('updates-problem').locator('details code')).toHaveText(/answered HTTP 503$/);
  await expect(section.getByTestId('updates-problem').locator('summary')).toHaveText('Dettagli');
  await expect(section.locator('[data-updates-last-check]')).toContainText('non riuscito');

  server.recover();
  publishRelease(server, makeRelease('0.0.1'), channelFileName('beta', process.platform, process.arch));
  await channel.selectOption('beta');
  await expect(section).toHaveAttribute('data-updates-phase', 'idle');
  await section.getByRole('button', { name: 'Controlla ora' }).click();
  await expect(section.getByRole('status')).toHaveText('Scrivania è aggiornata.');
});
