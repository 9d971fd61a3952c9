import { Refusal } from '../refusal';
import { notConfiguredStatus, type CapabilityStatus } from '../../../common/contract';
import type { Agenda, CalendarState, MeetingsPreferences, Reminder } from '../../../common/contract/meetings';
import { Emitter } from '../../../common/emitter';
import { MeetingsConfig, type CalendarSecretPurpose, type CalendarSource, type OpenChoice } from '../../../common/meetings/meetings-config';
import type { Logger } from '../logging/logger';
import { buildAgenda, byStart, LinkFinder, type AgendaOptions, type BuiltAgenda, type MeetingLink } from './agenda';
import { CalendarFeed, type CalendarOrigin } from './calendars/calendar-feed';
import type { CalendarProvider } from './calendars/calendar-provider';
import type { ReadCalendar } from './calendars/ics-reader';
import type { SecretAnswer } from './calendars/http-provider';
import { providerForSource } from './calendars/source-provider';
import { joinUrlFor } from './join';
import { isOpenableLink } from './links/app-links';
import { createCatalogue } from './links/catalogue';
import { ReminderClock } from './reminders';
import type { MeetingsChoices, MeetingsChoicesPort } from './meetings-choices-store';
import type { UserCalendarsPort } from './user-calendars-store';
import { nodeTimers, type Timers } from './timers';
import { addDays, dateKeyAt, isValidTimeZone, startOfDay } from './zoned-time';
import { messageOf } from '../../../common/error-message';

/** The softphone as the meetings service sees it; the phone capability provides it once it is set up. */
export interface PhoneDialer {
  available(): boolean;
  /** Dials `number` and, once answered, sends `tones` (the conference ID and PIN, each ending in #). */
  dial(number: string, tones: string): Promise<void>;
}

export interface MeetingsServicePorts {
  log: Logger;
  clock: () => Date;
  /** The employee's IANA zone. */
  timeZone: () => string;
  /** A calendar's password or token from the keychain. */
  secretFor: (purpose: CalendarSecretPurpose) => Promise<SecretAnswer>;
  /** Hands a URL to the OS; false where the host cannot (the web host leaves it to the browser window). */
  openExternal: (url: string) => Promise<boolean>;
  /** Whether an app handles a URL scheme (msteams, zoommtg…); where the host cannot tell, the browser is used. */
  canOpenScheme?: (scheme: string) => Promise<boolean>;
  phone?: PhoneDialer;
  /** Where the employee's own choices (reminder minutes, where meetings open) outlive a restart; kept in memory only without it. */
  choices?: MeetingsChoicesPort;
  /** Where the calendars the employee added outlive a restart; kept in memory only without it. */
  userCalendars?: UserCalendarsPort;
  timers?: Timers;
  fetchTimeoutMs?: number;
  userAgent: string;
}

export interface MeetingsEvents extends Record<string, unknown> {
  agenda: Agenda;
  reminder: Reminder;
  status: CapabilityStatus;
}

const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
const MAX_PROBLEMS_SHOWN = 5;
const MAX_USER_CALENDARS = 20;

const noConfig = (): MeetingsConfig => MeetingsConfig.parse({});

/** The employee's meetings: calendars fetched and kept fresh, today's and tomorrow's agenda, reminders, joining. */
export class MeetingsService extends Emitter<MeetingsEvents> {
  private config: MeetingsConfig = noConfig();
  private configured = false;
  private readonly userCalendars: CalendarSource[] = [];
  private nextUserCalendar = 1;
  private userPreferences: MeetingsChoices = { openIn: {} };
  /** A choice made before the stored ones were read wins over them. */
  private choseSinceStart = false;
  /** Settles once the stored calendars are read: no save may write the list before it holds them. */
  private calendarsRestored: Promise<void> | undefined;
  /** Calendars whose last save failed, with why: they are gone after a restart. */
  private readonly notKept = new Map<string, string>();
  private saving: Promise<unknown> = Promise.resolve();
  private feeds = new Map<string, CalendarFeed>();
  private finder = new LinkFinder(createCatalogue());
  private links = new Map<string, MeetingLink>();
  private readonly built = new WeakMap<ReadCalendar, { key: string; finder: LinkFinder; agenda: BuiltAgenda }>();
  private current: Agenda;
  private readonly reminders: ReminderClock;
  private readonly timers: Timers;
  private wakeTimer: unknown;

