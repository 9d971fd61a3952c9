import { z } from 'zod';
import { ProblemReport } from './problems';
import { CalendarUrl, OpenChoice } from '../meetings/meetings-config';
import { event, request } from './define';

const IsoInstant = z.iso.datetime({ offset: true });
const DateKey = z.iso.date();

export const MeetingServiceRef = z.object({
  /** Stable: `teams`, `zoom`, `meet`…, or `org:<n>` for a service the organisation defined. */
  id: z.string(),
  name: z.string(),
  /** Whether a native app could open its links (Teams, Zoom, Jitsi, Slack). */
  hasApp: z.boolean(),
});
export type MeetingServiceRef = z.infer<typeof MeetingServiceRef>;

export const DialIn = z.object({
  /** International numbers (`+390200000000`) with the place the invitation names, if any. */
  numbers: z.array(z.object({ number: z.string(), label: z.string().optional() })),
  /** The conference ID, meeting ID or access code, digits only. */
  conferenceId: z.string().optional(),
  /** The PIN or numeric passcode for phones, digits only. */
  pin: z.string().optional(),
});
export type DialIn = z.infer<typeof DialIn>;

export const AttendeeResponse = z.enum(['accepted', 'tentative', 'declined', 'needs-action']);
export type AttendeeResponse = z.infer<typeof AttendeeResponse>;

export const Occurrence = z.object({
  /** Opaque and stable across refreshes: what `meetings.join` takes. */
  id: z.string(),
  calendarId: z.string(),
  title: z.string(),
  start: IsoInstant,
  end: IsoInstant,
  allDay: z.boolean(),
  /** All-day events: the first day and the day after the last, in the employee's zone. */
  days: z.object({ first: DateKey, next: DateKey }).optional(),
  location: z.string().optional(),
  response: AttendeeResponse.optional(),
  service: MeetingServiceRef.optional(),
  /** The web link of the meeting; `meetings.join` decides whether the app or the browser opens it. */
  joinUrl: z.string().optional(),
  dialIn: DialIn.optional(),
});
export type Occurrence = z.infer<typeof Occurrence>;

export const CalendarState = z.object({
  id: z.string(),
  name: z.string(),
  /** From the profile, or added by the employee (who may remove it). */
  origin: z.enum(['profile', 'user']),
  /** Host name or file name only: subscription URLs often carry a secret. */
  where: z.string(),
  /** `stale`: the last refresh failed and the last good copy is shown. */
  state: z.enum(['loading', 'ok', 'stale', 'error']),
  /** One technical line naming the problem, for stale and error: behind Details. */
  error: z.string().optional(),
  /** The same problem as the pane says it, from the catalogue. */
  problem: ProblemReport.optional(),
  /** Events that could not be read, one line each (at most a few). */
  problems: z.array(z.string()),
  lastLoadedAt: IsoInstant.optional(),
  events: z.number().int().nonnegative(),
});
export type CalendarState = z.infer<typeof CalendarState>;

export const MeetingsPreferences = z.object({
  notifyMinutesBefore: z.number().int().min(0).max(120),
  openIn: z.record(z.string(), OpenChoice),
});
export type MeetingsPreferences = z.infer<typeof MeetingsPreferences>;

export const Agenda = z.object({
  /** False until a calendar is set up, by the profile or by the employee. */
  configured: z.boolean(),
  timeZone: z.string(),
  /** Today and tomorrow in `timeZone`: [from, to). */
  from: IsoInstant,
  to: IsoInstant,
  generatedAt: IsoInstant,
  occurrences: z.array(Occurrence),
  calendars: z.array(CalendarState),
  preferences: MeetingsPreferences,
  /** What the employee may do here: add calendars, change preferences, join by phone. */
  can: z.object({ addCalendars: z.boolean(), changePreferences: z.boolean(), joinByPhone: z.boolean() }),
});
export type Agenda = z.infer<typeof Agenda>;

export const Reminder = z.object({
  occurrenceId: z.string(),
  title: z.string(),
  start: IsoInstant,
  minutesBefore: z.number().int().nonnegative(),
  service: MeetingServiceRef.optional(),
});
export type Reminder = z.infer<typeof Reminder>;

const OccurrenceRequest = z.object({ occurrenceId: z.string().min(1).max(200) }).strict();

export const meetingsContract = {
  /** Today's and tomorrow's meetings, each calendar's health and the employee's preferences. */
  'meetings.agenda': event(Agenda, { retained: true }),
  /** N minutes before a meeting starts. */
  'meetings.reminder': event(Reminder),
  'meetings.refresh': request(z.object({}).strict(), z.object({ refreshedAt: IsoInstant })),
  /** Hands the meeting's URL to the OS (native app or browser); `opened` is false where the host cannot, e.g. the web host. */
  'meetings.join': request(OccurrenceRequest, z.object({ url: z.string(), opened: z.boolean() })),
  /** Dials the meeting's number through the softphone and sends the conference ID and PIN as tones. */
  'meetings.joinByPhone': request(OccurrenceRequest, z.object({ dialed: z.string() })),
  'meetings.addCalendar': request(
    z.object({ name: z.string().trim().min(1).max(200), url: CalendarUrl }).strict(),
    z.object({ calendarId: z.string() }),
  ),
  'meetings.removeCalendar': request(z.object({ calendarId: z.string().min(1).max(100) }).strict(), z.object({})),
  'meetings.setPreferences': request(
    z
      .object({
        notifyMinutesBefore: z.number().int().min(0).max(120).optional(),
        openIn: z.object({ service: z.string().min(1).max(100), choice: OpenChoice }).optional(),
      })
      .strict(),
    MeetingsPreferences,
  ),
};
