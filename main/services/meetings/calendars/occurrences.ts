import ical from 'node-ical';
import type { EventInstance, VEvent } from 'node-ical';
import { addDays, dateKeyOf, daysBetween, hostTimeZone, hostWallClock, instantOf, isValidTimeZone, startOfDay } from '../zoned-time';
import type { ReadWindow } from './ics-reader';

/** One occurrence of an event, with instants in UTC and, for all-day events, the dates in the employee's zone. */
export interface ExpandedOccurrence {
  /** The VEVENT this occurrence comes from: the series, or its RECURRENCE-ID override. */
  event: VEvent;
  uid: string;
  /** Which occurrence of the series: the original start, the same after the occurrence is moved. */
  recurrenceKey: string;
  start: number;
  end: number;
  allDay: boolean;
  days?: { first: string; next: string };
}

export interface ExpandOptions {
  /** The employee's zone: all-day events cover its midnights. */
  timeZone: string;
  /** Where times without a zone (floating) happen: the calendar's X-WR-TIMEZONE, else the employee's. */
  floatingZone: string;
}

const DAY_MS = 86_400_000;

type WithZone = Date & { tz?: string; dateOnly?: boolean };

/** A date-only value as node-ical hands it over: the host's local midnight of that date. */
const dateKeyOfLocal = (date: Date): string => dateKeyOf(hostWallClock(date));

const isFloatingOrUnknown = (date: WithZone): boolean => date.tz === undefined || (date.tz !== 'Etc/UTC' && !isValidTimeZone(date.tz));

/** node-ical reads floating times and unknown zones in the host's zone; this rereads them in `zone`. */
const reread = (date: Date, zone: string): number => instantOf(hostWallClock(date), zone);

const expandAllDay = (instance: EventInstance, options: ExpandOptions): Omit<ExpandedOccurrence, 'uid' | 'event' | 'recurrenceKey'> => {
  const first = dateKeyOfLocal(instance.start);
  const source = instance.event;
  const length = source.start && source.end ? Math.max(1, daysBetween(dateKeyOfLocal(source.start), dateKeyOfLocal(source.end))) : 1;
  const next = addDays(first, length);
  return { start: startOfDay(first, options.timeZone), end: startOfDay(next, options.timeZone), allDay: true, days: { first, next } };
};

const expandTimed = (
  instance: EventInstance,
  options: ExpandOptions,
  host: string,
): Omit<ExpandedOccurrence, 'uid' | 'event' | 'recurrenceKey'> => {
  const start = instance.start as WithZone;
  const length = instance.end.getTime() - instance.start.getTime();
  if (!isFloatingOrUnknown(start) || options.floatingZone === host)
    return { start: start.getTime(), end: start.getTime() + length, allDay: false };
  const moved = reread(start, options.floatingZone);
  return { start: moved, end: moved + length, allDay: false };
};

const inWindow = (occurrence: { start: number; end: number }, window: ReadWindow): boolean =>
  occurrence.end > occurrence.start
    ? occurrence.start < window.to && occurrence.end > window.from
    : occurrence.start >= window.from && occurrence.start < window.to;

const recurrenceKeyOf = (instance: EventInstance, allDay: boolean, first: string | undefined): string => {
  const original = instance.event.recurrenceid;
  if (original instanceof Date && !Number.isNaN(original.getTime())) return allDay ? dateKeyOfLocal(original) : original.toISOString();
  return allDay && first ? first : instance.start.toISOString();
};

/**
 * The occurrences of one event that overlap the window, meetings already under way included. Throws what node-ical
 * throws for an event it cannot expand; the caller reports it and carries on with the next event.
 */
export const expandEvent = (event: VEvent, window: ReadWindow, options: ExpandOptions): ExpandedOccurrence[] => {
  const host = hostTimeZone();
  const instances = ical.expandRecurringEvent(event, {
    from: new Date(window.from - 2 * DAY_MS),
    to: new Date(window.to + 2 * DAY_MS),
    expandOngoing: true,
  });
  const found: ExpandedOccurrence[] = [];
  for (const instance of instances) {
    const timing = instance.isFullDay ? expandAllDay(instance, options) : expandTimed(instance, options, host);
    if (!inWindow(timing, window)) continue;
    found.push({
      ...timing,
      event: instance.event,
      uid: String(event.uid ?? ''),
      recurrenceKey: recurrenceKeyOf(instance, instance.isFullDay, timing.days?.first),
    });
  }
  return found;
};

/** A TZID neither IANA nor a Windows name node-ical knows: its times are read as floating, and the calendar says so. */
export const unknownZoneOf = (event: VEvent): string | undefined => {
  const start = event.start as WithZone | undefined;
  if (!start?.tz || start.tz === 'Etc/UTC' || start.dateOnly) return undefined;
  return isValidTimeZone(start.tz) ? undefined : start.tz;
};
