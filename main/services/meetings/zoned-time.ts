/** Wall-clock arithmetic in an IANA zone with Intl only: days, midnights and offsets for the agenda's window. */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

export const hostTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const wallClockAt = (instant: number, timeZone: string): WallClock => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
};

const wallAsUtc = (wall: WallClock): number => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

/** The zone's offset from UTC at an instant, in milliseconds (Rome in summer: +7 200 000). */
export const offsetAt = (instant: number, timeZone: string): number =>
  wallAsUtc(wallClockAt(instant, timeZone)) - Math.floor(instant / 1000) * 1000;

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a spring-forward change moves forward by the
 * gap, as calendar apps do; a repeated autumn time takes its first occurrence.
 */
export const instantOf = (wall: WallClock, timeZone: string): number => {
  const asUtc = wallAsUtc(wall);
  // The offsets a day either side cover both sides of any change near this time.
  const candidates = [asUtc - DAY_MS, asUtc, asUtc + DAY_MS].map((probe) => asUtc - offsetAt(probe, timeZone));
  const exact = candidates.filter((candidate) => wallAsUtc(wallClockAt(candidate, timeZone)) === asUtc);
  return exact.length > 0 ? Math.min(...exact) : Math.max(...candidates);
};

export const dateKeyOf = (wall: Pick<WallClock, 'year' | 'month' | 'day'>): string =>
  `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;

export const dateKeyAt = (instant: number, timeZone: string): string => dateKeyOf(wallClockAt(instant, timeZone));

const parseDateKey = (key: string): { year: number; month: number; day: number } => {
  const [year = 0, month = 1, day = 1] = key.split('-').map(Number);
  return { year, month, day };
};

export const addDays = (key: string, days: number): string => {
  const { year, month, day } = parseDateKey(key);
  const moved = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return dateKeyOf({ year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() });
};

/** Whole days from one date to another: 2026-03-29 → 2026-03-30 is 1 even though that day has 23 hours in Rome. */
export const daysBetween = (from: string, to: string): number => {
  const a = parseDateKey(from);
  const b = parseDateKey(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
};

export const startOfDay = (key: string, timeZone: string): number =>
  instantOf({ ...parseDateKey(key), hour: 0, minute: 0, second: 0 }, timeZone);

/** The host's own wall clock of a Date, which is how node-ical hands over floating and date-only values. */
export const hostWallClock = (date: Date): WallClock => ({
  year: date.getFullYear(),
  month: date.getMonth() + 1,
  day: date.getDate(),
  hour: date.getHours(),
  minute: date.getMinutes(),
  second: date.getSeconds(),
});
