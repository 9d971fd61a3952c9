import { readProfileSection, userValuesFrom } from './profile-sections';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Occurrence } from '../../common/contract/meetings';
import packageJson from '../../package.json';
import { buildAgenda, LinkFinder } from '../services/meetings/agenda';
import type { CalendarProvider } from '../services/meetings/calendars/calendar-provider';
import { FileCalendarProvider } from '../services/meetings/calendars/file-provider';
import { HttpCalendarProvider } from '../services/meetings/calendars/http-provider';
import { readCalendar } from '../services/meetings/calendars/ics-reader';
import { createCatalogue } from '../services/meetings/links/catalogue';
import { detectInInvitation } from '../services/meetings/links/detect-link';
import { extractDialIn } from '../services/meetings/links/dial-in';
import { htmlToText, looksLikeHtml } from '../services/meetings/links/html-text';
import { addDays, dateKeyAt, hostTimeZone, isValidTimeZone, startOfDay } from '../services/meetings/zoned-time';
import { EXIT, processOutput, runCommandGroup, type CliOutput, type CommandGroup } from './command-group';
import { UsageError } from './usage';
import { messageOf } from '../../common/error-message';

const FETCH_TIMEOUT_MS = 20_000;

export const meetingsUsage = `Usage: scrivania meetings <command> [options]

Commands:
  list (--ics FILE_OR_URL | --profile SIGNED.json [--user KEY=VALUE]...) [--from ISO] [--to ISO] [--tz ZONE] [--json]
        the occurrences in [from, to) (default: today and tomorrow) with start, end, title, service and join URL
  link [--json]
        read an invitation on stdin and print its meeting service, join URL and dial-in (exit 1 when none)

Exit status: 0 done, 1 nothing found or unreadable, 2 wrong usage.
`;

export interface MeetingsCliIo extends CliOutput {
  readStdin(): Promise<string>;
  now(): Date;
}

const processIo: MeetingsCliIo = {
  ...processOutput,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  now: () => new Date(),
};

class FailedError extends Error {}

const parse = <O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) => {
  const parsed = parseArgs({ args, options, allowPositionals: false, strict: true });
  return parsed.values;
};

/** `2026-03-30` is the start of that day in the zone; anything else must be a full ISO date-time. */
const instantArg = (text: string, flag: string, zone: string): number => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return startOfDay(text, zone);
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(instant))
    throw new UsageError(`${flag} must be an ISO date (2026-03-30) or date-time (2026-03-30T09:00:00+02:00), not "${text}"`);
  return instant;
};

const providerFor = (source: string): CalendarProvider => {
  if (/^(https?|webcal):\/\//i.test(source))
    return new HttpCalendarProvider({ url: source, timeoutMs: FETCH_TIMEOUT_MS, userAgent: `Scrivania/${packageJson.version}` });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source))
    throw new UsageError(`--ics takes a file or an http://, https:// or webcal:// URL, not "${source.split(':', 1)[0]}:"`);
  return new FileCalendarProvider(source);
};

/** The profile's calendars, `${user.KEY}` filled from --user; calendars needing a password are the app's to read. */
const calendarsOfProfile = async (file: string, users: string[]): Promise<{ id: string; source: string }[]> => {
  const values = userValuesFrom(users);
  if (typeof values === 'string') throw new UsageError(values);
  const read = await readProfileSection(file, 'calendars', values);
  if (!read.ok) throw new FailedError(read.reason);
  const calendars = Array.isArray(read.section) ? (read.section as { id?: unknown; url?: unknown }[]) : [];
  const usable = calendars.filter(
    (calendar): calendar is { id: string; url: string } => typeof calendar.id === 'string' && typeof calendar.url === 'string',
  );
  if (usable.length === 0) throw new FailedError(`${file} lists no calendars`);
  return usable.map((calendar) => ({ id: calendar.id, source: calendar.url }));
};

/** Fetches and reads one calendar into `reads`; the one-line failure otherwise (the fetch's own, or where: why). */
const readInto = async (
  reads: { id: string; read: ReturnType<typeof readCalendar> }[],
  id: string,
  provider: CalendarProvider,
  window: { from: number; to: number },
): Promise<string | undefined> => {
  let text: string;
  try {
    const outcome = await provider.fetch(undefined);
    text = outcome.kind === 'changed' ? outcome.text : '';
  } catch (error) {
    return messageOf(error);
  }
  try {
    reads.push({ id, read: readCalendar(text, window) });
    return undefined;
  } catch (error) {
    return `${provider.where}: ${messageOf(error)}`;
  }
};

const timeText = (instant: string, zone: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));

