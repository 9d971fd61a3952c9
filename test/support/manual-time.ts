import type { Timers } from '../../main/services/meetings/timers';

/** Time that moves only when the test says: a service's clock and timers ports, driven by hand. */
export class ManualTime implements Timers {
  now: number;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  constructor(start: string) {
    this.now = Date.parse(start);
  }

  clock = (): Date => new Date(this.now);

  setTimeout(callback: () => void, milliseconds: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + milliseconds, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  pending(): number {
    return this.timers.size;
  }

  /** Moves on by `milliseconds`, firing every timer due on the way, in order. */
  advance(milliseconds: number): void {
    this.moveTo(this.now + milliseconds);
  }

  /** Moves to `iso`, firing every timer due on the way, in order. */
  advanceTo(iso: string): void {
    this.moveTo(Date.parse(iso));
  }

  private moveTo(target: number): void {
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = target;
  }
}
