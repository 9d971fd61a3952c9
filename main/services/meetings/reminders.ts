import type { Occurrence, Reminder } from '../../../common/contract/meetings';
import { serviceRef } from './agenda';
import type { MeetingLink } from './agenda';
import type { Timers } from './timers';

const MINUTE_MS = 60_000;

/**
 * Fires one reminder per meeting N minutes before it starts. One timer, always set for the earliest reminder due;
 * a meeting moved to another time is reminded of again.
 */
export class ReminderClock {
  private timer: unknown;
  private occurrences: readonly Occurrence[] = [];
  private links: ReadonlyMap<string, MeetingLink> = new Map();
  private minutesBefore = 5;
  private readonly fired = new Set<string>();

  constructor(
    private readonly clock: () => Date,
    private readonly timers: Timers,
    private readonly remind: (reminder: Reminder) => void,
  ) {}

  update(occurrences: readonly Occurrence[], links: ReadonlyMap<string, MeetingLink>, minutesBefore: number): void {
    this.occurrences = occurrences;
    this.links = links;
    this.minutesBefore = minutesBefore;
    this.check();
  }

  dispose(): void {
    this.timers.clearTimeout(this.timer);
  }

  private check(): void {
    this.timers.clearTimeout(this.timer);
    const now = this.clock().getTime();
    let next = Infinity;
    for (const occurrence of this.occurrences) {
      if (occurrence.allDay || occurrence.response === 'declined') continue;
      const start = Date.parse(occurrence.start);
      const due = start - this.minutesBefore * MINUTE_MS;
      const key = `${occurrence.id}@${occurrence.start}`;
      if (start <= now || this.fired.has(key)) continue;
      if (due > now) {
        next = Math.min(next, due);
        continue;
      }
      this.fired.add(key);
      this.remind(this.reminderFor(occurrence, Math.ceil((start - now) / MINUTE_MS)));
    }
    if (next !== Infinity) this.timer = this.timers.setTimeout(() => this.check(), next - now);
  }

  private reminderFor(occurrence: Occurrence, minutesBefore: number): Reminder {
    const link = this.links.get(occurrence.id);
    return {
      occurrenceId: occurrence.id,
      title: occurrence.title,
      start: occurrence.start,
      minutesBefore,
      ...(link ? { service: serviceRef(link.service) } : {}),
    };
  }
}
