import { meetingsConfigFromSections, type CalendarSource } from '../../../../../common/meetings/meetings-config';
import { CalendarFetchError } from '../../../meetings/calendars/calendar-provider';
import { readingWindow } from '../../../meetings/calendars/calendar-feed';
import { CalendarFormatError, readCalendar } from '../../../meetings/calendars/ics-reader';
import { providerForSource } from '../../../meetings/calendars/source-provider';
import type { CheckContext, SelfTestCheckDefinition } from '../check';
import { notConfigured, verdict } from '../check';
import { oneLineMessageOf } from '../../../../../common/error-message';

const DAY_MS = 86_400_000;

interface FeedResult {
  ok: boolean;
  line: string;
}

/** Fetched in full (no validators: the point is to see it arrive) and read as the meetings service reads it. */
const checkFeed = async (source: CalendarSource, context: CheckContext, timeoutMs: number, userAgent: string): Promise<FeedResult> => {
  const provider = providerForSource(source, { secretFor: (purpose) => context.credentials.secretFor(purpose), timeoutMs, userAgent });
  try {
    const fetched = await provider.fetch(undefined);
    if (fetched.kind === 'unchanged') return { ok: true, line: `${source.id} (${provider.where}): unchanged` };
    const now = context.now().getTime();
    const calendar = readCalendar(fetched.text, readingWindow({ from: now, to: now + DAY_MS }));
    const problems = calendar.problems.length > 0 ? `, ${calendar.problems.length} unreadable` : '';
    return { ok: true, line: `${source.id} (${provider.where}): ${calendar.total} events${problems}` };
  } catch (error) {
    const reason =
      error instanceof CalendarFetchError || error instanceof CalendarFormatError
        ? error.message
        : `unexpected error: ${oneLineMessageOf(error)}`;
    return { ok: false, line: `${source.id} (${provider.where}): ${reason}` };
  }
};

type Sources = { ok: true; sources: readonly CalendarSource[] } | { ok: false; error: string };

/** What the meetings service reads, else (the CLI) the configuration's calendars. */
const sourcesOf = (context: CheckContext): Sources => {
  if (context.calendars) return { ok: true, sources: context.calendars };
  const { config } = context.effective;
  if (config.calendars.length === 0) return { ok: true, sources: [] };
  const parsed = meetingsConfigFromSections(config);
  return parsed.ok ? { ok: true, sources: parsed.config.calendars } : parsed;
};

/** Every calendar the employee sees, fetched and parsed; one line of detail per feed. */
export const calendarsCheck = (userAgent: string): SelfTestCheckDefinition => ({
  id: 'calendars',
  timeoutMs: 15_000,
  run: async (context) => {
    const read = sourcesOf(context);
    if (!read.ok) return verdict('fail', 'calendars', 'invalid', { detail: read.error });
    const { sources } = read;
    if (sources.length === 0) return notConfigured();
    // In parallel, each within the check's time less a margin to report in.
    const feedTimeoutMs = Math.max(context.timeoutMs - 500, 500);
    const results = await Promise.all(sources.map((source) => checkFeed(source, context, feedTimeoutMs, userAgent)));
    const failed = results.filter((result) => !result.ok);
    const detail = results.map((result) => result.line).join('; ');
    const params = { failed: failed.length, total: results.length };
    if (failed.length === results.length) return verdict('fail', 'calendars', 'allFailed', { params, detail });
    if (failed.length > 0) return verdict('warn', 'calendars', 'someFailed', { params, detail });
    return verdict('pass', 'calendars', 'ok', { params, detail, action: false });
  },
});
