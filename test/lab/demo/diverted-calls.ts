import type { BaresipEvent } from '../phone/baresip';
import type { PhoneLab } from '../phone/phone-lab';

export interface DivertedCallsOptions {
  everyMs: number;
  firstAfterMs: number;
  /** An unanswered call is given up after this long, as a caller would. */
  ringMs?: number;
  /** An answered call the employee keeps open is ended after this long. */
  longestCallMs?: number;
  say(line: string): void;
}

const RING_MS = 30_000;
const LONGEST_CALL_MS = 600_000;

/**
 * The outside caller rings the answer group now and then; Kamailio diverts each call to the employee's extension,
 * which rings in Scrivania as "for Polizia Municipale". One call at a time: a call still going skips a turn.
 */
export class DivertedCalls {
  private timer: NodeJS.Timeout | undefined;
  private calling = false;
  private stopped = false;

  constructor(
    private readonly lab: PhoneLab,
    private readonly options: DivertedCallsOptions,
  ) {}

  start(): void {
    this.timer = setTimeout(() => {
      void this.ring();
      this.timer = setInterval(() => void this.ring(), this.options.everyMs);
    }, this.options.firstAfterMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.timer);
  }

  private async ring(): Promise<void> {
    if (this.calling || this.stopped) return;
    this.calling = true;
    const { caller, group, callerUser, employee } = this.lab;
    const since = caller.events.length;
    const closed = (event: BaresipEvent): boolean => event.type === 'CALL_CLOSED';
    const answeredOrClosed = (event: BaresipEvent): boolean => event.type === 'CALL_ESTABLISHED' || closed(event);
    try {
      this.options.say(`calling ${group.name} (${group.number}) from ${callerUser}: the PBX diverts it to extension ${employee.user}`);
      await caller.command('dial', caller.aor(group.number));
      const answer = await caller.waitForEvent(answeredOrClosed, 'an answer', this.options.ringMs ?? RING_MS, since).catch(() => undefined);
      if (answer?.type !== 'CALL_ESTABLISHED') {
        if (!answer) await caller.command('hangup');
        return;
      }
      await caller
        .waitForEvent(closed, 'the end of the call', this.options.longestCallMs ?? LONGEST_CALL_MS, since)
        .catch(() => caller.command('hangup'));
    } catch (error) {
      if (!this.stopped) this.options.say(`the diverted call failed: ${(error as Error).message}`);
    } finally {
      this.calling = false;
    }
  }
}
