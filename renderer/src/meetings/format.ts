import type { TFunction } from 'i18next';
import type { Occurrence } from '../../../common/contract/meetings';

const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

const clockFormat = (language: string, timeZone: string): Intl.DateTimeFormat => {
  const key = `${language}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit' });
    formatters.set(key, formatter);
  }
  return formatter;
};

export const clockTime = (iso: string, language: string, timeZone: string): string => clockFormat(language, timeZone).format(new Date(iso));

/**
 * "09:30–10:30", "9:30 – 10:30 AM" (the locale's own range, shorter than two times), or "All day". Across midnight
 * the two times alone: the range would spell out both dates.
 */
export const timeRange = (occurrence: Occurrence, t: TFunction, language: string, timeZone: string): string => {
  if (occurrence.allDay) return t('meetings.allDay');
  if (dayOf(occurrence.start, timeZone) !== dayOf(occurrence.end, timeZone))
    return `${clockTime(occurrence.start, language, timeZone)}–${clockTime(occurrence.end, language, timeZone)}`;
  return clockFormat(language, timeZone).formatRange(new Date(occurrence.start), new Date(occurrence.end));
};

/** The date an instant falls on in a zone, as YYYY-MM-DD. */
export const dayOf = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

const duration = (milliseconds: number, t: TFunction): string => {
  const minutes = Math.max(1, Math.round(milliseconds / MINUTE_MS));
  if (minutes < 60) return t('meetings.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? t('meetings.hours', { hours }) : t('meetings.hoursMinutes', { hours, minutes: rest });
};

/** "ends in 20 min" under way, "starts in 12 min" today, "tomorrow at 09:30" later. */
export const countdown = (occurrence: Occurrence, now: number, t: TFunction, language: string, timeZone: string): string => {
  const start = Date.parse(occurrence.start);
  if (start <= now) return t('meetings.endsIn', { duration: duration(Date.parse(occurrence.end) - now, t) });
  if (dayOf(occurrence.start, timeZone) !== dayOf(new Date(now).toISOString(), timeZone))
    return t('meetings.tomorrowAt', { time: clockTime(occurrence.start, language, timeZone) });
  return t('meetings.startsIn', { duration: duration(start - now, t) });
};
