import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CapabilityStatus, ServerMessage } from '../../../common/contract';
import type { Reminder } from '../../../common/contract/meetings';
import { MeetingsConfig, type MeetingsConfigInput } from '../../../common/meetings/meetings-config';
import { ContractSession } from '../../../main/host/core/session';
import { testBackend } from '../../support/test-backend';
import { meetingsRequestHandlers } from '../../../main/services/meetings/handlers';
import { MeetingsChoicesStore } from '../../../main/services/meetings/meetings-choices-store';
import { MeetingsService, type MeetingsServicePorts, type PhoneDialer } from '../../../main/services/meetings/meetings-service';
import { memoryLog } from '../../support/memory-log';
import { ManualTime } from '../../support/manual-time';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'ics');

let dir: string;
let time: ManualTime;
const services: MeetingsService[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scrivania-meetings-'));
  time = new ManualTime('2026-03-30T06:00:00Z');
});

afterEach(() => {
  services.splice(0).forEach((service) => service.dispose());
  rmSync(dir, { recursive: true, force: true });
});

const copy = (name: string): string => {
  const path = join(dir, name);
  copyFileSync(join(fixtures, name), path);
  return path;
};

const start = async (config: MeetingsConfigInput, ports: Partial<MeetingsServicePorts> = {}) => {
  const { log, records } = memoryLog();
  const opened: string[] = [];
  const reminders: Reminder[] = [];
  const statuses: CapabilityStatus[] = [];
  const service = new MeetingsService({
    log,
    clock: time.clock,
    timers: time,
    timeZone: () => 'Europe/Rome',
    secretFor: async () => ({ secret: null, reason: 'no keychain' }),
    openExternal: async (url) => {
      opened.push(url);
      return true;
    },
    userAgent: 'Scrivania/test',
    ...ports,
  });
  services.push(service);
  service.on('reminder', (reminder) => reminders.push(reminder));
  service.on('status', (status) => statuses.push(status));
  service.configure(MeetingsConfig.parse(config));
  await service.refresh();
  return { service, opened, reminders, statuses, records };
};

const outlook = () => ({ calendars: [{ id: 'work', name: 'Lavoro', file: copy('outlook-exchange.ics') }] });
const idOf = (service: MeetingsService, title: string): string => {
  const occurrence = service.agenda().occurrences.find((candidate) => candidate.title === title);
  if (!occurrence) throw new Error(`no "${title}" in the agenda`);
  return occurrence.id;
};

describe('the agenda', () => {
  it('shows today and tomorrow in the employee zone, with the calendar health', async () => {
    const { service, statuses } = await start(outlook());
    const agenda = service.agenda();
    expect(agenda).toMatchObject({
      configured: true,
      timeZone: 'Europe/Rome',
      from: '2026-03-29T22:00:00.000Z',
      to: '2026-03-31T22:00:00.000Z',
    });
    expect(agenda.calendars).toEqual([
      {
        id: 'work',
        name: 'Lavoro',
        origin: 'profile',
        where: 'outlook-exchange.ics',
        state: 'ok',
        problems: [],
        lastLoadedAt: '2026-03-30T06:00:00.000Z',
        events: 7,
      },
    ]);
    expect(agenda.occurrences).toHaveLength(5);
    expect(statuses.at(-1)).toEqual({ level: 'ok', summary: { key: 'meetings.status.leftToday', params: { count: 2 } } });
  });

  it('hides what the configuration hides', async () => {
    const { service } = await start({ ...outlook(), hide: { tentative: true, allDay: true } });
    expect(service.agenda().occurrences.map((occurrence) => occurrence.title)).toEqual([
      'Riunione di Giunta',
      'Tavolo tecnico Regione',
      'Call fornitore protocollo',
    ]);
  });

  it('is not configured without calendars', async () => {
    const { service, statuses } = await start({});
    service.configure(undefined);
    expect(service.agenda()).toMatchObject({ configured: false, occurrences: [], calendars: [] });
    expect(statuses.at(-1)).toEqual({ level: 'unconfigured', summary: { key: 'status.notConfigured' } });
  });

  it('moves on by a day at midnight and counts down the meetings left today', async () => {
    const { service, statuses } = await start(outlook());
    time.advanceTo('2026-03-30T08:31:00Z');
    expect(statuses.at(-1)?.summary).toEqual({ key: 'meetings.status.leftToday', params: { count: 1 } });
    time.advanceTo('2026-03-30T22:00:02Z');
    expect(service.agenda().from).toBe('2026-03-30T22:00:00.000Z');
    expect(service.agenda().occurrences.map((occurrence) => occurrence.title)).toEqual([
      'Ferie',
      'Call fornitore protocollo',
      'Consiglio comunale (da confermare)',
    ]);
  });

  it('keeps the last good copy when the file goes away, and says which calendar failed', async () => {
    const path = copy('outlook-exchange.ics');
    const { service, statuses } = await start({ calendars: [{ id: 'work', name: 'Lavoro', file: path }] });
    rmSync(path);
    await service.refresh();
    expect(service.agenda().calendars[0]).toMatchObject({
      state: 'stale',
      error: 'calendar "Lavoro": outlook-exchange.ics: the file does not exist',
    });
    expect(service.agenda().occurrences).toHaveLength(5);
    expect(statuses.at(-1)).toEqual({ level: 'warning', summary: { key: 'meetings.status.someFailed', params: { count: 1 } } });
  });

  it('lists the events it could not read with the calendar', async () => {
    const { service } = await start({ calendars: [{ id: 'desk', name: 'Sportelli', file: copy('malformed.ics') }] });
    expect(service.agenda().calendars[0]?.problems).toEqual([
      'event "Regola rotta": Invalid FREQ value: SOMETIMES',
      'event "Evento senza inizio": no readable start (DTSTART)',
      'event "Data illeggibile": no readable start (DTSTART)',
      'event "Fuso sconosciuto": unknown time zone "Ora di Roma personalizzata", read as Europe/Rome',
    ]);
    expect(service.agenda().occurrences.map((occurrence) => occurrence.title)).toEqual([
      'Sportello anagrafe',
      'Fuso sconosciuto',
      'Sportello tributi',
    ]);
  });
});

