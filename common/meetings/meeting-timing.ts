import type { Occurrence } from '../contract/meetings';

/** How long before its start Join becomes the thing to do: early enough to find a headset and open the app. */
export const JOIN_OPENS_BEFORE_MS = 10 * 60_000;

/** Where a meeting stands at `now`: `now` under way, `next` the first one to start, the others nothing. */
export type MeetingMark = 'now' | 'next';

const startOf = (occurrence: Occurrence): number => Date.parse(occurrence.start);
const endOf = (occurrence: Occurrence): number => Date.parse(occurrence.end);

/** All-day events and declined meetings are never under way or next: nobody joins them. */
const isAttended = (occurrence: Occurrence): boolean => !occurrence.allDay && occurrence.response !== 'declined';

export const isUnderWay = (occurrence: Occurrence, now: number): boolean =>
  isAttended(occurrence) && startOf(occurrence) <= now && now < endOf(occurrence);

/** Join is prominent from JOIN_OPENS_BEFORE_MS before the start until the end, for a meeting one would attend. */
export const isJoinDue = (occurrence: Occurrence, now: number): boolean =>
  isAttended(occurrence) && startOf(occurrence) - JOIN_OPENS_BEFORE_MS <= now && now < endOf(occurrence);

/**
 * Every meeting under way is marked `now`; the first attended meeting that has not started yet is `next`
 * (occurrences come sorted by start).
 */
export const meetingMarks = (occurrences: readonly Occurrence[], now: number): ReadonlyMap<string, MeetingMark> => {
  const marks = new Map<string, MeetingMark>();
  for (const occurrence of occurrences) if (isUnderWay(occurrence, now)) marks.set(occurrence.id, 'now');
  const next = occurrences.find((occurrence) => isAttended(occurrence) && startOf(occurrence) > now);
  if (next) marks.set(next.id, 'next');
  return marks;
};
