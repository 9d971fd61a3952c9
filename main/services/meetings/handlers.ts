import type { RequestHandlers } from '../handlers';
import type { MeetingsService } from './meetings-service';

export type MeetingsRequests = 'meetings.refresh' | 'meetings.join' | 'meetings.joinByPhone' | 'meetings.addCalendar' | 'meetings.removeCalendar' | 'meetings.setPreferences';

export const meetingsRequestHandlers = (meetings: MeetingsService): Pick<RequestHandlers, MeetingsRequests> => ({
  'meetings.refresh': async () => ({ refreshedAt: (await meetings.refresh()).toISOString() }),
  'meetings.join': ({ occurrenceId }) => meetings.join(occurrenceId),
  'meetings.joinByPhone': ({ occurrenceId }) => meetings.joinByPhone(occurrenceId),
  'meetings.addCalendar': ({ name, url }) => ({ calendarId: meetings.addCalendar(name, url) }),
  'meetings.removeCalendar': ({ calendarId }) => {
    meetings.removeCalendar(calendarId);
    return {};
  },
  'meetings.setPreferences': (change) => meetings.setPreferences(change),
});