describe('reminders', () => {
  it('fires N minutes before each meeting, once, with the service', async () => {
    const { reminders } = await start({ ...outlook(), notifyMinutesBefore: 10 });
    time.advanceTo('2026-03-30T07:19:59Z');
    expect(reminders).toEqual([]);
    time.advanceTo('2026-03-30T07:20:00Z');
    expect(reminders).toEqual([
      {
        occurrenceId: expect.any(String),
        title: 'Riunione di Giunta',
        start: '2026-03-30T07:30:00.000Z',
        minutesBefore: 10,
        service: { id: 'teams', name: 'Microsoft Teams', hasApp: true },
      },
    ]);
    time.advanceTo('2026-03-30T13:00:00Z');
    expect(reminders.map((reminder) => reminder.title)).toEqual(['Riunione di Giunta', 'Tavolo tecnico Regione']);
  });

  it('follows the employee choice of when', async () => {
    const { service, reminders } = await start(outlook());
    expect(service.setPreferences({ notifyMinutesBefore: 1 })).toEqual({ notifyMinutesBefore: 1, openIn: {} });
    time.advanceTo('2026-03-30T07:28:00Z');
    expect(reminders).toEqual([]);
    time.advanceTo('2026-03-30T07:29:00Z');
    expect(reminders).toHaveLength(1);
  });
});

describe('joining', () => {
  it('hands the native app link to the OS when the app is installed, and logs no URL', async () => {
    const { service, opened, records } = await start(outlook(), { canOpenScheme: async (scheme) => scheme === 'zoommtg' });
    const result = await service.join(idOf(service, 'Call fornitore protocollo'));
    expect(result).toEqual({
      url: 'zoommtg://us02web.zoom.us/join?action=join&confno=85312345678&pwd=bXlQd0xWc1ZtYk9vT2lrR3F2dz09',
      opened: true,
    });
    expect(opened).toEqual([result.url]);
    expect(records.find((record) => record.message === 'handed a meeting link over')).toMatchObject({
      service: 'zoom',
      scheme: 'zoommtg',
      opened: true,
    });
    expect(JSON.stringify(records)).not.toContain('pwd=');
  });

  it('uses the browser where the employee chose it', async () => {
    const { service, opened } = await start(outlook(), { canOpenScheme: async () => true });
    service.setPreferences({ openIn: { service: 'teams', choice: 'browser' } });
    await service.join(idOf(service, 'Riunione di Giunta'));
    expect(opened[0]).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  });

  it('returns the URL without opening it where the host cannot (the web host)', async () => {
    const { service } = await start(outlook(), { openExternal: async () => false });
    expect(await service.join(idOf(service, 'Tavolo tecnico Regione'))).toEqual({
      url: 'https://comune-example.webex.com/comune-example/j.php?MTID=m1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
      opened: false,
    });
  });

  it('says why a meeting cannot be joined', async () => {
    const { service } = await start(outlook());
    await expect(service.join(idOf(service, 'Ferie'))).rejects.toThrow('"Ferie" has no meeting link');
    await expect(service.join('nope')).rejects.toThrow('no meeting "nope" today or tomorrow');
  });

  it('joins by phone through the softphone, sending the conference ID as tones', async () => {
    const dialed: [string, string][] = [];
    const phone: PhoneDialer = { available: () => true, dial: async (number, tones) => void dialed.push([number, tones]) };
    const { service } = await start(outlook(), { phone });
    expect(service.agenda().can.joinByPhone).toBe(true);
    expect(await service.joinByPhone(idOf(service, 'Riunione di Giunta'))).toEqual({ dialed: '+390200628472' });
    await service.joinByPhone(idOf(service, 'Call fornitore protocollo'));
    expect(dialed).toEqual([
      ['+390200628472', '712345678#'],
      ['+390200667245', '85312345678#482913#'],
    ]);
  });

  it('has no join by phone until the phone is set up', async () => {
    const { service } = await start(outlook());
    expect(service.agenda().can.joinByPhone).toBe(false);
    await expect(service.joinByPhone(idOf(service, 'Riunione di Giunta'))).rejects.toThrow(
      'joining by phone needs the phone to be set up first',
    );
  });
});

