import ical from 'node-ical';
import type { CalendarResponse, VEvent } from 'node-ical';
import { firstLineMessageOf } from '../../../../common/error-message';

/**
 * Reads iCalendar text with node-ical (Windows zone names, EXDATE, RECURRENCE-ID) for a window of time.
 * Events that cannot touch the window are left out before parsing, which is what keeps a 10,000-event
 * calendar quick; an event node-ical cannot read is reported by name and the others are still read.
 */

export interface ReadWindow {
  from: number;
  to: number;
}

export interface ReadCalendar {
  events: VEvent[];
  /** One line per event that could not be read. */
  problems: string[];
  /** X-WR-CALNAME and X-WR-TIMEZONE, when the file has them. */
  name?: string;
  timeZone?: string;
  /** How many events the file holds, read or not. */
  total: number;
  window: ReadWindow;
}

/** The text is not an iCalendar file at all: a login page, an empty answer, a JSON error. */
export class CalendarFormatError extends Error {
  override readonly name = 'CalendarFormatError';
}

const DAY_MS = 86_400_000;
// Zone offsets reach ±14 h and all-day events are read as dates: two days either side cover both.
const PAD_MS = 2 * DAY_MS;

interface Block {
  text: string;
  uid: string;
}

const unfold = (text: string): string => text.replace(/\r?\n[ \t]/g, '');

const firstLine = (text: string): string => {
  const line = text.trimStart().split(/\r?\n/, 1)[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
};

const checkFormat = (text: string): void => {
  if (/^\s*BEGIN:VCALENDAR/i.test(text)) return;
  if (text.trim() === '') throw new CalendarFormatError('the calendar is empty');
  throw new CalendarFormatError(`this is not an iCalendar file: it starts with "${firstLine(text)}"`);
};

/** Where a line starting with `marker` begins, from `from` on; -1 when none does. */
const lineStarting = (text: string, marker: string, from: number): number => {
  for (let at = text.indexOf(marker, from); at !== -1; at = text.indexOf(marker, at + 1)) {
    if (at === 0 || text[at - 1] === '\n') return at;
  }
  return -1;
};

/** Every VEVENT and VTIMEZONE block, and the calendar's own properties. */
const split = (text: string): { events: Block[]; zones: string[]; properties: string[] } => {
  const events: Block[] = [];
  const zones: string[] = [];
  const properties: string[] = [];
  let at = 0;
  // Each marker's next position is searched again only once passed: a search to the end per event would be quadratic.
  let eventAt = lineStarting(text, 'BEGIN:VEVENT', 0);
  let zoneAt = lineStarting(text, 'BEGIN:VTIMEZONE', 0);
  while (at < text.length) {
    if (eventAt !== -1 && eventAt < at) eventAt = lineStarting(text, 'BEGIN:VEVENT', at);
    if (zoneAt !== -1 && zoneAt < at) zoneAt = lineStarting(text, 'BEGIN:VTIMEZONE', at);
    const next = [eventAt, zoneAt].filter((index) => index !== -1).sort((a, b) => a - b)[0];
    const head = text.slice(at, next ?? text.length);
    for (const line of head.split(/\r?\n/)) if (/^X-WR-(CALNAME|TIMEZONE)[;:]/i.test(line)) properties.push(line);
    if (next === undefined) break;
    const isEvent = next === eventAt;
    const endMarker = isEvent ? 'END:VEVENT' : 'END:VTIMEZONE';
    const end = lineStarting(text, endMarker, next);
    const stop = end === -1 ? text.length : end + endMarker.length;
    const block = text.slice(next, stop);
    if (isEvent) events.push({ text: block, uid: /^UID[;:](?:[^:\r\n]*:)?(.*)$/m.exec(block)?.[1]?.trim() ?? '' });
    else zones.push(block);
    at = stop;
  }
  return { events, zones, properties };
};

const DATE_VALUE = /^(\d{8})/;

const propertyLines = new Map<string, RegExp>();

const dateOf = (block: string, property: string): string | undefined => {
  let pattern = propertyLines.get(property);
  if (!pattern) {
    pattern = new RegExp(`^${property}[;:][^\\r\\n]*`, 'm');
    propertyLines.set(property, pattern);
  }
  const line = pattern.exec(block)?.[0];
  if (!line) return undefined;
  const value = line.slice(line.lastIndexOf(':') + 1);
  return DATE_VALUE.exec(value)?.[1];
};

const compactDate = (instant: number): string => new Date(instant).toISOString().slice(0, 10).replaceAll('-', '');

const roughDurationDays = (block: string): number => {
  const duration = /^DURATION[;:][^\r\n]*?P(?:(\d+)W)?(?:(\d+)D)?/m.exec(block);
  if (!duration) return 1;
  return Number(duration[1] ?? 0) * 7 + Number(duration[2] ?? 0) + 1;
};

const addCompactDays = (date: string, days: number): string => {
  const moved = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) + days * DAY_MS;
  return compactDate(moved);
};

