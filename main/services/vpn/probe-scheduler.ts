export interface RoundOutcome {
  /** The state or its reasons changed: keep probing fast for a few rounds. */
  changed: boolean;
  /** Something is in progress (connecting): probe fast until it ends. */
  busy: boolean;
}

export interface ProbeSchedulerOptions {
  run(): Promise<RoundOutcome>;
  /** A round that threw (a bug, since probes report failures as results): logged, and probing goes on. */
  onError(error: unknown): void;
  stableIntervalMs: number;
  fastIntervalMs: number;
  /** Fast rounds after a trigger or a change before falling back to the stable interval. */
  settleRounds: number;
  /** Triggers closer together than this make one round (OpenVPN sends RECONNECTING and HOLD back to back). */
  debounceMs: number;
}

/** Runs probe rounds one at a time: fast while something changes, at the stable interval otherwise. */
export class ProbeScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private rerun = false;
  private stopped = false;
  private fastRoundsLeft: number;
  private waiters: (() => void)[] = [];

  constructor(private readonly options: ProbeSchedulerOptions) {
    this.fastRoundsLeft = options.settleRounds;
  }

  start(): void {
    this.schedule(0);
  }

  /** Something changed (the network, the VPN client): probe again soon and keep probing fast for a while. */
  trigger(): void {
    if (this.stopped) return;
    this.fastRoundsLeft = this.options.settleRounds;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.schedule(this.options.debounceMs);
  }

  /** Resolves after a round that started after this call has finished. */
  runNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.trigger();
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    this.rerun = false;
    const waiting = this.waiters.splice(0);
    let outcome: RoundOutcome;
    try {
      outcome = await this.options.run();
    } catch (error) {
      this.options.onError(error);
      outcome = { changed: false, busy: false };
    } finally {
      this.running = false;
      for (const resolve of waiting) resolve();
    }
    if (this.stopped) return;
    if (outcome.changed) this.fastRoundsLeft = this.options.settleRounds;
    else if (this.fastRoundsLeft > 0) this.fastRoundsLeft--;
    if (this.rerun) return this.schedule(this.options.debounceMs);
    this.schedule(outcome.busy || this.fastRoundsLeft > 0 ? this.options.fastIntervalMs : this.options.stableIntervalMs);
  }
}
