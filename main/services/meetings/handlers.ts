import { ContractError } from '../../../common/contract';
import type { RequestHandlers } from '../handlers';
import { MeetingsRequestError, type MeetingsService } from './meetings-service';

export type MeetingsRequests = 'meetings.refresh' | 'meetings.join' | 'meetings.joinByPhone' | 'meetings.addCalendar' | 'meetings.removeCalendar' | 'meetings.setPreferences';

/** A refusal the employee can act on travels as `forbidden` or `failed` with its own one line. */
const answering = async <T>(key: string, work: () => Promise<T> | T): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MeetingsRequestError) throw new ContractError(error.kind, `${key}: ${error.message}`);
    throw error;
  }
};

export const meetingsRequestHandlers = (meetings: MeetingsService): Pick<RequestHandlers, MeetingsRequests> => ({
  'meetings.refresh': async () => ({ refreshedAt: (await meetings.refresh()).toISOString() }),
  'meetings.join': ({ occurrenceId }) => answering('meetings.join', () => meetings.join(occurrenceId)),
  'meetings.joinByPhone': ({ occurrenceId }) => answering('meetings.joinByPhone', () => meetings.joinByPhone(occurrenceId)),
  'meetings.addCalendar': ({ name, url }) => answering('meetings.addCalendar', () => ({ calendarId: meetings.addCalendar(name, url) })),
  'meetings.removeCalendar': ({ calendarId }) =>
    answering('meetings.removeCalendar', () => {
      meetings.removeCalendar(calendarId);
      return {};
    }),
  'meetings.setPreferences': (change) => answering('meetings.setPreferences', () => meetings.setPreferences(change)),
});