/** Whether an event could have an occurrence in [low, high] (dates as YYYYMMDD); when unsure, yes. */
const mayTouch = (block: string, low: string, high: string): boolean => {
  const start = dateOf(block, 'DTSTART');
  if (!start) return true;
  if (/^(RRULE|RDATE)[;:]/m.test(block)) {
    const until = /^RRULE[;:][^\r\n]*UNTIL=(\d{8})/m.exec(block)?.[1];
    return start <= high && (until === undefined || until >= low);
  }
  const recurrence = dateOf(block, 'RECURRENCE-ID');
  if (recurrence && recurrence >= low && recurrence <= high) return true;
  const end = dateOf(block, 'DTEND') ?? dateOf(block, 'DUE') ?? addCompactDays(start, roughDurationDays(block));
  return start <= high && end >= low;
};

const describe = (block: Block): string => {
  const summary = /^SUMMARY[;:](?:[^:\r\n]*:)?(.*)$/m.exec(block.text)?.[1]?.trim();
  if (summary) return `"${summary.length > 60 ? `${summary.slice(0, 60)}…` : summary}"`;
  return block.uid ? `with UID ${block.uid.slice(0, 60)}` : 'without UID or summary';
};

const wrap = (zones: readonly string[], blocks: readonly string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...zones, ...blocks, 'END:VCALENDAR'].join('\r\n');

const eventsIn = (parsed: CalendarResponse): VEvent[] => Object.values(parsed).filter((item): item is VEvent => item?.type === 'VEVENT');

/** Parses the events a few at a time (those sharing a UID together), so one bad event costs only itself. */
const parseIsolated = (zones: readonly string[], blocks: readonly Block[], problems: string[]): VEvent[] => {
  const byUid = new Map<string, Block[]>();
  blocks.forEach((block, index) => {
    const key = block.uid || `#${index}`;
    byUid.set(key, [...(byUid.get(key) ?? []), block]);
  });
  const events: VEvent[] = [];
  for (const group of byUid.values()) {
    try {
      events.push(
        ...eventsIn(
          ical.sync.parseICS(
            wrap(
              zones,
              group.map((block) => block.text),
            ),
          ),
        ),
      );
    } catch (error) {
      const first = group[0];
      if (first) problems.push(`event ${describe(first)}: ${firstLineMessageOf(error)}`);
    }
  }
  return events;
};

const hasReadableStart = (event: VEvent): boolean => event.start instanceof Date && !Number.isNaN(event.start.getTime());

const eventName = (event: VEvent): string => {
  const summary = typeof event.summary === 'string' ? event.summary : event.summary?.val;
  return summary ? `"${summary.slice(0, 60)}"` : `with UID ${String(event.uid).slice(0, 60)}`;
};

export const readCalendar = (raw: string, window: ReadWindow): ReadCalendar => {
  const text = unfold(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
  checkFormat(text);
  const { events: blocks, zones, properties } = split(text);
  const low = compactDate(window.from - PAD_MS);
  const high = compactDate(window.to + PAD_MS);
  const kept = blocks.filter((block) => mayTouch(block.text, low, high));
  const problems: string[] = [];
  let events: VEvent[];
  try {
    events = eventsIn(
      ical.sync.parseICS(
        wrap(
          zones,
          kept.map((block) => block.text),
        ),
      ),
    );
  } catch {
    events = parseIsolated(zones, kept, problems);
  }
  const readable = events.filter((event) => {
    if (hasReadableStart(event)) return true;
    problems.push(`event ${eventName(event)}: no readable start (DTSTART)`);
    return false;
  });
  const name = properties
    .find((line) => /^X-WR-CALNAME/i.test(line))
    ?.replace(/^[^:]*:/, '')
    .trim();
  const timeZone = properties
    .find((line) => /^X-WR-TIMEZONE/i.test(line))
    ?.replace(/^[^:]*:/, '')
    .trim();
  return { events: readable, problems, total: blocks.length, window, ...(name ? { name } : {}), ...(timeZone ? { timeZone } : {}) };
};
