import type { Occurrence } from '../contract/meetings';

/** The meeting to show next (card, tray): the first one not over yet, leaving out all-day and declined ones. */
export const nextMeeting = (occurrences: readonly Occurrence[], now: number): Occurrence | undefined =>
  occurrences.find((occurrence) => !occurrence.allDay && occurrence.response !== 'declined' && Date.parse(occurrence.end) > now);
