import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Occurrence } from '../../../common/contract/meetings';
import { buildAgenda, LinkFinder } from '../../../main/services/meetings/agenda';
import { CalendarFormatError, readCalendar } from '../../../main/services/meetings/calendars/ics-reader';
import { createCatalogue } from '../../../main/services/meetings/links/catalogue';
import { startOfDay } from '../../../main/services/meetings/zoned-time';
import { generateCalendar } from '../../lab/meetings/generate-calendar';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'ics', name), 'utf8');
const ROME = 'Europe/Rome';
const hostZone = process.env['TZ'];

afterEach(() => {
  if (hostZone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = hostZone;
});

/** The agenda for [first, afterLast) in Rome, nothing hidden. */
const agendaOf = (text: string, first: string, afterLast: string, options: { hideDeclined?: boolean; myAddresses?: string[] } = {}) => {
  const window = { from: startOfDay(first, ROME), to: startOfDay(afterLast, ROME) };
  const read = readCalendar(text, window);
  const catalogue = createCatalogue([{ name: 'Jitsi del Comune', urlPattern: 'https://meet\\.comune\\.example\\.it/', app: 'jitsi' }]);
  return buildAgenda(
    [{ id: 'cal', read }],
    {
      window,
      timeZone: ROME,
      hide: { declined: options.hideDeclined ?? false, tentative: false, allDay: false },
      myAddresses: options.myAddresses ?? [],
    },
    new LinkFinder(catalogue),
  );
};

const brief = (occurrence: Occurrence) => ({
  title: occurrence.title,
  start: occurrence.start,
  end: occurrence.end,
  service: occurrence.service?.id,
});

// The employee's zone is Rome; the machine's own zone must not matter.
describe.each(['UTC', 'Europe/Rome', 'America/New_York', 'Asia/Tokyo'])('host zone %s', (zone) => {
  it('Outlook/Exchange: Windows zone names, a display-name TZID and a custom zone, across the March change', () => {
    process.env['TZ'] = zone;
    const { occurrences } = agendaOf(fixture('outlook-exchange.ics'), '2026-03-30', '2026-04-01');
    expect(occurrences.map(brief)).toEqual([
      { title: 'Riunione di Giunta', start: '2026-03-30T07:30:00.000Z', end: '2026-03-30T08:30:00.000Z', service: 'teams' },
      { title: 'Tavolo tecnico Regione', start: '2026-03-30T13:00:00.000Z', end: '2026-03-30T14:30:00.000Z', service: 'webex' },
      { title: 'Ferie', start: '2026-03-30T22:00:00.000Z', end: '2026-03-31T22:00:00.000Z', service: undefined },
      { title: 'Call fornitore protocollo', start: '2026-03-31T09:00:00.000Z', end: '2026-03-31T10:00:00.000Z', service: 'zoom' },
      { title: 'Consiglio comunale (da confermare)', start: '2026-03-31T15:00:00.000Z', end: '2026-03-31T17:00:00.000Z', service: 'org:0' },
    ]);
  });

  it('Outlook/Exchange: a weekly series keeps 09:30 local on both sides of both changes, skips its EXDATE and moves its RECURRENCE-ID', () => {
    process.env['TZ'] = zone;
    const text = fixture('outlook-exchange.ics');
    const giunta = (first: string, after: string) =>
      agendaOf(text, first, after)
        .occurrences.filter((occurrence) => occurrence.title.startsWith('Riunione di Giunta'))
        .map(brief);
    expect(giunta('2026-03-23', '2026-03-24')).toEqual([
      { title: 'Riunione di Giunta', start: '2026-03-23T08:30:00.000Z', end: '2026-03-23T09:30:00.000Z', service: 'teams' },
    ]);
    expect(giunta('2026-04-06', '2026-04-08')).toEqual([]);
    expect(giunta('2026-04-13', '2026-04-15')).toEqual([
      {
        title: 'Riunione di Giunta (spostata a martedì)',
        start: '2026-04-14T13:00:00.000Z',
        end: '2026-04-14T14:00:00.000Z',
        service: 'teams',
      },
    ]);
    expect(giunta('2026-10-26', '2026-10-27')).toEqual([
      { title: 'Riunione di Giunta', start: '2026-10-26T08:30:00.000Z', end: '2026-10-26T09:30:00.000Z', service: 'teams' },
    ]);
  });

  it('all-day events stay on their dates in Rome across both changes, with 23- and 25-hour days', () => {
    process.env['TZ'] = zone;
    const text = fixture('apple-icloud.ics');
    const march = agendaOf(text, '2026-03-29', '2026-03-31').occurrences.find((occurrence) => occurrence.allDay);
    expect(march).toMatchObject({
      title: 'Convegno ANCI (Bologna)',
      days: { first: '2026-03-28', next: '2026-03-31' },
      start: '2026-03-27T23:00:00.000Z',
      end: '2026-03-30T22:00:00.000Z',
    });
    const october = agendaOf(text, '2026-10-24', '2026-10-28').occurrences.filter((occurrence) => occurrence.allDay);
    expect(october.map((occurrence) => [occurrence.days?.first, occurrence.start, occurrence.end])).toEqual([
      ['2026-10-24', '2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z'],
      ['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
      ['2026-10-26', '2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z'],
      ['2026-10-27', '2026-10-26T23:00:00.000Z', '2026-10-27T23:00:00.000Z'],
    ]);
  });
});

describe('real exports', () => {
  it('Google: recurrence with EXDATE and a moved occurrence, Meet from conference data, the answer read from the attendee list', () => {
    const text = fixture('google-export.ics');
    const week = agendaOf(text, '2026-03-30', '2026-04-02');
    const standups = week.occurrences.filter((occurrence) => occurrence.title === 'Stand-up ufficio tributi');
    // 31 March is an EXDATE, 1 April was moved from 09:30 to 10:30.
    expect(standups.map((occurrence) => occurrence.start)).toEqual(['2026-03-30T07:30:00.000Z', '2026-04-01T08:30:00.000Z']);
    expect(standups[0]).toMatchObject({ service: { id: 'meet' }, joinUrl: 'https://meet.google.com/abc-defg-hij', response: 'accepted' });
    const webinar = week.occurrences.find((occurrence) => occurrence.title.startsWith('Webinar PagoPA'));
    expect(webinar).toMatchObject({ response: 'declined', joinUrl: 'https://us06web.zoom.us/w/81234567890?tk=abc&pwd=WnRzQ2x' });
    expect(
      agendaOf(text, '2026-03-30', '2026-04-02', { hideDeclined: true }).occurrences.some((occurrence) =>
        occurrence.title.startsWith('Webinar'),
      ),
    ).toBe(false);
    const call = week.occurrences.find((occurrence) => occurrence.title === 'Call con il fornitore');
    expect(call).toMatchObject({
      joinUrl: 'https://us02web.zoom.us/j/84455667788?pwd=Vm1hS2pQbXlZc0JvT1Z4d2FqZz09',
      dialIn: {
        numbers: [
          { number: '+390200667245', label: 'Italy' },
          { number: '+16465588656', label: 'US (New York)' },
        ],
        conferenceId: '84455667788',
        pin: '356122',
      },
    });
  });

  it('Apple: a Jitsi link in the URL property, a FaceTime link after the October change', () => {
    const text = fixture('apple-icloud.ics');
    expect(
      agendaOf(text, '2026-03-30', '2026-03-31').occurrences.find((occurrence) => occurrence.title.startsWith('Retrospettiva')),
    ).toMatchObject({
      start: '2026-03-30T16:00:00.000Z',
      service: { id: 'jitsi', hasApp: true },
      joinUrl: 'https://meet.jit.si/ScrivaniaRetrospettiva',
    });
    expect(agendaOf(text, '2026-10-26', '2026-10-27').occurrences.find((occurrence) => occurrence.service)).toMatchObject({
      start: '2026-10-26T08:30:00.000Z',
      service: { id: 'facetime' },
    });
  });

  it('Outlook: a cancelled meeting is left out, a tentative one is marked, the Teams dial-in is read', () => {
    const { occurrences } = agendaOf(fixture('outlook-exchange.ics'), '2026-03-30', '2026-04-01');
    expect(occurrences.some((occurrence) => occurrence.title.includes('Formazione GDPR'))).toBe(false);
    expect(occurrences.find((occurrence) => occurrence.title.startsWith('Consiglio'))?.response).toBe('tentative');
    expect(occurrences[0]?.dialIn).toEqual({
      numbers: [
        { number: '+390200628472', label: 'Italy, Milan' },
        { number: '+390687500717', label: 'Italy, Rome' },
      ],
      conferenceId: '712345678',
    });
  });
});

describe('bad input', () => {
  it('reads the good events of a calendar with broken ones and names each broken one', () => {
    const { occurrences, problems } = agendaOf(fixture('malformed.ics'), '2026-03-30', '2026-04-01');
    expect(occurrences.map((occurrence) => occurrence.title)).toEqual(['Sportello anagrafe', 'Fuso sconosciuto', 'Sportello tributi']);
    // An unknown TZID is read as the calendar's zone, here the employee's.
    expect(occurrences[1]?.start).toBe('2026-03-30T13:00:00.000Z');
    expect(problems.get('cal')).toEqual([
      'event "Regola rotta": Invalid FREQ value: SOMETIMES',
      'event "Evento senza inizio": no readable start (DTSTART)',
      'event "Data illeggibile": no readable start (DTSTART)',
      'event "Fuso sconosciuto": unknown time zone "Ora di Roma personalizzata", read as Europe/Rome',
    ]);
  });

  it('says what a non-calendar answer starts with', () => {
    const window = { from: Date.parse('2026-03-30T00:00:00Z'), to: Date.parse('2026-03-31T00:00:00Z') };
    expect(() => readCalendar(fixture('not-a-calendar.html'), window)).toThrow(CalendarFormatError);
    expect(() => readCalendar(fixture('not-a-calendar.html'), window)).toThrow(
      'this is not an iCalendar file: it starts with "<!DOCTYPE html>"',
    );
    expect(() => readCalendar('  \r\n', window)).toThrow('the calendar is empty');
  });

  it('loads a 10,000-event calendar and expands today and tomorrow', () => {
    const text = generateCalendar(10_000, new Date('2026-03-30T00:00:00Z'));
    const started = performance.now();
    const { occurrences, problems } = agendaOf(text, '2026-03-30', '2026-04-01');
    const elapsed = performance.now() - started;
    expect(problems.get('cal')).toEqual([]);
    expect(occurrences.length).toBeGreaterThan(20);
    expect(occurrences.every((occurrence) => occurrence.service?.id === 'teams' || occurrence.service?.id === 'zoom')).toBe(true);
    expect(elapsed).toBeLessThan(5_000);
  });
});