  constructor(private readonly ports: MeetingsServicePorts) {
    super();
    this.timers = ports.timers ?? nodeTimers;
    this.reminders = new ReminderClock(ports.clock, this.timers, (reminder) => this.emit('reminder', reminder));
    this.current = this.compose(new Map());
  }

  agenda(): Agenda {
    return this.current;
  }

  /** The profile's calendars and meetings sections; undefined until a profile is installed. */
  configure(config: MeetingsConfig | undefined): void {
    this.configured = config !== undefined;
    this.config = config ?? noConfig();
    this.finder = new LinkFinder(createCatalogue(this.config.services));
    this.syncFeeds();
    this.rebuild();
  }

  /** The employee's choices from the last run; a damaged file is logged and leaves the profile's defaults. */
  async restoreChoices(): Promise<void> {
    const stored = await this.ports.choices?.load();
    if (stored?.problem) this.ports.log.warn('stored meeting choices not used', { reason: stored.problem });
    if (!stored?.value || this.choseSinceStart) return;
    this.userPreferences = stored.value;
    this.rebuild();
  }

  /** The calendars the employee added in earlier runs; one whose address the keychain does not give is logged and left out. */
  restoreCalendars(): Promise<void> {
    this.calendarsRestored ??= this.readStoredCalendars();
    return this.calendarsRestored;
  }

  /** Settles when every choice and calendar change so far is on disk (or failed and was logged). */
  async flush(): Promise<void> {
    let pending: Promise<unknown>;
    do {
      pending = this.saving;
      await pending;
    } while (pending !== this.saving);
  }

  async refresh(): Promise<Date> {
    await Promise.all([...this.feeds.values()].map((feed) => feed.load()));
    return this.ports.clock();
  }

  /** The network came back or changed: calendars that failed are tried again at once. */
  networkChanged(): void {
    for (const feed of this.feeds.values()) if (feed.state === 'error' || feed.state === 'stale') void feed.load();
  }

  async join(occurrenceId: string): Promise<{ url: string; opened: boolean }> {
    const link = this.linkOf(occurrenceId);
    const choice = this.openChoice(link.service.id);
    const url = await joinUrlFor(link, choice, this.ports.canOpenScheme ?? (async () => false));
    if (!isOpenableLink(url))
      throw Refusal.because('meetings.link-not-openable', `the meeting link uses ${url.split(':', 1)[0]}:, which Scrivania does not open`);
    const opened = await this.ports.openExternal(url);
    this.ports.log.info('handed a meeting link over', { service: link.service.id, scheme: url.split(':', 1)[0], opened });
    return { url, opened };
  }

  async joinByPhone(occurrenceId: string): Promise<{ dialed: string }> {
    const phone = this.ports.phone;
    if (!phone?.available()) throw Refusal.because('meetings.phone-not-set-up', 'joining by phone needs the phone to be set up first');
    const dialIn = this.linkOf(occurrenceId).dialIn;
    const number = dialIn?.numbers[0]?.number;
    if (!dialIn || !number) throw Refusal.because('meetings.no-dial-in', 'this meeting has no dial-in number');
    const tones = [dialIn.conferenceId, dialIn.pin]
      .filter(Boolean)
      .map((digits) => `${digits}#`)
      .join('');
    await phone.dial(number, tones);
    return { dialed: number };
  }

  addCalendar(name: string, url: string): string {
    if (this.config.locked.calendars)
      throw Refusal.because('meetings.calendars-locked', 'your help desk manages the calendars: ask them to add this one', 'forbidden');
    if (this.userCalendars.length >= MAX_USER_CALENDARS)
      throw Refusal.because('meetings.too-many-calendars', `at most ${MAX_USER_CALENDARS} calendars of your own can be added`, 'failed', {
        count: MAX_USER_CALENDARS,
      });
    const taken = new Set(this.sources().map(({ source }) => source.id));
    let id = `user-${this.nextUserCalendar++}`;
    while (taken.has(id)) id = `user-${this.nextUserCalendar++}`;
    this.userCalendars.push({ id, name, url, refreshMinutes: 15 });
    this.ports.log.info('calendar added by the employee', { calendar: id });
    this.saveCalendars();
    this.syncFeeds();
    this.rebuild();
    return id;
  }

