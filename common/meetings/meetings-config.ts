import { z } from 'zod';
import { formatPath } from '../contract/errors';
import { keyDescription } from '../profiles/key-description';
import { compilesAsRegExp } from '../regexp-pattern';

/**
 * What the meetings service reads from the configuration: the profile's `calendars` section (where the calendars
 * are) and its `meetings` section (how meetings are shown and joined). `meetingsConfigFromSections` joins the two.
 */

export const CALENDAR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const CalendarUrl = z.url({ protocol: /^(https?|webcal)$/, error: 'expected an https://, http:// or webcal:// URL' });

export type CalendarSecretPurpose = `calendar.fetch:${string}`;

/** The keychain entry holding a calendar's password or token. */
export const calendarSecretPurpose = (calendarId: string): CalendarSecretPurpose => `calendar.fetch:${calendarId}`;

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
  .refine((source) => (source.url === undefined) !== (source.file === undefined), {
    error: 'expected exactly one of url and file',
    path: ['url'],
  })
  .refine((source) => source.auth === undefined || source.url !== undefined, { error: 'auth applies to a url only', path: ['auth'] })
  .refine((source) => source.auth !== 'basic' || source.username !== undefined, {
    error: 'basic auth needs a username',
    path: ['username'],
  });
export type CalendarSource = z.infer<typeof CalendarSource>;

/** A video service of the organisation's own, e.g. the municipality's Jitsi. */
export const OrganisationService = z.object({
  name: z.string().min(1).max(100),
  /** A regular expression (case-insensitive) a join URL must match from its start, e.g. `https://meet\.comune\.example\.it/`. */
  urlPattern: z
    .string()
    .min(1)
    .max(500)
    .refine((pattern) => compilesAsRegExp(pattern, 'iu'), 'expected a valid regular expression'),
  /** The native app that opens its links, when there is one. */
  app: z.enum(['jitsi']).optional(),
});
export type OrganisationService = z.infer<typeof OrganisationService>;

export const OpenChoice = z.enum(['auto', 'app', 'browser']);
export type OpenChoice = z.infer<typeof OpenChoice>;

/** A `locked` flag: derived from the locked keys, so forcing it does nothing by itself. */
const lockFlag = (pointer: string, what: { en: string; it: string }) =>
  z
    .boolean()
    .default(false)
    .meta(
      keyDescription({
        en: `Whether the employee is kept from changing ${what.en}. Scrivania sets it from the locked keys, so forcing this value has no effect: force or enforce ${pointer} instead. Default false.`,
        it: `Indica se al dipendente è impedito modificare ${what.it}. Scrivania lo ricava dalle chiavi bloccate, quindi imporre questo valore non ha effetto: imporre o bloccare invece ${pointer}. Predefinito false.`,
      }),
    );