const clockText = (instant: string, zone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

const line = (occurrence: Occurrence, zone: string): string => {
  const when =
    occurrence.allDay && occurrence.days
      ? `${occurrence.days.first} all day${addDays(occurrence.days.first, 1) === occurrence.days.next ? '' : ` to ${addDays(occurrence.days.next, -1)}`}`
      : `${timeText(occurrence.start, zone)}–${clockText(occurrence.end, zone)}`;
  const service = occurrence.service ? `  [${occurrence.service.name}] ${occurrence.joinUrl ?? ''}` : '';
  return `${when}  ${occurrence.title}${service}\n`;
};

const listCommand = async (args: string[], io: MeetingsCliIo): Promise<number> => {
  const values = parse(args, {
    ics: { type: 'string' },
    profile: { type: 'string' },
    user: { type: 'string', multiple: true, default: [] },
    from: { type: 'string' },
    to: { type: 'string' },
    tz: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if ((values.profile === undefined) === (values.ics === undefined || values.ics === ''))
    throw new UsageError('give either --ics FILE_OR_URL or --profile SIGNED.json');
  const zone = values.tz ?? hostTimeZone();
  if (!isValidTimeZone(zone)) throw new UsageError(`--tz must be an IANA time zone such as Europe/Rome, not "${zone}"`);
  const today = dateKeyAt(io.now().getTime(), zone);
  const from = values.from === undefined ? startOfDay(today, zone) : instantArg(values.from, '--from', zone);
  const to = values.to === undefined ? startOfDay(addDays(today, 2), zone) : instantArg(values.to, '--to', zone);
  if (to <= from) throw new UsageError('--to must be after --from');

  const sources =
    values.profile !== undefined ? await calendarsOfProfile(values.profile, values.user) : [{ id: 'cli', source: values.ics as string }];
  const reads: { id: string; read: ReturnType<typeof readCalendar> }[] = [];
  const where = new Map<string, string>();
  const failures: string[] = [];
  for (const { id, source } of sources) {
    const provider = providerFor(source);
    where.set(id, provider.where);
    const failure = await readInto(reads, id, provider, { from, to });
    if (failure) failures.push(failure);
  }
  if (reads.length === 0) throw new FailedError(failures.join('; '));
  for (const failure of failures) io.err(`warning: ${failure}\n`);
  const agenda = buildAgenda(
    reads,
    { window: { from, to }, timeZone: zone, hide: { declined: false, tentative: false, allDay: false }, myAddresses: [] },
    new LinkFinder(createCatalogue()),
  );
  for (const [id, problems] of agenda.problems) for (const problem of problems) io.err(`warning: ${where.get(id) ?? id}: ${problem}\n`);
  if (values.json) {
    io.out(
      `${JSON.stringify(
        agenda.occurrences.map(({ id: _id, calendarId: _calendar, ...occurrence }) => occurrence),
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  if (agenda.occurrences.length === 0)
    io.out(
      `No events between ${timeText(new Date(from).toISOString(), zone)} and ${timeText(new Date(to).toISOString(), zone)} (${zone}).\n`,
    );
  for (const occurrence of agenda.occurrences) io.out(line(occurrence, zone));
  return EXIT.ok;
};

const linkCommand = async (args: string[], io: MeetingsCliIo): Promise<number> => {
  const values = parse(args, { json: { type: 'boolean', default: false } });
  const invitation = await io.readStdin();
  const found = detectInInvitation(invitation, createCatalogue());
  if (!found) {
    if (values.json) io.out('null\n');
    io.err('no meeting link found in the invitation\n');
    return EXIT.failed;
  }
  const text = looksLikeHtml(invitation) ? htmlToText(invitation) : invitation;
  const dialIn = found.service.dialIn ? extractDialIn(text, found.service.dialIn) : undefined;
  if (values.json) {
    io.out(
      `${JSON.stringify({ service: { id: found.service.id, name: found.service.name }, url: found.url, ...(dialIn ? { dialIn } : {}) }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  io.out(`service  ${found.service.name}\nurl      ${found.url}\n`);
  if (dialIn) {
    for (const number of dialIn.numbers) io.out(`phone    ${number.number}${number.label ? `  (${number.label})` : ''}\n`);
    if (dialIn.conferenceId) io.out(`id       ${dialIn.conferenceId}\n`);
    if (dialIn.pin) io.out(`pin      ${dialIn.pin}\n`);
  }
  return EXIT.ok;
};

const meetingsCommands: CommandGroup<MeetingsCliIo> = {
  name: 'meetings',
  usage: meetingsUsage,
  subcommands: { list: listCommand, link: linkCommand },
  failure: FailedError,
};

/** `scrivania meetings …`: list a calendar's meetings, find the link in an invitation. */
export const runMeetingsCommand = (argv: string[], io: MeetingsCliIo = processIo): Promise<number> =>
  runCommandGroup(meetingsCommands, argv, io);
