import { describe, expect, it } from 'vitest';
import { meetingsConfigFromSections, meetingsLocks } from '../../../common/meetings/meetings-config';

describe('meetings configuration', () => {
  it('fills the defaults', () => {
    expect(meetingsConfigFromSections({})).toEqual({
      ok: true,
      config: {
        calendars: [],
        notifyMinutesBefore: 5,
        hide: { declined: true, tentative: false, allDay: false },
        services: [],
        openIn: {},
        myAddresses: [],
        locked: { calendars: false, notifyMinutesBefore: false, openIn: false },
      },
    });
  });

  it('reads the profile sections', () => {
    const result = meetingsConfigFromSections({
      calendars: [
        {
          id: 'work',
          name: 'Lavoro',
          url: 'webcal://outlook.office365.com/owa/calendar/abc/reachcalendar.ics',
          auth: 'bearer',
          refreshMinutes: 10,
        },
        { id: 'local', name: 'Ferie', file: '/home/anna/ferie.ics' },
      ],
      meetings: {
        notifyMinutesBefore: 2,
        services: [{ name: 'Jitsi del Comune', urlPattern: 'https://meet\\.comune\\.example\\.it/', app: 'jitsi' }],
        openIn: { zoom: 'browser' },
      },
    });
    expect(result.ok && result.config.calendars.map((calendar) => [calendar.id, calendar.refreshMinutes])).toEqual([
      ['work', 10],
      ['local', 15],
    ]);
    expect(result.ok && result.config.openIn).toEqual({ zoom: 'browser' });
  });

  it('names the field that is wrong, in one line', () => {
    expect(meetingsConfigFromSections({ calendars: [{ id: 'a', name: 'A', url: 'ftp://x/cal.ics' }] })).toEqual({
      ok: false,
      error: 'calendars[0].url: expected an https://, http:// or webcal:// URL',
    });
    expect(meetingsConfigFromSections({ calendars: [{ id: 'a', name: 'A' }] })).toEqual({
      ok: false,
      error: 'calendars[0].url: expected exactly one of url and file',
    });
    expect(meetingsConfigFromSections({ calendars: [{ id: 'a', name: 'A', url: 'https://x/c.ics', auth: 'basic' }] })).toEqual({
      ok: false,
      error: 'calendars[0].username: basic auth needs a username',
    });
    expect(meetingsConfigFromSections({ meetings: { services: [{ name: 'X', urlPattern: '(' }] } })).toEqual({
      ok: false,
      error: 'services[0].urlPattern: expected a valid regular expression',
    });
    const twice = meetingsConfigFromSections({
      calendars: [
        { id: 'a', name: 'A', file: '/a.ics' },
        { id: 'a', name: 'B', file: '/b.ics' },
      ],
    });
    expect(twice).toEqual({ ok: false, error: 'calendars: expected each calendar id only once' });
  });

  it("turns the profile's enforced pointers into locks", () => {
    expect(meetingsLocks(['/calendars', '/meetings/openIn/zoom'])).toEqual({ calendars: true, notifyMinutesBefore: false, openIn: true });
    expect(meetingsLocks(['/meetings'])).toEqual({ calendars: false, notifyMinutesBefore: true, openIn: true });
    expect(meetingsLocks(['/phone/extension'])).toEqual({ calendars: false, notifyMinutesBefore: false, openIn: false });
  });
});