  removeCalendar(calendarId: string): void {
    const index = this.userCalendars.findIndex((calendar) => calendar.id === calendarId);
    if (index === -1) {
      const fromProfile = this.config.calendars.some((calendar) => calendar.id === calendarId);
      if (fromProfile)
        throw Refusal.because(
          'meetings.calendar-from-profile',
          `calendar "${calendarId}" comes from your organisation's profile and cannot be removed here`,
          'forbidden',
        );
      throw Refusal.because('meetings.no-such-calendar', `there is no calendar "${calendarId}"`);
    }
    this.userCalendars.splice(index, 1);
    this.notKept.delete(calendarId);
    this.saveCalendars();
    this.syncFeeds();
    this.rebuild();
  }

  setPreferences(change: {
    notifyMinutesBefore?: number | undefined;
    openIn?: { service: string; choice: OpenChoice } | undefined;
  }): MeetingsPreferences {
    if (change.notifyMinutesBefore !== undefined) {
      if (this.config.locked.notifyMinutesBefore)
        throw Refusal.because('meetings.preference-locked', 'your help desk set when meetings are announced', 'forbidden');
      this.userPreferences.notifyMinutesBefore = change.notifyMinutesBefore;
    }
    if (change.openIn) {
      if (this.config.locked.openIn)
        throw Refusal.because('meetings.preference-locked', 'your help desk set how meetings open', 'forbidden');
      if (!this.finder.catalogue.byId(change.openIn.service))
        throw Refusal.because('meetings.no-such-service', `there is no meeting service "${change.openIn.service}"`);
      this.userPreferences.openIn[change.openIn.service] = change.openIn.choice;
    }
    this.choseSinceStart = true;
    const choices = this.ports.choices;
    if (choices)
      this.afterSaves(() =>
        choices
          .save(this.userPreferences)
          .catch((error: unknown) => this.ports.log.warn('meeting choices not saved', { reason: messageOf(error) })),
      );
    this.rebuild();
    return this.preferences();
  }

  dispose(): void {
    for (const feed of this.feeds.values()) feed.dispose();
    this.feeds.clear();
    this.reminders.dispose();
    this.timers.clearTimeout(this.wakeTimer);
  }

  private async readStoredCalendars(): Promise<void> {
    const stored = await this.ports.userCalendars?.load().catch((error: unknown) => ({ calendars: [], problems: [messageOf(error)] }));
    if (!stored) return;
    for (const problem of stored.problems) this.ports.log.warn('stored calendar not used', { reason: problem });
    const taken = new Set(this.userCalendars.map((calendar) => calendar.id));
    const restored = stored.calendars.filter((calendar) => !taken.has(calendar.id)).slice(0, MAX_USER_CALENDARS);
    if (restored.length === 0) return;
    // Before any added this run, as they were added first.
    this.userCalendars.unshift(...restored);
    for (const { id } of restored) {
      const number = /^user-(\d+)$/.exec(id)?.[1];
      if (number !== undefined) this.nextUserCalendar = Math.max(this.nextUserCalendar, Number(number) + 1);
    }
    this.ports.log.info('calendars of the employee restored', { count: restored.length });
    this.syncFeeds();
    this.rebuild();
  }

  /** Saves the employee's calendars as they are when the save runs, after the stored ones were read. */
  private saveCalendars(): void {
    const store = this.ports.userCalendars;
    if (!store) return;
    this.afterSaves(async () => {
      await this.calendarsRestored;
      const calendars = [...this.userCalendars];
      try {
        await store.save(calendars);
        const hadNotes = this.notKept.size > 0;
        this.notKept.clear();
        if (hadNotes) this.rebuild();
      } catch (error) {
        const reason = messageOf(error);
        this.ports.log.warn('calendars not saved: they will be gone after a restart', { reason });
        for (const { id } of calendars) this.notKept.set(id, reason);
        this.rebuild();
      }
    });
  }

  private afterSaves(save: () => Promise<unknown>): void {
    this.saving = this.saving.then(save, save);
  }

