import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agenda } from '../../common/contract/meetings';
import { MeetingsConfig } from '../../common/meetings/meetings-config';
import { runMeetingsCommand } from '../../main/cli/meetings-command';
import { HttpCalendarProvider, httpUrlOf } from '../../main/services/meetings/calendars/http-provider';
import { MeetingsService, type MeetingsServicePorts } from '../../main/services/meetings/meetings-service';
import { memoryLog } from '../support/memory-log';
import { CalendarServer, type CalendarServerOptions } from './meetings/calendar-server';

/** Calendars over real HTTP on 127.0.0.1: credentials, conditional requests, failures and the last good copy. */

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'ics', name), 'utf8');
const NOW = new Date('2026-03-30T06:00:00Z');
const servers: CalendarServer[] = [];
const services: MeetingsService[] = [];

afterEach(async () => {
  services.splice(0).forEach((service) => service.dispose());
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

const serve = async (body: string, options: CalendarServerOptions = {}): Promise<CalendarServer> => {
  const server = await new CalendarServer(options).start();
  server.publish(body);
  servers.push(server);
  return server;
};

const meetingsWith = (ports: Partial<MeetingsServicePorts> = {}) => {
  const { log, records } = memoryLog();
  const service = new MeetingsService({
    log,
    clock: () => NOW,
    timeZone: () => 'Europe/Rome',
    secretFor: async () => ({ secret: null, reason: 'No password is saved for calendar work: enter it to continue.' }),
    openExternal: async () => false,
    userAgent: 'Scrivania/test',
    fetchTimeoutMs: 2_000,
    ...ports,
  });
  services.push(service);
  return { service, records };
};

const calendarOf = (agenda: Agenda, id = 'work') => agenda.calendars.find((calendar) => calendar.id === id);

const configure = (service: MeetingsService, calendar: Record<string, unknown>): void =>
  service.configure(MeetingsConfig.parse({ calendars: [{ id: 'work', name: 'Lavoro', refreshMinutes: 15, ...calendar }] }));

/** Resolves once the calendar has finished its first load. */
const loaded = async (service: MeetingsService): Promise<Agenda> => {
  await service.refresh();
  return service.agenda();
};

describe('an ICS subscription over HTTP', () => {
  it('sends Basic credentials from the keychain and shows the meetings', async () => {
    const server = await serve(fixture('outlook-exchange.ics'), { username: 'anna.bianchi', password: 's3gret-Pass' });
    const asked: string[] = [];
    const { service, records } = meetingsWith({
      secretFor: async (purpose) => {
        asked.push(purpose);
        return { secret: 's3gret-Pass' };
      },
    });
    configure(service, { url: server.url(), auth: 'basic', username: 'anna.bianchi' });
    const agenda = await loaded(service);
    expect(asked[0]).toBe('calendar.fetch:work');
    expect(calendarOf(agenda)).toMatchObject({ state: 'ok', where: server.origin.slice('http://'.length), events: 7 });
    expect(agenda.occurrences.map((occurrence) => occurrence.title)).toContain('Riunione di Giunta');
    expect(JSON.stringify(records)).not.toContain('s3gret-Pass');
  });

  it('names the calendar and the refusal when the credentials are wrong or missing', async () => {
    const server = await serve(fixture('outlook-exchange.ics'), { username: 'anna.bianchi', password: 'right' });
    const { service } = meetingsWith({ secretFor: async () => ({ secret: 'wrong' }) });
    configure(service, { url: server.url(), auth: 'basic', username: 'anna.bianchi' });
    expect(calendarOf(await loaded(service))).toMatchObject({
      state: 'error',
      error: `calendar "Lavoro": ${server.origin.slice(7)}: the server refused the credentials (HTTP 401)`,
    });

    const { service: noSecret } = meetingsWith();
    configure(noSecret, { url: server.url(), auth: 'basic', username: 'anna.bianchi' });
    expect(calendarOf(await loaded(noSecret))?.error).toBe(
      `calendar "Lavoro": ${server.origin.slice(7)}: No password is saved for calendar work: enter it to continue.`,
    );
  });

  it('sends a bearer token', async () => {
    const server = await serve(fixture('google-export.ics'), { token: 'tok-123' });
    const { service } = meetingsWith({ secretFor: async () => ({ secret: 'tok-123' }) });
    configure(service, { url: server.url(), auth: 'bearer' });
    expect(calendarOf(await loaded(service))?.state).toBe('ok');
    expect(server.seen[0]?.headers.authorization).toBe('Bearer tok-123');
  });

  it('asks with If-None-Match and keeps its copy on 304, then reads the changed calendar', async () => {
    const server = await serve(fixture('outlook-exchange.ics'));
    const { service } = meetingsWith();
    configure(service, { url: server.url() });
    const first = await loaded(service);
    await service.refresh();
    expect(server.seen.map((request) => request.status)).toEqual([200, 304]);
    expect(server.seen[1]?.headers['if-none-match']).toMatch(/^"[0-9a-f]{16}"$/);
    expect(service.agenda().occurrences).toEqual(first.occurrences);

    server.publish(fixture('google-export.ics'));
    await service.refresh();
    expect(server.seen.at(-1)?.status).toBe(200);
    expect(service.agenda().occurrences.map((occurrence) => occurrence.title)).toContain('Stand-up ufficio tributi');
  });

  it('asks with If-Modified-Since where the server gives only Last-Modified', async () => {
    const server = await serve(fixture('apple-icloud.ics'), { validators: 'last-modified' });
    const { service } = meetingsWith();
    configure(service, { url: server.url() });
    await loaded(service);
    await service.refresh();
    expect(server.seen[1]).toMatchObject({ status: 304, headers: { 'if-modified-since': expect.stringMatching(/GMT$/) } });
  });

  it('keeps the last good copy when the server fails, says so, and recovers', async () => {
    const server = await serve(fixture('outlook-exchange.ics'));
    const { service } = meetingsWith();
    const statuses: string[] = [];
    service.on('status', (status) => statuses.push(status.level));
    configure(service, { url: server.url() });
    const good = await loaded(service);

    server.mode = 'fail';
    await service.refresh();
    const stale = service.agenda();
    expect(calendarOf(stale)).toMatchObject({
      state: 'stale',
      error: `calendar "Lavoro": ${server.origin.slice(7)}: the server failed (HTTP 503)`,
    });
    expect(stale.occurrences).toEqual(good.occurrences);
    expect(statuses.at(-1)).toBe('warning');

    server.mode = 'html';
    await service.refresh();
    expect(calendarOf(service.agenda())?.error).toBe(
      'calendar "Lavoro": this is not an iCalendar file: it starts with "<!DOCTYPE html><html><body>Sign in to Ou…"',
    );
    expect(service.agenda().occurrences).toEqual(good.occurrences);

    server.mode = 'serve';
    await service.refresh();
    expect(calendarOf(service.agenda())).toMatchObject({ state: 'ok', problems: [] });
    expect(calendarOf(service.agenda())?.error).toBeUndefined();
    expect(statuses.at(-1)).toBe('ok');
  });

  it('reports a server that never answers within the timeout', async () => {
    const server = await serve(fixture('outlook-exchange.ics'));
    server.mode = 'stall';
    const { service } = meetingsWith({ fetchTimeoutMs: 300 });
    configure(service, { url: server.url() });
    const started = Date.now();
    expect(calendarOf(await loaded(service))).toMatchObject({
      state: 'error',
      error: `calendar "Lavoro": ${server.origin.slice(7)}: no answer within 0.3 s`,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a refused connection', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const { service } = meetingsWith();
    configure(service, { url: `http://127.0.0.1:${port}/calendar.ics` });
    expect(calendarOf(await loaded(service))?.error).toBe(`calendar "Lavoro": 127.0.0.1:${port}: the connection was refused`);
    expect(service.agenda().occurrences).toEqual([]);
  });

  it('follows a redirect, and never carries the credentials to another origin', async () => {
    const elsewhere = await serve(fixture('apple-icloud.ics'));
    const home = await serve(fixture('outlook-exchange.ics'), { username: 'anna', password: 'pw' });
    home.redirects.set('/old.ics', home.url('/calendar.ics'));
    home.redirects.set('/moved.ics', elsewhere.url());
    const provider = (path: string) =>
      new HttpCalendarProvider({
        url: home.url(path),
        auth: { kind: 'basic', username: 'anna' },
        secret: async () => ({ secret: 'pw' }),
        timeoutMs: 2_000,
        userAgent: 'test',
      });

    expect((await provider('/old.ics').fetch(undefined)).kind).toBe('changed');
    expect(home.seen.map((request) => [request.path, request.status, request.headers.authorization !== undefined])).toEqual([
      ['/old.ics', 302, true],
      ['/calendar.ics', 200, true],
    ]);
    expect((await provider('/moved.ics').fetch(undefined)).kind).toBe('changed');
    expect(elsewhere.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('refuses a calendar larger than the limit', async () => {
    const server = await serve(fixture('outlook-exchange.ics'));
    const provider = new HttpCalendarProvider({ url: server.url(), timeoutMs: 2_000, userAgent: 'test', maxBytes: 1024 });
    await expect(provider.fetch(undefined)).rejects.toThrow(`${server.origin.slice(7)}: the calendar is larger than`);
  });

  it('reads webcal:// as https://', () => {
    expect(httpUrlOf('webcal://p01-caldav.icloud.com/published/2/abc').href).toBe('https://p01-caldav.icloud.com/published/2/abc');
  });
});

describe("the employee's own calendars", () => {
  it('adds a calendar by URL, shows it, and removes it', async () => {
    const server = await serve(fixture('apple-icloud.ics'));
    const { service } = meetingsWith();
    service.configure(undefined);
    expect(service.agenda().configured).toBe(false);
    const id = service.addCalendar('Casa', server.url());
    const agenda = await loaded(service);
    expect(agenda).toMatchObject({ configured: true, calendars: [{ id, name: 'Casa', origin: 'user', state: 'ok' }] });
    expect(agenda.occurrences.map((occurrence) => occurrence.title)).toContain('Retrospettiva progetto Scrivania');
    service.removeCalendar(id);
    expect(service.agenda().calendars).toEqual([]);
  });

  it('refuses to add one where the help desk manages the calendars', () => {
    const { service } = meetingsWith();
    service.configure(MeetingsConfig.parse({ locked: { calendars: true } }));
    expect(() => service.addCalendar('Casa', 'https://example.invalid/c.ics')).toThrow('your help desk manages the calendars');
    expect(service.agenda().can.addCalendars).toBe(false);
  });
});

describe('scrivania meetings list --ics URL', () => {
  it('lists a calendar served over HTTP, and fails in one line when the server does', async () => {
    const server = await serve(fixture('google-export.ics'));
    let out = '';
    let err = '';
    const io = {
      out: (text: string) => void (out += text),
      err: (text: string) => void (err += text),
      readStdin: async () => '',
      now: () => NOW,
    };
    expect(await runMeetingsCommand(['list', '--ics', server.url(), '--tz', 'Europe/Rome'], io)).toBe(0);
    expect(out).toContain(
      'Mon 30 Mar, 15:00–15:30  Call con il fornitore  [Zoom] https://us02web.zoom.us/j/84455667788?pwd=Vm1hS2pQbXlZc0JvT1Z4d2FqZz09\n',
    );
    server.mode = 'fail';
    expect(await runMeetingsCommand(['list', '--ics', server.url()], io)).toBe(1);
    expect(err).toBe(`scrivania meetings: ${server.origin.slice(7)}: the server failed (HTTP 503)\n`);
  });
});
