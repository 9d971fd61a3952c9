import type { LocalizedMessage } from '../../../common/contract/app';
import type { VpnState, VpnStateName } from '../../../common/contract/vpn';

/** A desktop notification the host shows: `vpn.notify.<state>` as the title, the first reason as the body. */
export interface VpnNotice {
  state: VpnStateName;
  title: LocalizedMessage;
  body?: LocalizedMessage;
}

/** Worth telling the employee about; connecting and unknown are passing states. */
const settledStates: ReadonlySet<VpnStateName> = new Set(['connected', 'degraded', 'disconnected']);

/**
 * Decides when a state change becomes a notification: at most one per `minIntervalMs`. A change inside the window
 * is held back; when the window ends, the employee hears about the state the link settled in, if it differs from
 * the last one they were told. The state at start-up is not announced.
 */
export class NotificationThrottle {
  private told: VpnStateName | undefined;
  private toldAt = Number.NEGATIVE_INFINITY;
  private latest: VpnState | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly minIntervalMs: number,
    private readonly now: () => number,
    private readonly notify: (notice: VpnNotice) => void,
  ) {}

  observe(state: VpnState): void {
    if (!state.configured || !settledStates.has(state.state)) return;
    this.latest = state;
    if (this.told === undefined) {
      this.told = state.state;
      return;
    }
    if (state.state === this.told || this.timer) return;
    const wait = this.toldAt + this.minIntervalMs - this.now();
    if (wait <= 0) return this.tell(state);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.latest && this.latest.state !== this.told) this.tell(this.latest);
    }, wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private tell(state: VpnState): void {
    this.told = state.state;
    this.toldAt = this.now();
    const body = state.reasons[0];
    this.notify({ state: state.state, title: { key: `vpn.notify.${state.state}` }, ...(body ? { body } : {}) });
  }
}
