import type { VEvent } from 'node-ical';
import type { AttendeeResponse } from '../../../../common/contract/meetings';
import type { LinkFields } from '../links/detect-link';

/** The parts of a node-ical VEVENT the agenda shows, read defensively: values may come with parameters or not at all. */

const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'val' in value && typeof value.val === 'string') return value.val;
  return undefined;
};

const paramsOf = (value: unknown): Record<string, unknown> => {
  if (typeof value === 'object' && value !== null && 'params' in value && typeof value.params === 'object' && value.params !== null)
    return value.params as Record<string, unknown>;
  return {};
};

const field = (event: VEvent, name: string): unknown => (event as Record<string, unknown>)[name];

export const titleOf = (event: VEvent): string => textOf(event.summary)?.trim() || '(no title)';

export const locationOf = (event: VEvent): string | undefined => textOf(event.location)?.trim() || undefined;

/** Cancelled by status, or as Outlook leaves a cancelled meeting in attendees' calendars: "Canceled: …", "Annullato: …". */
export const isCancelled = (event: VEvent): boolean => event.status === 'CANCELLED' || /^(cancell?ed|annullat[ao]):/i.test(titleOf(event));

const partstats: Record<string, AttendeeResponse> = {
  ACCEPTED: 'accepted',
  TENTATIVE: 'tentative',
  DECLINED: 'declined',
  'NEEDS-ACTION': 'needs-action',
};

const addressOf = (value: unknown): string | undefined =>
  textOf(value)
    ?.replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();

/** The employee's own answer: their attendee entry, else being the organiser, else the event's busy status. */
export const responseOf = (event: VEvent, myAddresses: ReadonlySet<string>): AttendeeResponse | undefined => {
  if (myAddresses.size > 0) {
    const attendees: unknown[] = Array.isArray(event.attendee) ? event.attendee : event.attendee === undefined ? [] : [event.attendee];
    for (const attendee of attendees) {
      const address = addressOf(attendee);
      if (!address || !myAddresses.has(address)) continue;
      const status = paramsOf(attendee)['PARTSTAT'];
      return typeof status === 'string' ? partstats[status.toUpperCase()] : undefined;
    }
    const organiser = addressOf(event.organizer);
    if (organiser && myAddresses.has(organiser)) return 'accepted';
  }
  if (event.status === 'TENTATIVE' || textOf(field(event, 'MICROSOFT-CDO-BUSYSTATUS')) === 'TENTATIVE') return 'tentative';
  return undefined;
};

const CONFERENCE_FIELDS = [
  'GOOGLE-CONFERENCE',
  'MICROSOFT-SKYPETEAMSMEETINGURL',
  'MICROSOFT-ONLINEMEETINGEXTERNALLINK',
  'MICROSOFT-ONLINEMEETINGCONFLINK',
  'CONFERENCE',
];

export const linkFieldsOf = (event: VEvent): LinkFields => {
  const conference = CONFERENCE_FIELDS.map((name) => textOf(field(event, name))).filter((value): value is string => value !== undefined);
  const fields: LinkFields = { conference };
  const url = textOf(event.url);
  const location = textOf(event.location);
  const description = textOf(event.description);
  const html = textOf(field(event, 'ALT-DESC'));
  if (url) fields.url = url;
  if (location) fields.location = location;
  if (description) fields.description = description;
  if (html) fields.htmlDescription = html;
  return fields;
};