export const MeetingsSection = z.object({
  notifyMinutesBefore: z
    .number()
    .int()
    .min(0)
    .max(120)
    .default(5)
    .meta(
      keyDescription({
        en: 'How many minutes before a meeting starts Scrivania announces it with a desktop notification, 0 to 120 (0: as it starts). Default 5; the employee may choose another unless it is forced.',
        it: "Quanti minuti prima dell'inizio di una riunione Scrivania la annuncia con una notifica sul desktop, da 0 a 120 (0: all'inizio). Predefinito 5; il dipendente può sceglierne un altro, salvo che il valore sia imposto.",
      }),
    ),
  hide: z
    .object({
      declined: z
        .boolean()
        .default(true)
        .meta(
          keyDescription({
            en: 'Whether meetings the employee declined are left out of the agenda. Default true.',
            it: "Indica se le riunioni rifiutate dal dipendente vengono escluse dall'agenda. Predefinito true.",
          }),
        ),
      tentative: z
        .boolean()
        .default(false)
        .meta(
          keyDescription({
            en: 'Whether meetings the employee answered as tentative are left out of the agenda. Default false.',
            it: "Indica se le riunioni a cui il dipendente ha risposto «forse» vengono escluse dall'agenda. Predefinito false.",
          }),
        ),
      allDay: z
        .boolean()
        .default(false)
        .meta(
          keyDescription({
            en: 'Whether all-day events are left out of the agenda. Default false.',
            it: "Indica se gli eventi che durano tutto il giorno vengono esclusi dall'agenda. Predefinito false.",
          }),
        ),
    })
    .default({ declined: true, tentative: false, allDay: false }),
  services: z
    .array(OrganisationService)
    .max(50)
    .default([])
    .meta(
      keyDescription({
        en: 'The organisation\'s own video services, besides the ones Scrivania knows (Teams, Zoom, Google Meet, Webex, Jitsi…), at most 50, each {"name", "urlPattern"} with a regular expression (case ignored) a join link must match from its start, plus "app":"jitsi" if the Jitsi app opens them, e.g. [{"name":"Jitsi del Comune","urlPattern":"https://meet[.]comune[.]example[.]it/","app":"jitsi"}]. Default none.',
        it: 'Servizi di videoconferenza propri dell\'ente, oltre a quelli che Scrivania già riconosce (Teams, Zoom, Google Meet, Webex, Jitsi…), al massimo 50, ciascuno {"name", "urlPattern"} con un\'espressione regolare (senza distinzione tra maiuscole e minuscole) a cui il collegamento della riunione deve corrispondere dall\'inizio, più "app":"jitsi" se li apre l\'app Jitsi, per esempio [{"name":"Jitsi del Comune","urlPattern":"https://meet[.]comune[.]example[.]it/","app":"jitsi"}]. Predefinito: nessuno.',
      }),
    ),
  openIn: z
    .record(z.string().max(100), OpenChoice)
    .default({})
    .meta(
      keyDescription({
        en: 'Where each video service\'s meetings open, by service id (zoom, teams, meet, webex, jitsi…; org:0 for the first of the organisation\'s own services): "app" (its native app), "browser", or "auto" (the app when installed, otherwise the browser), e.g. {"teams":"browser"}. Default auto for all; forcing it also stops the employee changing these choices.',
        it: 'Dove si aprono le riunioni di ciascun servizio di videoconferenza, per identificativo del servizio (zoom, teams, meet, webex, jitsi…; org:0 per il primo dei servizi propri dell\'ente): "app" (la sua applicazione), "browser", oppure "auto" (l\'applicazione se installata, altrimenti il browser), per esempio {"teams":"browser"}. Predefinito auto per tutti; se imposto, il dipendente non può modificare queste scelte.',
      }),
    ),
  myAddresses: z
    .array(z.string().max(320))
    .max(20)
    .default([])
    .meta(
      keyDescription({
        en: "The employee's own email addresses, at most 20, to read their answer (accepted, declined, tentative) from a meeting's attendee list, e.g. mario.rossi@comune.example.it. Default none.",
        it: "Indirizzi email del dipendente, al massimo 20, per leggere la sua risposta (accettata, rifiutata, forse) nell'elenco dei partecipanti a una riunione, per esempio mario.rossi@comune.example.it. Predefinito: nessuno.",
      }),
    ),
  locked: z
    .object({
      calendars: lockFlag('/calendars', { en: 'the calendars (add calendars of their own)', it: 'i calendari (aggiungerne di propri)' }),
      notifyMinutesBefore: lockFlag('/meetings/notifyMinutesBefore', {
        en: 'how long before a meeting it is announced',
        it: 'quanto tempo prima viene annunciata una riunione',
      }),
      openIn: lockFlag('/meetings/openIn', { en: 'where meetings open', it: 'dove si aprono le riunioni' }),
    })
    .default({ calendars: false, notifyMinutesBefore: false, openIn: false }),
});

export const MeetingsConfig = MeetingsSection.extend({
  calendars: z
    .array(CalendarSource)
    .max(50)
    .default([])
    .refine(
      (calendars) => new Set(calendars.map((calendar) => calendar.id)).size === calendars.length,
      'expected each calendar id only once',
    ),
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
  const locks = (pointer: string): boolean =>
    enforced.some((locked) => locked === pointer || pointer.startsWith(`${locked}/`) || locked.startsWith(`${pointer}/`));
  return { calendars: locks('/calendars'), notifyMinutesBefore: locks('/meetings/notifyMinutesBefore'), openIn: locks('/meetings/openIn') };
};
