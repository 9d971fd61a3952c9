import type { RequestKeysOf } from '../capability';
import type { RequestHandlers } from '../handlers';
import type { MeetingsService } from './meetings-service';

export const meetingsRequestHandlers = (meetings: MeetingsService): Pick<RequestHandlers, RequestKeysOf<'meetings'>> => ({
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
