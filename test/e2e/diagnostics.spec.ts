import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { sampleProfile } from '../unit/profiles/fixtures';
import { e2eSecrets } from './secrets-used';
import { expect, startCliWebHost, stopCliWebHost, test, type RunningWebHost } from './web-host-fixture';

let child: ChildProcess;
let host: RunningWebHost;

test.beforeAll(async () => {
  ({ child, host } = await startCliWebHost({ profile: sampleProfile(), userFields: { extension: '4021', login: 'mrossi' } }));
});

test.afterAll(async () => {
  if (child) await stopCliWebHost(child);
});

test('the Help pane creates the diagnostics bundle, says what it holds, downloads it and offers the email', async ({ page }) => {
  await page.goto(host.url);
  await page.locator('[data-nav="help"]').click();
  const section = page.getByTestId('diagnostics');
  await expect(section.getByRole('heading', { name: 'Diagnostics for the help desk' })).toBeVisible();
  await section.getByRole('button', { name: 'Create diagnostics bundle' }).click();

  const facts = section.getByTestId('diagnostics-bundle');
  await expect(facts).toContainText(/Written: scrivania-diagnostics-\d{8}-\d{6}Z\.zip \([\d.,]+ kB\)/);
  await expect(facts).toContainText(`Saved as ${host.dataDir}/diagnostics/scrivania-diagnostics-`);
  for (const entry of ['README.txt', 'versions.json', 'self-test.json', 'profile.json', 'configuration.json', 'logs/scrivania.log']) await expect(facts.getByText(entry, { exact: true })).toBeVisible();
  const fileName = /scrivania-diagnostics-\d{8}-\d{6}Z\.zip/.exec((await facts.textContent()) ?? '')?.[0] ?? '';

  const email = section.getByTestId('diagnostics-email');
  await expect(email).toHaveText('Email to the help desk');
  const href = (await email.getAttribute('href')) ?? '';
  expect(href.startsWith('mailto:helpdesk@comune.prato.example?subject=')).toBe(true);
  expect(decodeURIComponent(href)).toContain(`Scrivania diagnostics: ${fileName}`);
  await expect(section).toContainText(`An email link cannot attach a file: download it first, then attach ${fileName} yourself.`);

  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  const downloaded = readFileSync((await download.path()) ?? '');
  expect(downloaded.equals(readFileSync(`${host.dataDir}/diagnostics/${fileName}`))).toBe(true);
  const entries = unzipSync(new Uint8Array(downloaded));
  expect(JSON.parse(strFromU8(entries['profile.json']!))).toMatchObject({ id: 'comune-prato-smartworking', issuer: { organization: 'Comune di Prato' } });
  expect(strFromU8(entries['logs/scrivania.log']!)).toContain('web host listening');
  expect(strFromU8(entries['logs/scrivania.log']!)).not.toContain(host.token);
  const everything = Buffer.concat(Object.values(entries).map((entry) => Buffer.from(entry)));
  expect(Object.values(e2eSecrets).filter((secret) => everything.includes(secret))).toEqual([]);
});

test('in Italian too', async ({ page }) => {
  await page.goto(host.url);
  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Language').selectOption('it');
  await page.locator('[data-nav="help"]').click();
  const section = page.getByTestId('diagnostics');
  await expect(section.getByRole('heading', { name: "Diagnostica per l'assistenza" })).toBeVisible();
  await section.getByRole('button', { name: 'Crea pacchetto di diagnostica' }).click();
  await expect(section.getByTestId('diagnostics-bundle')).toContainText(/Creato: scrivania-diagnostics-\d{8}-\d{6}Z\.zip/);
  await expect(section.getByRole('button', { name: 'Scarica' })).toBeVisible();
  await expect(section.getByTestId('diagnostics-email')).toHaveText("Invia per email all'assistenza");
  await expect(section).toContainText('Un link email non può allegare file');
});
