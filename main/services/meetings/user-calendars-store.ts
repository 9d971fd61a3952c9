import { z } from 'zod';
import {
  calendarSecretPurpose,
  CALENDAR_ID,
  type CalendarSecretPurpose,
  type CalendarSource,
} from '../../../common/meetings/meetings-config';
import { messageOf } from '../../../common/error-message';
import { StoredJsonFile } from '../storage/atomic-file';
import type { SecretAnswer } from './calendars/http-provider';

/** A calendar the employee added, as stored in the data folder: everything but its address, which is a secret. */
const StoredCalendar = z.object({
  id: z.string().regex(CALENDAR_ID),
  name: z.string().min(1).max(200),
  refreshMinutes: z.number().int().min(1).max(1440),
});
type StoredCalendar = z.infer<typeof StoredCalendar>;

export const UserCalendarsFile = z.object({ calendars: z.array(StoredCalendar).max(100) });
export type UserCalendarsFile = z.infer<typeof UserCalendarsFile>;

export type CalendarSecretId = `calendar:${string}`;

/** The keychain as this store uses it: a subscription address often carries its own token, so it is kept there. */
export interface CalendarSecrets {
  secretFor(purpose: CalendarSecretPurpose): Promise<SecretAnswer>;
  save(id: CalendarSecretId, secret: string): Promise<void>;
  forget(id: CalendarSecretId): Promise<boolean>;
}

export interface LoadedUserCalendars {
  calendars: CalendarSource[];
  /** One line each: a damaged file, a calendar whose address the keychain did not give. */
  problems: string[];
}

export interface UserCalendarsPort {
  load(): Promise<LoadedUserCalendars>;
  /** Saves every calendar of the employee's; rejects with the one-line reason when an address could not be kept. */
  save(calendars: readonly CalendarSource[]): Promise<void>;
}

const secretIdOf = (calendarId: string): CalendarSecretId => `calendar:${calendarId}`;

/**
 * The employee's own calendars: names and refresh intervals in `meetings/calendars.json`, each address in the
 * keychain under `calendar:<id>`. A calendar whose address cannot be read at start (the keychain locked, absent)
 * stays in the file, so it comes back at the next start once the keychain answers.
 */
export class UserCalendarsStore implements UserCalendarsPort {
  private readonly stored: StoredJsonFile<UserCalendarsFile>;
  /** The addresses the keychain holds, as far as this store knows, so an unchanged one is not written again. */
  private readonly inKeychain = new Map<string, string>();
  /** Calendars in the file whose address was not available at start. */
  private waiting: StoredCalendar[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    file: string,
    private readonly secrets: CalendarSecrets,
  ) {
    this.stored = new StoredJsonFile(file, UserCalendarsFile);
  }

  async load(): Promise<LoadedUserCalendars> {
    const { value, problem } = await this.stored.load();
    const problems = problem === undefined ? [] : [problem];
    const calendars: CalendarSource[] = [];
    this.waiting = [];
    for (const entry of value?.calendars ?? []) {
      const answer = await this.secrets.secretFor(calendarSecretPurpose(entry.id)).catch((error: unknown) => ({
        secret: null,
        reason: messageOf(error),
      }));
      if (answer.secret === null) {
        this.waiting.push(entry);
        problems.push(`calendar "${entry.name}" was left out: the keychain did not give its address (${answer.reason})`);
        continue;
      }
      this.inKeychain.set(entry.id, answer.secret);
      calendars.push({ ...entry, url: answer.secret });
    }
    return { calendars, problems };
  }

  save(calendars: readonly CalendarSource[]): Promise<void> {
    const snapshot = calendars.map((calendar) => ({ ...calendar }));
    const next = this.queue.then(() => this.write(snapshot));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Addresses first, then the file; a removed calendar's address goes after the file no longer names it. */
  private async write(calendars: readonly CalendarSource[]): Promise<void> {
    const kept: StoredCalendar[] = [];
    for (const calendar of calendars) {
      if (calendar.url === undefined) continue;
      if (this.inKeychain.get(calendar.id) !== calendar.url) {
        await this.secrets.save(secretIdOf(calendar.id), calendar.url);
        this.inKeychain.set(calendar.id, calendar.url);
      }
      kept.push({ id: calendar.id, name: calendar.name, refreshMinutes: calendar.refreshMinutes });
    }
    const named = new Set(kept.map((calendar) => calendar.id));
    const waiting = this.waiting.filter((calendar) => !named.has(calendar.id));
    await this.stored.save({ calendars: [...kept, ...waiting] });
    for (const id of [...this.inKeychain.keys()].filter((id) => !named.has(id))) {
      this.inKeychain.delete(id);
      await this.secrets.forget(secretIdOf(id));
    }
  }
}
