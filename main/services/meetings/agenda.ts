import { createHash } from 'node:crypto';
import type { VEvent } from 'node-ical';
import type { DialIn, MeetingServiceRef, Occurrence } from '../../../common/contract/meetings';
import type { MeetingsConfig } from '../../../common/meetings/meetings-config';
import { isCancelled, linkFieldsOf, locationOf, responseOf, titleOf } from './calendars/event-fields';
import type { ReadCalendar, ReadWindow } from './calendars/ics-reader';
import { expandEvent, unknownZoneOf } from './calendars/occurrences';
import type { MeetingServiceDefinition, ServiceCatalogue } from './links/catalogue';
import { detectMeetingLink } from './links/detect-link';
import { extractDialIn } from './links/dial-in';
import { htmlToText, looksLikeHtml } from './links/html-text';
import { isValidTimeZone } from './zoned-time';
import { firstLineMessageOf } from '../../../common/error-message';

/** Turns read calendars into the agenda's occurrences: expanded, filtered, with their join link and dial-in. */

export interface MeetingLink {
  service: MeetingServiceDefinition;
  url: string;
  dialIn?: DialIn;
}

export interface CalendarInput {
  id: string;
  read: ReadCalendar;
}

export interface AgendaOptions {
  window: ReadWindow;
  timeZone: string;
  hide: MeetingsConfig['hide'];
  myAddresses: readonly string[];
}

export interface BuiltAgenda {
  occurrences: Occurrence[];
  links: Map<string, MeetingLink>;
  /** Per calendar: events that could not be read or expanded, one line each. */
  problems: Map<string, string[]>;
}

export const serviceRef = (service: MeetingServiceDefinition): MeetingServiceRef => ({
  id: service.id,
  name: service.name,
  hasApp: service.app !== undefined,
});

export const occurrenceId = (calendarId: string, uid: string, recurrenceKey: string): string =>
  createHash('sha256').update(`${calendarId}\n${uid}\n${recurrenceKey}`).digest('base64url').slice(0, 22);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const dialInText = (event: VEvent): string => {
  const fields = linkFieldsOf(event);
  const description = fields.description && looksLikeHtml(fields.description) ? htmlToText(fields.description) : fields.description;
  const html = fields.htmlDescription ? htmlToText(fields.htmlDescription) : undefined;
  return [fields.location, description, html].filter(Boolean).join('\n');
};

/** Link detection is the costly part of an event; an event object is the same until its calendar is read again. */
export class LinkFinder {
  private readonly found = new WeakMap<VEvent, MeetingLink | null>();

  constructor(readonly catalogue: ServiceCatalogue) {}

  linkOf(event: VEvent): MeetingLink | undefined {
    const cached = this.found.get(event);
    if (cached !== undefined) return cached ?? undefined;
    const detected = detectMeetingLink(linkFieldsOf(event), this.catalogue);
    let link: MeetingLink | undefined;
    if (detected) {
      const dialIn = detected.service.dialIn ? extractDialIn(dialInText(event), detected.service.dialIn) : undefined;
      link = { service: detected.service, url: detected.url, ...(dialIn ? { dialIn } : {}) };
    }
    this.found.set(event, link ?? null);
    return link;
  }
}

const hidden = (occurrence: Occurrence, hide: MeetingsConfig['hide']): boolean =>
  (hide.declined && occurrence.response === 'declined') ||
  (hide.tentative && occurrence.response === 'tentative') ||
  (hide.allDay && occurrence.allDay);

/** Earliest first; on the same start, all-day events first, then by title. */
export const byStart = (a: Occurrence, b: Occurrence): number =>
  a.start.localeCompare(b.start) || Number(b.allDay) - Number(a.allDay) || a.title.localeCompare(b.title);

export const buildAgenda = (calendars: readonly CalendarInput[], options: AgendaOptions, finder: LinkFinder): BuiltAgenda => {
  const occurrences: Occurrence[] = [];
  const links = new Map<string, MeetingLink>();
  const problems = new Map<string, string[]>();
  for (const { id: calendarId, read } of calendars) {
    const own = [...read.problems];
    const mine = new Set(options.myAddresses.map((address) => address.toLowerCase()));
    if (read.name && EMAIL.test(read.name)) mine.add(read.name.toLowerCase());
    const floatingZone = read.timeZone && isValidTimeZone(read.timeZone) ? read.timeZone : options.timeZone;
    for (const event of read.events) {
      const unknownZone = unknownZoneOf(event);
      if (unknownZone) own.push(`event "${titleOf(event)}": unknown time zone "${unknownZone}", read as ${floatingZone}`);
      let expanded;
      try {
        expanded = expandEvent(event, options.window, { timeZone: options.timeZone, floatingZone });
      } catch (error) {
        own.push(`event "${titleOf(event)}": ${firstLineMessageOf(error)}`);
        continue;
      }
      for (const instance of expanded) {
        if (isCancelled(instance.event)) continue;
        const id = occurrenceId(calendarId, instance.uid, instance.recurrenceKey);
        const link = finder.linkOf(instance.event);
        const response = responseOf(instance.event, mine);
        const location = locationOf(instance.event);
        const occurrence: Occurrence = {
          id,
          calendarId,
          title: titleOf(instance.event),
          start: new Date(instance.start).toISOString(),
          end: new Date(instance.end).toISOString(),
          allDay: instance.allDay,
          ...(instance.days ? { days: instance.days } : {}),
          ...(location ? { location } : {}),
          ...(response ? { response } : {}),
          ...(link ? { service: serviceRef(link.service), joinUrl: link.url } : {}),
          ...(link?.dialIn ? { dialIn: link.dialIn } : {}),
        };
        if (hidden(occurrence, options.hide)) continue;
        occurrences.push(occurrence);
        if (link) links.set(id, link);
      }
    }
    problems.set(calendarId, own);
  }
  occurrences.sort(byStart);
  return { occurrences, links, problems };
};
