import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { onPath, skipReasonOutsideCi } from '../lab/peers';
import { composeFields, recorderMailClient, sessionWithoutMailProgram } from '../unit/help/diagnostics-email-programs';
import { sampleProfile } from '../unit/profiles/fixtures';
import { WEB_HOST_ONLY } from './e2e-host';
import { e2eSecrets } from './secrets-used';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';

let app: RunningApp;

test.beforeAll(async () => {
  // A desktop with no mail program, so the email is the mailto: fallback wherever this runs.
  app = await startApp({ profile: sampleProfile(), userFields: { extension: '4021', login: 'mrossi' }, env: sessionWithoutMailProgram() });
});

test.afterAll(async () => {
  if (app) await app.stop();
});

test('the Help pane creates the diagnostics bundle and says what it holds and where it is', async ({ openWindow }) => {
  const page = await openWindow(app);
  await page.goto(app.url);
  await page.locator('[data-nav="help"]').click();
  const section = page.getByTestId('diagnostics');
  await expect(section.getByRole('heading', { name: 'Diagnostics for the help desk' })).toBeVisible();
  await section.getByRole('button', { name: 'Create diagnostics bundle' }).click();

  const facts = section.getByTestId('diagnostics-bundle');
  await expect(facts).toContainText(/Written: scrivania-diagnostics-\d{8}-\d{6}Z\.zip \([\d.,]+ kB\)/);
  await expect(facts).toContainText(`Saved as ${app.dataDir}/diagnostics/scrivania-diagnostics-`);
  for (const entry of ['README.txt', 'versions.json', 'self-test.json', 'profile.json', 'configuration.json', 'logs/scrivania.log'])
    await expect(facts.getByText(entry, { exact: true })).toBeVisible();
  await expect(section.getByRole('button', { name: app.host === 'web' ? 'Download' : 'Show in folder' })).toBeVisible();
});

// Without a mail program the web host's window opens the mailto: link and downloads the bundle over its HTTP
// stream; Electron hands both to the OS (shell.openExternal, showItemInFolder), which a test must not start here.
test('without a mail program, the email is a link in the window and the bundle downloads', { tag: WEB_HOST_ONLY }, async ({ page }) => {
  await page.goto(app.url);
  await page.locator('[data-nav="help"]').click();
  const section = page.getByTestId('diagnostics');
  await section.getByRole('button', { name: 'Create diagnostics bundle' }).click();
  const facts = section.getByTestId('diagnostics-bundle');
  await expect(facts).toContainText('Written: scrivania-diagnostics-');
  const fileName = /scrivania-diagnostics-\d{8}-\d{6}Z\.zip/.exec((await facts.textContent()) ?? '')?.[0] ?? '';

  await section.getByRole('button', { name: 'Email to the help desk' }).click();
  await expect(section.getByRole('status')).toHaveText(
    `Your mail program cannot take the attachment from Scrivania: attach ${fileName} to the email yourself; it is saved as ${app.dataDir}/diagnostics/${fileName}. Open the email`,
  );
  const href = (await section.getByRole('link', { name: 'Open the email' }).getAttribute('href')) ?? '';
  expect(href.startsWith('mailto:helpdesk@comune.prato.example?subject=')).toBe(true);
  expect(decodeURIComponent(href)).toContain(`Scrivania diagnostics: ${fileName}`);
  expect(decodeURIComponent(href)).toContain(`(on my PC it is ${app.dataDir}/diagnostics/${fileName})`);

  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  const downloaded = readFileSync((await download.path()) ?? '');
  expect(downloaded.equals(readFileSync(`${app.dataDir}/diagnostics/${fileName}`))).toBe(true);
  const entries = unzipSync(new Uint8Array(downloaded));
  expect(JSON.parse(strFromU8(entries['profile.json']!))).toMatchObject({
    id: 'comune-prato-smartworking',
    issuer: { organization: 'Comune di Prato' },
  });
  expect(strFromU8(entries['logs/scrivania.log']!)).toContain('web host listening');
  expect(strFromU8(entries['logs/scrivania.log']!)).not.toContain(app.token);
  const everything = Buffer.concat(Object.values(entries).map((entry) => Buffer.from(entry)));
  expect(Object.values(e2eSecrets).filter((secret) => everything.includes(secret))).toEqual([]);
});

// The same mailto: link in the window, in Italian: the web host's way, as above.
test('in Italian too', { tag: WEB_HOST_ONLY }, async ({ page }) => {
  await page.goto(app.url);
  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Language').selectOption('it');
  await page.locator('[data-nav="help"]').click();
  const section = page.getByTestId('diagnostics');
  await expect(section.getByRole('heading', { name: "Diagnostica per l'assistenza" })).toBeVisible();
  await section.getByRole('button', { name: 'Crea il pacchetto di diagnostica' }).click();
  await expect(section.getByTestId('diagnostics-bundle')).toContainText(/Creato: scrivania-diagnostics-\d{8}-\d{6}Z\.zip/);
  await expect(section.getByRole('button', { name: 'Scarica' })).toBeVisible();
  await section.getByRole('button', { name: "Invia per email all'assistenza" }).click();
  await expect(section.getByRole('status')).toContainText(
    "Il tuo programma di posta non può ricevere l'allegato da Scrivania: allega tu scrivania-diagnostics-",
  );
  await expect(section.getByRole('link', { name: "Apri l'email" })).toHaveAttribute(
    'href',
    /^mailto:helpdesk@comune\.prato\.example\?subject=Diagnostica%20di%20Scrivania/,
  );
});

test('with a mail client that takes attachments, the email opens with the bundle attached', async ({ openWindow }) => {
  const missing = onPath('xdg-email')
    ? undefined
    : skipReasonOutsideCi('the attached email needs xdg-email (xdg-utils: bash test/lab/system-packages.sh)');
  test.skip(missing !== undefined, missing);
  const mail = recorderMailClient();
  const withMail = await startApp({ profile: sampleProfile(), env: mail.env });
  try {
    const page = await openWindow(withMail);
    await page.goto(withMail.url);
    await page.locator('[data-nav="help"]').click();
    const section = page.getByTestId('diagnostics');
    await section.getByRole('button', { name: 'Create diagnostics bundle' }).click();
    const fileName =
      /scrivania-diagnostics-\d{8}-\d{6}Z\.zip/.exec((await section.getByTestId('diagnostics-bundle').textContent()) ?? '')?.[0] ?? '';
    await section.getByRole('button', { name: 'Email to the help desk' }).click();
    await expect(section.getByRole('status')).toHaveText(
      `A new email to helpdesk@comune.prato.example is open in your mail program with ${fileName} attached: add what happened, then send it.`,
    );
    const [option, compose] = await mail.received();
    expect(option).toBe('-compose');
    expect(composeFields(compose ?? '')).toMatchObject({
      to: 'helpdesk@comune.prato.example,',
      subject: `Scrivania diagnostics: ${fileName}`,
      attachment: `${withMail.dataDir}/diagnostics/${fileName}`,
    });
  } finally {
    await withMail.stop();
  }
});
