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

/** "09:30–10:30", or "All day" */
export const timeRange = (occurrence: Occurrence, t: TFunction, language: string, timeZone: string): string =>
  occurrence.allDay
    ? t('meetings.allDay')
    : `${clockTime(occurrence.start, language, timeZone)}–${clockTime(occurrence.end, language, timeZone)}`;

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

/** "in 12 min", "now", "started 3 min ago", "tomorrow at 09:30" */
export const countdown = (occurrence: Occurrence, now: number, t: TFunction, language: string, timeZone: string): string => {
  const start = Date.parse(occurrence.start);
  if (start <= now) return now - start < MINUTE_MS ? t('meetings.now') : t('meetings.startedAgo', { duration: duration(now - start, t) });
  if (dayOf(occurrence.start, timeZone) !== dayOf(new Date(now).toISOString(), timeZone))
    return t('meetings.tomorrowAt', { time: clockTime(occurrence.start, language, timeZone) });
  return t('meetings.startsIn', { duration: duration(start - now, t) });
};
