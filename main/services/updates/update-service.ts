import type { UpdateProblem, UpdatesState } from '../../../common/contract/updates';
import { Emitter } from '../../../common/emitter';
import type { Logger } from '../logging/logger';
import { nodeTimers, type Timers } from '../meetings/timers';
import { Refusal } from '../refusal';
import { UpdateError, failureLine, type UpdateEngine, type UpdateOffer } from './update-engine';
import { DEFAULT_UPDATES_CONFIG, type UpdatesConfig, type UpdatesConfigResult } from './updates-config';

export interface UpdateServicePorts {
  engine: UpdateEngine;
  currentVersion: string;
  log: Logger;
  clock?: () => Date;
  timers?: Timers;
  /** 0 ≤ x < 1, for the jitter that keeps thousands of desks from asking the server at the same second. */
  random?: () => number;
}

/** The first check waits for the app to settle, then a random part of a minute more. */
export const FIRST_CHECK_DELAY_MS = 30_000;
export const FIRST_CHECK_JITTER_MS = 60_000;
/** Each later check comes every `checkEveryHours`, give or take this fraction. */
export const INTERVAL_JITTER = 0.1;

const HOUR_MS = 3_600_000;
/** After a failed check, the next ones come sooner than the interval: a server back after an outage is seen. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, HOUR_MS];

type UpdateEvents = { state: UpdatesState };

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

const problemOf = (error: unknown): UpdateProblem =>
  error instanceof UpdateError ? { kind: error.kind, detail: error.message } : { kind: 'failed', detail: failureLine(error) };

/**
 * Checks the organisation's update server at start and every few hours, downloads a newer version in the
 * background where the host can install it, and installs it when the employee restarts. With updates disabled by
 * policy, nothing is ever sent.
 */
export class UpdateService extends Emitter<UpdateEvents> {
  private config: UpdatesConfig = DEFAULT_UPDATES_CONFIG;
  /** The configuration last applied, as given, to tell a real change from the same profile arriving again. */
  private applied: string | undefined;
  private current: UpdatesState;
  private timer: unknown;
  /** Failed checks in a row, for the retry delay; a check that answers resets it. */
  private failedChecks = 0;
  /** Grows at each configuration change: a check or download that started before it no longer reports. */
  private generation = 0;
  private checking: Promise<UpdatesState> | undefined;
  private readonly clock: () => Date;
  private readonly timers: Timers;
  private readonly random: () => number;

  constructor(private readonly ports: UpdateServicePorts) {
    super();
    this.clock = ports.clock ?? (() => new Date());
    this.timers = ports.timers ?? nodeTimers;
    this.random = ports.random ?? Math.random;
    this.current = this.baseState(DEFAULT_UPDATES_CONFIG);
  }

  state(): UpdatesState {
    return this.current;
  }

  /** A new configuration; a change of server, channel, interval or switch starts over with a first check soon. */
  configure(result: UpdatesConfigResult): void {
    const config = result.ok ? result.config : { ...DEFAULT_UPDATES_CONFIG };
    const problem: UpdateProblem | undefined = result.ok ? undefined : { kind: 'invalid-config', detail: result.reason };
    const given = JSON.stringify(result);
    if (given === this.applied) return;
    this.applied = given;
    if (!result.ok) this.ports.log.warn("the configuration's updates section does not apply", { reason: result.reason });
    this.generation += 1;
    this.config = config;
    this.checking = undefined;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const base = this.baseState(config);
    if (problem) return this.publish({ ...base, phase: 'unconfigured', problem });
    if (base.phase !== 'idle') return this.publish(base);
    this.schedule(FIRST_CHECK_DELAY_MS + this.random() * FIRST_CHECK_JITTER_MS, base);
  }

  /** Checks now; answers when the check is done. A download it starts goes on in the background. */
  check(): Promise<UpdatesState> {
    const { phase } = this.current;
    if (phase === 'disabled')
      return Promise.reject(Refusal.because('updates.disabled', 'updates are turned off by the administrator', 'forbidden'));
    if (phase === 'unconfigured')
      return Promise.reject(
        Refusal.because(
          this.current.problem ? 'updates.invalid-config' : 'updates.unconfigured',
          this.current.problem
            ? `the updates configuration does not apply: ${this.current.problem.detail}`
            : 'no update server is configured',
        ),
      );
    if (phase === 'downloading' || phase === 'downloaded' || phase === 'installing') return Promise.resolve(this.current);
    this.checking ??= this.runCheck(this.generation);
    return this.checking;
  }

