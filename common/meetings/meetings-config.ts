import { z } from 'zod';
import { formatPath } from '../contract/errors';

/**
 * What the meetings service reads from the configuration: the profile's `calendars` section (where the calendars
 * are) and its `meetings` section (how meetings are shown and joined). `meetingsConfigFromSections` joins the two.
 */

export const CALENDAR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const CalendarUrl = z.url({ protocol: /^(https?|webcal)$/, error: 'expected an https://, http:// or webcal:// URL' });

export type CalendarSecretPurpose = `calendar.fetch:${string}`;

/** The keychain entry holding a calendar's password or token. */
export const calendarSecretPurpose = (calendarId: string): CalendarSecretPurpose => `calendar.fetch:${calendarId}`;

const compiles = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'iu');
    return true;
  } catch {
    return false;
  }
};

export const CalendarSource = z
  .object({
    id: z.string().regex(CALENDAR_ID, 'expected an id of letters, digits, ".", "_" and "-" (at most 64)'),
    name: z.string().min(1, 'expected a non-empty name').max(200),
    url: CalendarUrl.optional(),
    /** A local .ics file, read again at every refresh. */
    file: z.string().min(1).max(4096).optional(),
    /** Credentials for `url`; the secret (password or token) comes from the keychain, never from the profile. */
    auth: z.enum(['basic', 'bearer']).optional(),
    /** The user name for `basic`. */
    username: z.string().min(1).max(200).optional(),
    refreshMinutes: z.number().int().min(1).max(1440).default(15),
  })
  .refine((source) => (source.url === undefined) !== (source.file === undefined), { error: 'expected exactly one of url and file', path: ['url'] })
  .refine((source) => source.auth === undefined || source.url !== undefined, { error: 'auth applies to a url only', path: ['auth'] })
  .refine((source) => source.auth !== 'basic' || source.username !== undefined, { error: 'basic auth needs a username', path: ['username'] });
export type CalendarSource = z.infer<typeof CalendarSource>;

/** A video service of the organisation's own, e.g. the municipality's Jitsi. */
export const OrganisationService = z.object({
  name: z.string().min(1).max(100),
  /** A regular expression (case-insensitive) a join URL must match from its start, e.g. `https://meet\.comune\.example\.it/`. */
  urlPattern: z.string().min(1).max(500).refine(compiles, 'expected a valid regular expression'),
  /** The native app that opens its links, when there is one. */
  app: z.enum(['jitsi']).optional(),
});
export type OrganisationService = z.infer<typeof OrganisationService>;

export const OpenChoice = z.enum(['auto', 'app', 'browser']);
export type OpenChoice = z.infer<typeof OpenChoice>;

export const MeetingsSection = z.object({
  notifyMinutesBefore: z.number().int().min(0).max(120).default(5),
  hide: z
    .object({
      declined: z.boolean().default(true),
      tentative: z.boolean().default(false),
      allDay: z.boolean().default(false),
    })
    .default({ declined: true, tentative: false, allDay: false }),
  services: z.array(OrganisationService).max(50).default([]),
  /** Per service id (`zoom`, `teams`, `org:…`): open in the native app, the browser, or the app when one is installed. */
  openIn: z.record(z.string().max(100), OpenChoice).default({}),
  /** The employee's own addresses, to read their answer (accepted, declined…) from the attendee list. */
  myAddresses: z.array(z.string().max(320)).max(20).default([]),
  /** What the employee may not change: set from the profile's enforced keys. */
  locked: z
    .object({ calendars: z.boolean().default(false), notifyMinutesBefore: z.boolean().default(false), openIn: z.boolean().default(false) })
    .default({ calendars: false, notifyMinutesBefore: false, openIn: false }),
});

export const MeetingsConfig = MeetingsSection.extend({
  calendars: z
    .array(CalendarSource)
    .max(50)
    .default([])
    .refine((calendars) => new Set(calendars.map((calendar) => calendar.id)).size === calendars.length, 'expected each calendar id only once'),
});
export type MeetingsConfig = z.infer<typeof MeetingsConfig>;
export type MeetingsConfigInput = z.input<typeof MeetingsConfig>;

export type ConfigResult = { ok: true; config: MeetingsConfig } | { ok: false; error: string };

/** Reads the profile's two sections; the error is one line naming the field, e.g. `calendars[0].url: expected …`. */
export const meetingsConfigFromSections = (sections: { calendars?: unknown; meetings?: unknown }): ConfigResult => {
  const meetings = typeof sections.meetings === 'object' && sections.meetings !== null ? sections.meetings : {};
  const parsed = MeetingsConfig.safeParse({ ...meetings, calendars: sections.calendars ?? [] });
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: issue ? `${formatPath(issue.path)}: ${issue.message}` : 'invalid meetings configuration' };
};

/** What the profile's enforced JSON pointers lock here: `/calendars`, `/meetings/notifyMinutesBefore`, `/meetings/openIn`. */
export const meetingsLocks = (enforced: readonly string[]): MeetingsConfig['locked'] => {
  // A lock on a parent locks the whole field; a lock on part of it (one service's choice) locks the field too.
  const locks = (pointer: string): boolean => enforced.some((locked) => locked === pointer || pointer.startsWith(`${locked}/`) || locked.startsWith(`${pointer}/`));
  return { calendars: locks('/calendars'), notifyMinutesBefore: locks('/meetings/notifyMinutesBefore'), openIn: locks('/meetings/openIn') };
};