  private linkOf(occurrenceId: string): MeetingLink {
    const link = this.links.get(occurrenceId);
    if (link) return link;
    const known = this.current.occurrences.find((occurrence) => occurrence.id === occurrenceId);
    if (known)
      throw Refusal.because('meetings.no-link', `"${known.title}" has no meeting link`, 'failed', { title: known.title.slice(0, 200) });
    throw Refusal.because('meetings.not-found', `no meeting "${occurrenceId}" today or tomorrow`);
  }

  private openChoice(serviceId: string): OpenChoice {
    if (this.config.locked.openIn) return this.config.openIn[serviceId] ?? 'auto';
    return this.userPreferences.openIn[serviceId] ?? this.config.openIn[serviceId] ?? 'auto';
  }

  private preferences(): MeetingsPreferences {
    const notifyMinutesBefore = this.config.locked.notifyMinutesBefore
      ? this.config.notifyMinutesBefore
      : (this.userPreferences.notifyMinutesBefore ?? this.config.notifyMinutesBefore);
    const openIn = this.config.locked.openIn ? { ...this.config.openIn } : { ...this.config.openIn, ...this.userPreferences.openIn };
    return { notifyMinutesBefore, openIn };
  }

  /** Every calendar read: the profile's, then the employee's own unless the help desk manages them. */
  calendarSources(): CalendarSource[] {
    return this.sources().map(({ source }) => source);
  }

  private sources(): { source: CalendarSource; origin: CalendarOrigin }[] {
    const own = this.config.locked.calendars ? [] : this.userCalendars.map((source) => ({ source, origin: 'user' as const }));
    return [...this.config.calendars.map((source) => ({ source, origin: 'profile' as const })), ...own];
  }

  /** Keeps the feeds whose source did not change (and their last good copy); starts the new ones. */
  private syncFeeds(): void {
    const next = new Map<string, CalendarFeed>();
    for (const { source, origin } of this.sources()) {
      const existing = this.feeds.get(source.id);
      if (existing && existing.origin === origin && JSON.stringify(existing.source) === JSON.stringify(source)) {
        next.set(source.id, existing);
        continue;
      }
      existing?.dispose();
      const feed = new CalendarFeed(
        source,
        origin,
        this.providerFor(source),
        { clock: this.ports.clock, timers: this.timers, log: this.ports.log, changed: () => this.rebuild() },
        () => this.window(),
      );
      next.set(source.id, feed);
      void feed.load();
    }
    for (const [id, feed] of this.feeds) if (!next.has(id)) feed.dispose();
    this.feeds = next;
  }

  private providerFor(source: CalendarSource): CalendarProvider {
    return providerForSource(source, {
      secretFor: (purpose) => this.ports.secretFor(purpose),
      timeoutMs: this.ports.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
      userAgent: this.ports.userAgent,
    });
  }

  private zone(): string {
    const zone = this.ports.timeZone();
    return isValidTimeZone(zone) ? zone : 'UTC';
  }

  /** Today and tomorrow in the employee's zone. */
  private window(): { from: number; to: number } {
    const zone = this.zone();
    const today = dateKeyAt(this.ports.clock().getTime(), zone);
    return { from: startOfDay(today, zone), to: startOfDay(addDays(today, 2), zone) };
  }

  private rebuild(): void {
    const window = this.window();
    const options = { window, timeZone: this.zone(), hide: this.config.hide, myAddresses: this.config.myAddresses };
    const parts = [...this.feeds.values()].flatMap((feed) => {
      const read = this.readSafely(feed, window);
      return read ? [this.builtFor(feed.source.id, read, options)] : [];
    });
    const occurrences = parts.flatMap((part) => part.occurrences).sort(byStart);
    this.links = new Map(parts.flatMap((part) => [...part.links]));
    this.current = this.compose(new Map(parts.flatMap((part) => [...part.problems])), occurrences);
    this.reminders.update(this.current.occurrences, this.links, this.current.preferences.notifyMinutesBefore);
    this.emit('agenda', this.current);
    this.emit('status', this.status());
    this.armWake(window.to);
  }

  /** A calendar whose copy, window and settings did not change (a 304, a preference change) is not expanded again. */
  private builtFor(calendarId: string, read: ReadCalendar, options: AgendaOptions): BuiltAgenda {
    const key = JSON.stringify([calendarId, options]);
    const cached = this.built.get(read);
    if (cached?.key === key && cached.finder === this.finder) return cached.agenda;
    const agenda = buildAgenda([{ id: calendarId, read }], options, this.finder);
    this.built.set(read, { key, finder: this.finder, agenda });
    return agenda;
  }

