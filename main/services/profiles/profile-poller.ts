import type { LastCheck } from '../../../common/contract/profiles';
import { fetchProfile, type FetchLike } from './profile-fetch';
import { oneLineMessageOf } from '../../../common/error-message';

export interface PollTarget {
  url: string;
  /** The ETag of the profile last applied from this URL. */
  etag?: string;
}

export interface ProfilePollerOptions {
  fetch?: FetchLike;
  clock: () => Date;
  intervalMinutes: number;
  timeoutMs: number;
  /** What to poll now; undefined when there is no profile URL. */
  target: () => PollTarget | undefined;
  /** A 200 answer: verify, apply if good, record the outcome, and say what happened. */
  apply: (bytes: Uint8Array, etag: string | undefined, url: string) => Promise<LastCheck>;
  /** A 304 or a failure: the active profile stays, only the check is recorded. */
  record: (check: LastCheck) => Promise<void>;
}

/**
 * Fetches the profile URL every N minutes and whenever asked (network change), conditionally on the ETag, so an
 * unchanged profile costs one small 304. A failure never touches the last good profile.
 */
export class ProfilePoller {
  private timer: ReturnType<typeof setInterval> | undefined;
  private inFlight: Promise<LastCheck | undefined> | undefined;

  constructor(private readonly options: ProfilePollerOptions) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Checks at once, then every interval. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.checkNow(), this.options.intervalMinutes * 60_000);
    this.timer.unref();
    void this.checkNow();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One check; a call while one is running shares its result instead of sending a second request. */
  checkNow(): Promise<LastCheck | undefined> {
    this.inFlight ??= this.check().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async check(): Promise<LastCheck | undefined> {
    const target = this.options.target();
    if (!target) return undefined;
    const fetched = await fetchProfile(
      this.options.fetch ?? fetch,
      target.url,
      target.etag === undefined ? { timeoutMs: this.options.timeoutMs } : { etag: target.etag, timeoutMs: this.options.timeoutMs },
    );
    const at = () => this.options.clock().toISOString();
    try {
      if (fetched.status === 'ok') return await this.options.apply(fetched.bytes, fetched.etag, target.url);
      const check: LastCheck =
        fetched.status === 'not-modified'
          ? { at: at(), result: 'not-modified' }
          : { at: at(), result: 'failed', reason: fetched.reason, problem: fetched.problem };
      await this.options.record(check);
      return check;
    } catch (error) {
      const check: LastCheck = { at: at(), result: 'failed', reason: oneLineMessageOf(error), problem: { code: 'generic.failed' } };
      await this.options.record(check).catch(() => undefined);
      return check;
    }
  }
}
