import type { Problem, ProblemCode } from '../../../../common/contract/problems';

/** Where a calendar's iCalendar text comes from. ICS over HTTP and local files today; CalDAV and Graph can follow. */

/** What lets the next fetch ask "changed since?": HTTP validators, or a file's modification time and size. */
export interface Validators {
  etag?: string;
  lastModified?: string;
  fileStamp?: string;
}

export type FetchOutcome = { kind: 'changed'; text: string; validators: Validators } | { kind: 'unchanged' };

export interface CalendarProvider {
  /** Host or file name, for messages and the UI: never the full URL, which often carries a secret. */
  readonly where: string;
  fetch(previous: Validators | undefined): Promise<FetchOutcome>;
}

/** A fetch that failed: the technical line for Details and the logs, and the catalogue's problem the pane says. */
export class CalendarFetchError extends Error {
  override readonly name = 'CalendarFetchError';
  constructor(
    message: string,
    readonly problem: Problem = { code: 'meetings.calendar-failed' },
  ) {
    super(message);
  }
}

/** A CalendarFetchError with its problem: `fetchError('meetings.calendar-gone', 'cal.example: HTTP 404')`. */
export const fetchError = (code: ProblemCode, message: string, params?: Problem['params']): CalendarFetchError =>
  new CalendarFetchError(message, params === undefined ? { code } : { code, params });
