import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { demoProfile } from '../lab/demo/demo-profile';
import { WEB_HOST_ONLY } from './e2e-host';
import { expectNoAxeViolations } from './accessibility';
import { catalogueSentence, expectCatalogueError, expectEveryErrorFromCatalogue } from './error-catalogue';
import { expect, startApp, test } from './web-host-fixture';

/**
 * The employee adds their calendar in the Meetings pane; a calendar served on 127.0.0.1 by this test shows the next
 * meeting on the dashboard, and Join hands the meeting's URL over. The browser may reach loopback only: any other
 * request (the meeting page the window opens) is recorded and refused.
 */

const ZOOM_URL = 'https://us02web.zoom.us/j/85312345678?pwd=bXlQd0xWc1ZtYk9vT2lrR3F2dz09';
const SECRET_PATH = '/owa/calendar/7c2f0a1b9d4e4f11a2b3c4d5e6f70819/reachcalendar.ics';
const BUSY_PATH = '/busy.ics';
const TEAMS_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_e2e%40thread.v2/0?context=%7b%7d';

const stamp = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Two meetings from now on, as Outlook publishes them: the next one with a Zoom invitation, a Teams one after it. */
const calendarFor = (now: Date): string => {
  const at = (minutes: number) => new Date(Math.floor(now.getTime() / 60_000) * 60_000 + minutes * 60_000);
  return [
    'BEGIN:VCALENDAR',
    'METHOD:PUBLISH',
    'PRODID:Microsoft Exchange Server 2010',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    `DESCRIPTION:Mario Rossi is inviting you to a scheduled Zoom meeting.\\n\\nJoin Zoom Meeting\\n${ZOOM_URL}\\n\\nMeeting ID: 853 1234 5678\\nPasscode: 482913\\n---\\nOne tap mobile\\n+390200667245\\,\\,85312345678#\\,\\,\\,\\,*482913# Italy`,
    'UID:e2e-next-meeting',
    'SUMMARY;LANGUAGE=it-IT:Riunione di Giunta',
    `DTSTART:${stamp(at(25))}`,
    `DTEND:${stamp(at(85))}`,
    `DTSTAMP:${stamp(now)}`,
    'STATUS:CONFIRMED',
    'X-MICROSOFT-CDO-BUSYSTATUS:BUSY',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DESCRIPTION:Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_e2e%40thread.v2/0?context=%7b%7d>',
    'UID:e2e-later-meeting',
    'SUMMARY:Tavolo tecnico',
    `DTSTART:${stamp(at(120))}`,
    `DTEND:${stamp(at(150))}`,
    `DTSTAMP:${stamp(now)}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
};

const minuteFloor = (now: Date, minutes: number): Date => new Date(Math.floor(now.getTime() / 60_000) * 60_000 + minutes * 60_000);

/**
 * A busy morning: one meeting under way (started 10 minutes ago), the next one in 5 minutes (inside its join window),
 * and one in 25 minutes (outside it).
 */
const busyCalendarFor = (now: Date): string => {
  const event = (uid: string, title: string, from: number, to: number, link: string): string[] => [
    'BEGIN:VEVENT',
    `DESCRIPTION:Join the meeting<${link}>`,
    `UID:${uid}`,
    `SUMMARY:${title}`,
    `DTSTART:${stamp(minuteFloor(now, from))}`,
    `DTEND:${stamp(minuteFloor(now, to))}`,
    `DTSTAMP:${stamp(now)}`,
    'END:VEVENT',
  ];
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    ...event('e2e-under-way', 'Conferenza dei servizi', -10, 20, TEAMS_URL),
    ...event('e2e-next', 'Commissione urbanistica', 5, 35, ZOOM_URL),
    ...event('e2e-later', 'Tavolo tecnico', 25, 55, TEAMS_URL),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
};

let server: Server;
let calendarUrl: string;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const calendar = request.url === SECRET_PATH ? calendarFor : request.url === BUSY_PATH ? busyCalendarFor : undefined;
    if (!calendar) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8' }).end(calendar(new Date()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  calendarUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SECRET_PATH}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A help desk's profile with the busy calendar and nothing else to reach. */
const busyOfficeProfile = (): Record<string, unknown> =>
  demoProfile({ now: new Date(), vpn: {}, calendarUrl: calendarUrl.replace(SECRET_PATH, BUSY_PATH) });

const isLoopback = (url: URL): boolean => url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:';

/** Adds a calendar in the Meetings pane, as the employee would, and waits until it has been read. */
const addCalendarAt = async (page: Page, url: string): Promise<void> => {
  await page.locator('[data-nav="meetings"]').click();
  await page.getByLabel('Name').fill('Lavoro');
  await page.getByLabel('Subscription address (iCal / ICS)').fill(url);
  await page.getByRole('button', { name: 'Add calendar' }).click();
  await expect(page.locator('[data-calendar] .calendar-state')).toHaveAttribute('data-state', 'ok');
};

/** Adds the test's calendar in the Meetings pane, as the employee would, and checks what the pane then lists. */
const addCalendar = async (page: Page): Promise<void> => {
  // Unconfigured, the card leads to the profile: the employee adding a calendar of their own opens the pane.
  await page.locator('[data-nav="meetings"]').click();
  await expect(page.locator('[data-pane="meetings"]')).toBeVisible();
  await page.getByLabel('Name').fill('Lavoro');
  await page.getByLabel('Subscription address (iCal / ICS)').fill(calendarUrl);
  await page.getByRole('button', { name: 'Add calendar' }).click();

  const calendar = page.locator('[data-calendar]');
  await expect(calendar).toContainText('Lavoro');
  await expect(calendar.locator('.calendar-state')).toHaveAttribute('data-state', 'ok');
  await expect(calendar).toContainText('127.0.0.1');
  await expect(calendar).not.toContainText(SECRET_PATH);
  const rows = page.locator('[data-occurrence]');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Riunione di Giunta');
  await expect(rows.first()).toContainText('Zoom');
  await expect(rows.nth(1)).toContainText('Microsoft Teams');
  await page.getByRole('button', { name: /Back to the dashboard/ }).click();
};

test('a calendar added in the pane shows the next meeting on the dashboard card', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-capability="meetings"] .badge')).toHaveAttribute('data-level', 'unconfigured');
  await addCalendar(page);
  const card = page.locator('[data-capability="meetings"]');
  await expect(card.locator('.badge')).toHaveAttribute('data-level', 'ok');
  // Late in the evening the second meeting, or both, fall tomorrow.
  await expect(card.locator('.card-summary')).toHaveText(/^(2 more meetings today|One more meeting today|No more meetings today)\.$/);
  const next = card.locator('[data-next-meeting]');
  await expect(next).toContainText('Riunione di Giunta');
  await expect(next.locator('.countdown')).toHaveText(/^starts in 2[45] min$|^tomorrow at /);
  await expect(next.locator('.mark')).toHaveText('Next');
  // 25 minutes away it is not yet the time to join: Join is there, but not the primary button.
  await expect(next.getByRole('button', { name: 'Join Riunione di Giunta' })).toBeVisible();
  await expect(next.getByRole('button', { name: 'Join Riunione di Giunta' })).toHaveClass(/\bsecondary\b/);
});

// The web host hands the link to the browser tab it runs in, where the test can catch it; Electron gives it to the
// system's browser through shell.openExternal, which a test must not start on this machine.
test('Join hands the meeting URL over to the browser', { tag: WEB_HOST_ONLY }, async ({ page, app }) => {
  const handedToBrowser: string[] = [];
  await page.context().route(
    (url) => !isLoopback(url),
    (route) => {
      handedToBrowser.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  await page.goto(app.url);
  await addCalendar(page);
  const next = page.locator('[data-capability="meetings"] [data-next-meeting]');
  await next.getByRole('button', { name: 'Join Riunione di Giunta' }).click();
  await expect(next.locator('[data-join-url]')).toHaveAttribute('href', ZOOM_URL);
  await expect.poll(() => handedToBrowser).toContain(ZOOM_URL);

  // The subscription address carries a secret and the join URL a passcode: neither reaches the log.
  const log = readFileSync(`${app.dataDir}.log`, 'utf8');
  expect(log).toContain('handed a meeting link over');
  expect(log).not.toContain(SECRET_PATH);
  expect(log).not.toContain('pwd=');
});

test('the pane explains a calendar that cannot be read, in Italian too', async ({ page, app }) => {
  await page.goto(app.url);
  await page.locator('[data-nav="meetings"]').click();
  await page.getByLabel('Name').fill('Sbagliato');
  await page.getByLabel('Subscription address (iCal / ICS)').fill(calendarUrl.replace(SECRET_PATH, '/missing.ics'));
  await page.getByRole('button', { name: 'Add calendar' }).click();
  const calendar = page.locator('[data-calendar]');
  await expect(calendar.locator('.calendar-state')).toHaveAttribute('data-state', 'error');
  const notice = calendar.locator('.error-notice');
  await expectCatalogueError(notice, 'en', 'meetings.calendar-gone', { status: 404 });
  await expect(notice.locator('details code')).toHaveText(
    /^calendar "Sbagliato": 127\.0\.0\.1:\d+: the calendar is not there any more \(HTTP 404\)$/,
  );
  await expect(page.locator('[data-pane="meetings"] > .badge')).toHaveAttribute('data-level', 'error');

  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Language').selectOption('it');
  await page.locator('[data-nav="meetings"]').click();
  await expect(calendar.locator('.calendar-state')).toHaveText('Non leggibile');
  await expectCatalogueError(notice, 'it', 'meetings.calendar-gone', { status: 404 });
  await calendar.getByRole('button', { name: 'Rimuovi il calendario Sbagliato' }).click();
  await expect(calendar).toHaveCount(0);
});

test('the meeting under way and the next one are marked in words, and Join is primary only in its window', async ({ page, app }) => {
  await page.goto(app.url);
  await addCalendarAt(page, calendarUrl.replace(SECRET_PATH, BUSY_PATH));
  const pane = page.locator('[data-pane="meetings"]');
  const row = (title: string) => pane.locator('[data-occurrence]', { hasText: title });
  const join = (title: string) => row(title).getByRole('button', { name: `Join ${title}` });

  await expect(row('Conferenza dei servizi')).toHaveAttribute('data-mark', 'now');
  await expect(row('Conferenza dei servizi').locator('.mark')).toHaveText('Now');
  await expect(row('Conferenza dei servizi').locator('.meeting-countdown')).toHaveText(/^ends in (19|20) min$/);
  await expect(join('Conferenza dei servizi')).not.toHaveClass(/\bsecondary\b/);

  await expect(row('Commissione urbanistica')).toHaveAttribute('data-mark', 'next');
  await expect(row('Commissione urbanistica').locator('.mark')).toHaveText('Next');
  await expect(row('Commissione urbanistica').locator('.meeting-countdown')).toHaveText(/^starts in [45] min$|^tomorrow at /);
  await expect(join('Commissione urbanistica')).not.toHaveClass(/\bsecondary\b/);

  await expect(row('Tavolo tecnico')).not.toHaveAttribute('data-mark', /./);
  await expect(row('Tavolo tecnico').locator('.mark')).toHaveCount(0);
  await expect(join('Tavolo tecnico')).toHaveClass(/\bsecondary\b/);
  // Primary and secondary look different, not only by their class.
  const background = (title: string) => join(title).evaluate((button) => getComputedStyle(button).backgroundColor);
  expect(await background('Conferenza dei servizi')).not.toBe(await background('Tavolo tecnico'));

  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Language').selectOption('it');
  await page.locator('[data-nav="meetings"]').click();
  await expect(row('Conferenza dei servizi').locator('.mark')).toHaveText('In corso');
  await expect(row('Conferenza dei servizi').locator('.meeting-countdown')).toHaveText(/^termina tra (19|20) min$/);
  await expect(row('Commissione urbanistica').locator('.mark')).toHaveText('Prossima');
  await expect(pane.locator('[data-calendar] .calendar-state')).toHaveText(/^Aggiornato alle \d\d:\d\d$/);
});

test('the dashboard card shows the meeting under way in a few short lines with Join in view at 1024×600', async ({ openWindow }) => {
  const configured = await startApp({ profile: busyOfficeProfile() });
  try {
    const page = await openWindow(configured);
    await page.setViewportSize({ width: 1024, height: 600 });
    await page.goto(configured.url);
    const next = page.locator('[data-capability="meetings"] [data-next-meeting]');
    await expect(next.locator('.mark')).toHaveText('Now');
    await expect(next.locator('.next-title')).toHaveText('Conferenza dei servizi');
    await expect(next.locator('.countdown')).toHaveText(/^ends in (19|20) min$/);
    const join = next.getByRole('button', { name: 'Join Conferenza dei servizi' });
    await expect(join).not.toHaveClass(/\bsecondary\b/);
    await page.screenshot({ path: test.info().outputPath('dashboard-1024x600.png') });
    // Mark and countdown, a title of two lines, time and Join: under 170 px of a card four across (a time range
    // across midnight takes two lines), Join on screen.
    const block = await next.boundingBox();
    const button = await join.boundingBox();
    if (!block || !button) throw new Error('the meeting or its Join is not laid out');
    expect(block.height).toBeLessThanOrEqual(170);
    expect(button.y + button.height).toBeLessThanOrEqual(block.y + block.height);
    await expect(join).toBeInViewport({ ratio: 1 });
  } finally {
    await configured.stop();
  }
});

test('the reminder is one setting: the Meetings pane and Settings show and change the same stored value', async ({ openWindow }) => {
  const configured = await startApp({ profile: busyOfficeProfile() });
  try {
    const page = await openWindow(configured);
    await page.goto(configured.url);
    await page.locator('[data-nav="meetings"]').click();
    const inMeetings = page.locator('[data-pane="meetings"]').getByLabel('Remind me');
    await expect(inMeetings).toHaveValue('5');
    await inMeetings.selectOption('15');

    await page.locator('[data-nav="settings"]').click();
    const settings = page.locator('[data-pane="settings"]');
    // One reminder control in Settings, the Meetings pane's own, showing the value chosen there.
    await expect(settings.getByLabel('Remind me')).toHaveCount(1);
    await expect(settings.locator('[data-pointer="/meetings/notifyMinutesBefore"]')).toHaveCount(0);
    await expect(settings.getByLabel('Remind me')).toHaveValue('15');
    await expect(settings.getByLabel('Remind me').locator('option:checked')).toHaveText('15 minutes before');
    await page.screenshot({ path: test.info().outputPath('settings-reminder.png'), fullPage: true });
    await settings.getByLabel('Remind me').selectOption('30');

    await page.locator('[data-nav="meetings"]').click();
    await expect(inMeetings).toHaveValue('30');
    const stored = () => JSON.parse(readFileSync(join(configured.dataDir, 'meetings', 'choices.json'), 'utf8')) as unknown;
    await expect.poll(stored).toMatchObject({ notifyMinutesBefore: 30 });
    expect(JSON.stringify(await configured.invoke('profiles.effective', {}))).not.toContain('"notifyMinutesBefore":30');
  } finally {
    await configured.stop();
  }
});

for (const language of ['en', 'it'] as const) {
  test(`the Meetings pane has no accessibility violations (${language})`, async ({ page, app }) => {
    await page.goto(app.url);
    await addCalendarAt(page, calendarUrl.replace(SECRET_PATH, BUSY_PATH));
    if (language === 'it') {
      await page.locator('[data-nav="settings"]').click();
      await page.getByLabel('Language').selectOption('it');
      await page.locator('[data-nav="meetings"]').click();
      await expect(page.locator('[data-pane="meetings"] h1')).toHaveText('Riunioni');
    }
    await expect(page.locator('[data-occurrence]')).toHaveCount(3);
    for (const [width, height] of [
      [1366, 768],
      [1024, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: test.info().outputPath(`meetings-${language}-${width}x${height}.png`), fullPage: true });
      await page.locator('[data-nav="dashboard"]').click();
      await page.screenshot({ path: test.info().outputPath(`dashboard-${language}-${width}x${height}.png`) });
      await page.locator('[data-nav="meetings"]').click();
    }
    // The light theme and the dark one: the highlights and the outcome colours change with it.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expectNoAxeViolations(page, `the meetings pane in ${language}, ${colorScheme}`);
      await page.screenshot({ path: test.info().outputPath(`meetings-${language}-${colorScheme}.png`), fullPage: true });
    }
  });
}

test('in Italian, a calendar that cannot be reached and a form left half empty are said in the catalogue’s words', async ({
  openWindow,
}) => {
  const gone = createServer();
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  const { port } = gone.address() as AddressInfo;
  await new Promise<void>((resolve) => gone.close(() => resolve()));
  const italian = await startApp({
    locale: 'it-IT',
    profile: demoProfile({ now: new Date(), vpn: {}, calendarUrl: `http://127.0.0.1:${port}/calendario.ics` }),
  });
  try {
    const page = await openWindow(italian);
    await page.goto(italian.url);
    await page.locator('[data-nav="meetings"]').click();
    const pane = page.locator('[data-pane="meetings"]');
    const calendar = pane.locator('[data-calendar="ufficio"]');
    await expect(calendar.locator('.calendar-state')).toHaveAttribute('data-state', 'error', { timeout: 15_000 });
    const notice = calendar.locator('.error-notice');
    await expectCatalogueError(notice, 'it', 'meetings.calendar-refused', { host: `127.0.0.1:${port}` });
    await notice.getByText('Dettagli').click();
    await expect(notice.locator('details code')).toHaveText(`calendar "Ufficio anagrafe": 127.0.0.1:${port}: the connection was refused`);

    // The form's own checks, under each field, instead of the browser's bubbles.
    await pane.getByLabel('Indirizzo del calendario (iCal / ICS)').fill('calendario');
    await pane.getByRole('button', { name: 'Aggiungi il calendario' }).click();
    await expect(pane.locator('#calendar-name-message')).toHaveText(catalogueSentence('it', 'meetings.calendar-name-empty'));
    await expect(pane.locator('#calendar-url-message')).toHaveText(catalogueSentence('it', 'meetings.calendar-address-invalid'));
    await expect(pane.locator('#calendar-url')).toHaveAttribute('aria-invalid', 'true');
    await expectEveryErrorFromCatalogue(pane, 'it');
  } finally {
    await italian.stop();
  }
});