  private readSafely(feed: CalendarFeed, window: { from: number; to: number }) {
    try {
      return feed.calendarFor(window);
    } catch (error) {
      feed.state = 'error';
      feed.error = messageOf(error);
      return undefined;
    }
  }

  private compose(problems: Map<string, string[]>, occurrences: Agenda['occurrences'] = []): Agenda {
    const window = this.window();
    return {
      configured: this.feeds.size > 0 || this.configured,
      timeZone: this.zone(),
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      generatedAt: this.ports.clock().toISOString(),
      occurrences,
      calendars: [...this.feeds.values()].map((feed) => this.calendarState(feed, problems.get(feed.source.id) ?? [])),
      preferences: this.preferences(),
      can: {
        addCalendars: !this.config.locked.calendars,
        changePreferences: !(this.config.locked.notifyMinutesBefore && this.config.locked.openIn),
        joinByPhone: this.ports.phone?.available() ?? false,
      },
    };
  }

  private calendarState(feed: CalendarFeed, found: readonly string[]): CalendarState {
    const notKept = this.notKept.get(feed.source.id);
    const problems = notKept === undefined ? found : [`not kept after a restart: ${notKept}`, ...found];
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
    if (problems.length > shown.length) shown.push(`…and ${problems.length - shown.length} more`);
    return {
      id: feed.source.id,
      name: feed.source.name,
      origin: feed.origin,
      where: feed.where,
      state: feed.state,
      ...(feed.error ? { error: `calendar "${feed.source.name}": ${feed.error}` } : {}),
      ...(feed.error && feed.problem ? { problem: { ...feed.problem, detail: `calendar "${feed.source.name}": ${feed.error}` } } : {}),
      problems: shown,
      ...(feed.lastLoadedAt ? { lastLoadedAt: feed.lastLoadedAt.toISOString() } : {}),
      events: feed.eventCount,
    };
  }

  private status(): CapabilityStatus {
    const feeds = [...this.feeds.values()];
    if (feeds.length === 0) return notConfiguredStatus;
    const failed = feeds.filter((feed) => feed.state === 'error' || feed.state === 'stale');
    if (feeds.every((feed) => feed.state === 'loading')) return { level: 'busy', summary: { key: 'meetings.status.loading' } };
    if (feeds.every((feed) => feed.state === 'error'))
      return { level: 'error', summary: { key: 'meetings.status.failed', params: { count: feeds.length } } };
    if (failed.length > 0) return { level: 'warning', summary: { key: 'meetings.status.someFailed', params: { count: failed.length } } };
    const now = this.ports.clock().getTime();
    const todayEnd = startOfDay(addDays(dateKeyAt(now, this.zone()), 1), this.zone());
    const left = this.current.occurrences.filter(
      (occurrence) => !occurrence.allDay && Date.parse(occurrence.end) > now && Date.parse(occurrence.start) < todayEnd,
    ).length;
    return {
      level: 'ok',
      summary: left > 0 ? { key: 'meetings.status.leftToday', params: { count: left } } : { key: 'meetings.status.noneLeftToday' },
    };
  }

  /**
   * The next moment the agenda or its summary changes by itself: a meeting ending changes "meetings left today",
   * midnight moves the window on by a day.
   */
  private armWake(windowTo: number): void {
    this.timers.clearTimeout(this.wakeTimer);
    const now = this.ports.clock().getTime();
    const midnight = startOfDay(addDays(dateKeyAt(windowTo, this.zone()), -1), this.zone());
    const nextEnd = Math.min(...this.current.occurrences.map((occurrence) => Date.parse(occurrence.end)).filter((end) => end > now));
    if (nextEnd < midnight) {
      this.wakeTimer = this.timers.setTimeout(
        () => {
          this.emit('status', this.status());
          this.armWake(windowTo);
        },
        nextEnd - now + 1_000,
      );
      return;
    }
    this.wakeTimer = this.timers.setTimeout(() => this.rebuild(), midnight - now + 1_000);
  }
}
