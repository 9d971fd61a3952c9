import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { WEB_HOST_ONLY } from './e2e-host';
import { expect, test } from './web-host-fixture';

/**
 * The employee adds their calendar in the Meetings pane; a calendar served on 127.0.0.1 by this test shows the next
 * meeting on the dashboard, and Join hands the meeting's URL over. The browser may reach loopback only: any other
 * request (the meeting page the window opens) is recorded and refused.
 */

const ZOOM_URL = 'https://us02web.zoom.us/j/85312345678?pwd=bXlQd0xWc1ZtYk9vT2lrR3F2dz09';
const SECRET_PATH = '/owa/calendar/7c2f0a1b9d4e4f11a2b3c4d5e6f70819/reachcalendar.ics';

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

let server: Server;
let calendarUrl: string;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url !== SECRET_PATH) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8' }).end(calendarFor(new Date()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  calendarUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SECRET_PATH}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const isLoopback = (url: URL): boolean => url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:';

/** Adds the test's calendar in the Meetings pane, as the employee would, and checks what the pane then lists. */
const addCalendar = async (page: Page): Promise<void> => {
  await page.locator('[data-capability="meetings"] button').click();
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
  // Late in the evening the second meeting falls tomorrow.
  await expect(card.locator('.card-summary')).toHaveText(/^(2 more meetings today|One more meeting today)\.$/);
  const next = card.locator('[data-next-meeting]');
  await expect(next).toContainText('Riunione di Giunta');
  await expect(next.locator('.countdown')).toHaveText(/^in 2[45] min$|^tomorrow at /);
  await expect(next.getByRole('button', { name: 'Join Riunione di Giunta' })).toBeVisible();
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
  await expect(calendar.getByRole('alert')).toHaveText(
    /^calendar "Sbagliato": 127\.0\.0\.1:\d+: the calendar is not there any more \(HTTP 404\)$/,
  );
  await expect(page.locator('[data-pane="meetings"] > .badge')).toHaveAttribute('data-level', 'error');

  await page.locator('[data-nav="settings"]').click();
  await page.getByLabel('Language').selectOption('it');
  await page.locator('[data-nav="meetings"]').click();
  await expect(calendar.locator('.calendar-state')).toHaveText('Non leggibile');
  await calendar.getByRole('button', { name: 'Rimuovi il calendario Sbagliato' }).click();
  await expect(calendar).toHaveCount(0);
});
