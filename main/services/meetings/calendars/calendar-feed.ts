import type { CalendarState } from '../../../../common/contract/meetings';
import type { CalendarSource } from '../../../../common/meetings/meetings-config';
import type { Logger } from '../../logging/logger';
import type { Timers } from '../timers';
import { CalendarFetchError, type CalendarProvider, type Validators } from './calendar-provider';
import { CalendarFormatError, readCalendar, type ReadCalendar, type ReadWindow } from './ics-reader';
import type { Problem } from '../../../../common/contract/problems';
import { messageOf } from '../../../../common/error-message';

export type CalendarOrigin = CalendarState['origin'];

export interface FeedPorts {
  clock: () => Date;
  timers: Timers;
  log: Logger;
  /** Called after every load, successful or not. */
  changed: () => void;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** After a failure, try again sooner than the normal interval: 1, 2, 5, then 10 minutes. */
const RETRY_MINUTES = [1, 2, 5, 10];

/** One calendar: fetched now and every N minutes, the last good copy kept when a refresh fails. */
export class CalendarFeed {
  state: CalendarState['state'] = 'loading';
  error: string | undefined;
  /** What the pane says about `error`. */
  problem: Problem | undefined;
  lastLoadedAt: Date | undefined;
  private text: string | undefined;
  private validators: Validators | undefined;
  private read: ReadCalendar | undefined;
  private timer: unknown;
  private failures = 0;
  private inFlight: Promise<void> | undefined;
  private disposed = false;

  constructor(
    readonly source: CalendarSource,
    readonly origin: CalendarOrigin,
    private readonly provider: CalendarProvider,
    private readonly ports: FeedPorts,
    /** The window the agenda shows now; a read covers it and the next week. */
    private readonly window: () => ReadWindow,
  ) {}

  get where(): string {
    return this.provider.where;
  }

  /** How many events the last good copy holds. */
  get eventCount(): number {
    return this.read?.total ?? 0;
  }

  /** Fetches now unless a fetch is already running, in which case that one is awaited. */
  load(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    this.ports.timers.clearTimeout(this.timer);
    this.inFlight = this.fetchOnce().finally(() => {
      this.inFlight = undefined;
      if (this.disposed) return;
      this.schedule();
      this.ports.changed();
    });
    return this.inFlight;
  }

  /** What was read for a window, read again from the kept text when the window moved beyond the last reading. */
  calendarFor(window: ReadWindow): ReadCalendar | undefined {
    if (!this.read || this.text === undefined) return undefined;
    if (this.read.window.from <= window.from && this.read.window.to >= window.to) return this.read;
    this.read = readCalendar(this.text, readingWindow(window));
    return this.read;
  }

  dispose(): void {
    this.disposed = true;
    this.ports.timers.clearTimeout(this.timer);
  }

  private async fetchOnce(): Promise<void> {
    try {
      const outcome = await this.provider.fetch(this.read ? this.validators : undefined);
      if (outcome.kind === 'changed') {
        this.read = readCalendar(outcome.text, readingWindow(this.window()));
        this.text = outcome.text;
        this.validators = outcome.validators;
      }
      this.state = 'ok';
      this.error = undefined;
      this.problem = undefined;
      this.failures = 0;
      this.lastLoadedAt = this.ports.clock();
      this.ports.log.info('calendar loaded', {
        calendar: this.source.id,
        changed: outcome.kind === 'changed',
        events: this.read?.total ?? 0,
      });
    } catch (error) {
      this.failures += 1;
      this.error = messageOf(error);
      this.problem =
        error instanceof CalendarFetchError
          ? error.problem
          : error instanceof CalendarFormatError
            ? { code: 'meetings.calendar-not-ics' }
            : { code: 'meetings.calendar-failed' };
      this.state = this.read ? 'stale' : 'error';
      this.ports.log.warn('calendar refresh failed', { calendar: this.source.id, reason: this.error, keptCopy: this.read !== undefined });
    }
  }

  private schedule(): void {
    const normal = this.source.refreshMinutes;
    const retry = RETRY_MINUTES[Math.min(this.failures, RETRY_MINUTES.length) - 1];
    const minutes = this.failures > 0 && retry !== undefined ? Math.min(retry, normal) : normal;
    this.timer = this.ports.timers.setTimeout(() => void this.load(), minutes * MINUTE_MS);
  }
}

/** A reading covers the day before the window and a week after it, so the days rolling over need no new reading. */
export const readingWindow = (window: ReadWindow): ReadWindow => ({ from: window.from - DAY_MS, to: window.to + 7 * DAY_MS });