describe('what the help desk locks', () => {
  it('refuses changes to locked preferences and removing a profile calendar', async () => {
    const { service } = await start({
      ...outlook(),
      notifyMinutesBefore: 15,
      openIn: { zoom: 'app' },
      locked: { notifyMinutesBefore: true, openIn: true },
    });
    expect(() => service.setPreferences({ notifyMinutesBefore: 1 })).toThrow('your help desk set when meetings are announced');
    expect(() => service.setPreferences({ openIn: { service: 'zoom', choice: 'browser' } })).toThrow(
      'your help desk set how meetings open',
    );
    expect(() => service.removeCalendar('work')).toThrow("comes from your organisation's profile");
    expect(service.agenda().preferences).toEqual({ notifyMinutesBefore: 15, openIn: { zoom: 'app' } });
    expect(service.agenda().can).toEqual({ addCalendars: true, changePreferences: false, joinByPhone: false });
  });

  it('refuses an unknown service in the preferences', async () => {
    const { service } = await start(outlook());
    expect(() => service.setPreferences({ openIn: { service: 'myspace', choice: 'app' } })).toThrow(
      'there is no meeting service "myspace"',
    );
  });
});

describe('the contract handlers', () => {
  const context = { host: 'web' as const, peer: 'test' };

  it('answer through the contract with one line naming the request, forbidden where the help desk locked it', async () => {
    const { service } = await start({ ...outlook(), locked: { calendars: true } });
    const handlers = meetingsRequestHandlers(service);
    const replies: ServerMessage[] = [];
    const parts = { ...testBackend('web', memoryLog().log).parts };
    const session = new ContractSession(
      { ...parts, requests: { ...parts.requests, ...handlers } },
      { description: 'test', send: (message) => replies.push(message) },
      'web',
    );
    await session.receive({ t: 'request', id: 1, key: 'meetings.join', payload: { occurrenceId: 'nope' } });
    await session.receive({
      t: 'request',
      id: 2,
      key: 'meetings.addCalendar',
      payload: { name: 'Casa', url: 'https://example.invalid/c.ics' },
    });
    expect(replies).toEqual([
      {
        t: 'response',
        id: 1,
        ok: false,
        error: { code: 'failed', message: 'meetings.join: no meeting "nope" today or tomorrow', problem: { code: 'meetings.not-found' } },
      },
      {
        t: 'response',
        id: 2,
        ok: false,
        error: {
          code: 'forbidden',
          message: 'meetings.addCalendar: your help desk manages the calendars: ask them to add this one',
          problem: { code: 'meetings.calendars-locked' },
        },
      },
    ]);
    expect(await handlers['meetings.refresh']({}, context)).toEqual({ refreshedAt: '2026-03-30T06:00:00.000Z' });
  });
});

describe("the employee's meeting choices", () => {
  it('outlive a restart: reminder minutes and where a service opens, read back from the data folder', async () => {
    const file = join(dir, 'meetings', 'choices.json');
    const first = await start(outlook(), { choices: new MeetingsChoicesStore(file) });
    first.service.setPreferences({ notifyMinutesBefore: 12 });
    first.service.setPreferences({ openIn: { service: 'teams', choice: 'browser' } });
    await expect
      .poll(() => existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { notifyMinutesBefore?: number }).notifyMinutesBefore)
      .toBe(12);

    const restarted = await start(outlook(), { choices: new MeetingsChoicesStore(file) });
    expect(restarted.service.agenda().preferences).toMatchObject({ notifyMinutesBefore: 5 });
    await restarted.service.restoreChoices();
    expect(restarted.service.agenda().preferences).toMatchObject({ notifyMinutesBefore: 12, openIn: { teams: 'browser' } });
  });

  it('keep a choice made before the stored ones were read, and say in the log when the file is damaged', async () => {
    const file = join(dir, 'meetings', 'choices.json');
    mkdirSync(join(dir, 'meetings'));
    writeFileSync(file, '{"notifyMinutesBefore": 30, "openIn": {}}');
    const early = await start(outlook(), { choices: new MeetingsChoicesStore(file) });
    early.service.setPreferences({ notifyMinutesBefore: 2 });
    await early.service.restoreChoices();
    expect(early.service.agenda().preferences.notifyMinutesBefore).toBe(2);

    const torn = join(dir, 'meetings', 'torn.json');
    writeFileSync(torn, '{"notifyMinutes');
    const damaged = await start(outlook(), { choices: new MeetingsChoicesStore(torn) });
    await damaged.service.restoreChoices();
    expect(damaged.service.agenda().preferences.notifyMinutesBefore).toBe(5);
    expect(damaged.records.some((record) => record.message === 'stored meeting choices not used')).toBe(true);
  });
});