  /** Quits and installs the downloaded update. */
  install(): UpdatesState {
    if (!this.current.canInstall)
      throw Refusal.because('updates.cannot-install-here', 'this window cannot install updates: the installed Scrivania app does');
    if (this.current.phase !== 'downloaded') throw Refusal.because('updates.nothing-downloaded', 'no update has been downloaded yet');
    this.publish({ ...this.current, phase: 'installing' });
    this.ports.log.info('installing the update', { version: this.current.available?.version });
    this.ports.engine.install();
    return this.current;
  }

  dispose(): void {
    this.generation += 1;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private baseState(config: UpdatesConfig): UpdatesState {
    const phase = !config.enabled ? 'disabled' : config.url === undefined ? 'unconfigured' : 'idle';
    return {
      phase,
      currentVersion: this.ports.currentVersion,
      channel: config.channel,
      ...(config.url !== undefined ? { server: hostOf(config.url) } : {}),
      canInstall: this.ports.engine.canInstall,
      checkEveryHours: config.checkEveryHours,
    };
  }

  private publish(state: UpdatesState): void {
    this.current = state;
    this.emit('state', state);
  }

  /** Sets the next check `delayMs` from now and publishes `state` with its time. */
  private schedule(delayMs: number, state: UpdatesState = this.current): void {
    this.timers.clearTimeout(this.timer);
    const generation = this.generation;
    this.timer = this.timers.setTimeout(() => {
      if (generation !== this.generation) return;
      this.timer = undefined;
      // A download that outlasts the interval is left to finish; the check after it comes one interval later.
      if (this.current.phase === 'downloading') return this.schedule(this.intervalMs());
      void this.check().catch(() => undefined);
    }, delayMs);
    this.publish({ ...state, nextCheckAt: new Date(this.clock().getTime() + delayMs).toISOString() });
  }

  private intervalMs(): number {
    return this.config.checkEveryHours * HOUR_MS * (1 - INTERVAL_JITTER + 2 * INTERVAL_JITTER * this.random());
  }

  private async runCheck(generation: number): Promise<UpdatesState> {
    const { url, channel } = this.config;
    const { available: _available, progress: _progress, problem: _problem, nextCheckAt: _nextCheckAt, ...rest } = this.current;
    this.publish({ ...rest, phase: 'checking' });
    let offer: UpdateOffer | undefined;
    let problem: UpdateProblem | undefined;
    try {
      offer = await this.ports.engine.check({ url: url as string, channel, currentVersion: this.ports.currentVersion });
    } catch (error) {
      problem = problemOf(error);
    }
    if (generation !== this.generation) return this.current;
    this.checking = undefined;
    const at = this.clock().toISOString();
    const checked: UpdatesState = { ...rest, phase: 'up-to-date', lastCheck: { at, outcome: 'up-to-date' } };
    if (problem) {
      this.ports.log.warn('the update check failed', { server: rest.server, channel, ...problem });
      const retry = RETRY_DELAYS_MS[Math.min(this.failedChecks, RETRY_DELAYS_MS.length - 1)] as number;
      this.failedChecks += 1;
      this.schedule(Math.min(retry, this.intervalMs()), { ...checked, phase: 'error', lastCheck: { at, outcome: 'error' }, problem });
      return this.current;
    }
    this.failedChecks = 0;
    if (offer) {
      this.ports.log.info('an update is available', { version: offer.version, channel });
      this.schedule(this.intervalMs(), { ...checked, phase: 'available', lastCheck: { at, outcome: 'available' }, available: offer });
      if (this.ports.engine.canInstall) void this.download(offer, generation);
    } else {
      this.schedule(this.intervalMs(), checked);
    }
    return this.current;
  }

  private async download(offer: UpdateOffer, generation: number): Promise<void> {
    this.publish({ ...this.current, phase: 'downloading', progress: { transferred: 0, total: offer.bytes ?? 0 } });
    let lastPercent = -1;
    try {
      await this.ports.engine.download(offer, (progress) => {
        if (generation !== this.generation) return;
        const percent = progress.total > 0 ? Math.floor((progress.transferred / progress.total) * 100) : -1;
        if (percent === lastPercent) return;
        lastPercent = percent;
        this.publish({ ...this.current, progress });
      });
      if (generation !== this.generation) return;
      const { progress: _progress, ...rest } = this.current;
      this.publish({ ...rest, phase: 'downloaded' });
    } catch (error) {
      if (generation !== this.generation) return;
      const problem = problemOf(error);
      if (problem.kind === 'refused') this.ports.log.error('the update was refused', { version: offer.version, reason: problem.detail });
      else this.ports.log.warn('the update download failed', { version: offer.version, reason: problem.detail });
      const { progress: _progress, ...rest } = this.current;
      this.publish({ ...rest, phase: 'error', lastCheck: { at: this.clock().toISOString(), outcome: 'error' }, problem });
    }
  }
}
