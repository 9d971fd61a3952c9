import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VpnState, VpnStateName } from '../../../common/contract/vpn';
import { NotificationThrottle, type VpnNotice } from '../../../main/services/vpn/notification-throttle';
import { ProbeScheduler, type RoundOutcome } from '../../../main/services/vpn/probe-scheduler';

const stateOf = (state: VpnStateName, reasons: VpnState['reasons'] = []): VpnState => ({
  state,
  configured: true,
  reasons,
  probes: [],
  details: {},
  driver: { kind: 'probe-only', canConnect: false, canDisconnect: false },
  since: '2026-11-23T10:00:00.000Z',
  checkedAt: '2026-11-23T10:00:00.000Z',
});

describe('notification throttle', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  const throttle = (minIntervalMs = 60_000) => {
    const notices: VpnNotice[] = [];
    return { notices, throttle: new NotificationThrottle(minIntervalMs, Date.now, (notice) => notices.push(notice)) };
  };

  it('does not announce the state at start-up, then tells a change at once with its first reason', () => {
    const { notices, throttle: subject } = throttle();
    subject.observe(stateOf('connected'));
    expect(notices).toEqual([]);
    const dns = { key: 'vpn.reason.dnsTimeout', params: { name: 'intranet', seconds: 1.5 } };
    subject.observe(stateOf('degraded', [dns]));
    expect(notices).toEqual([{ state: 'degraded', title: { key: 'vpn.notify.degraded' }, body: dns }]);
  });

  it('ignores passing states: connecting and unknown', () => {
    const { notices, throttle: subject } = throttle();
    subject.observe(stateOf('connected'));
    subject.observe(stateOf('connecting'));
    subject.observe(stateOf('unknown'));
    subject.observe(stateOf('connected'));
    expect(notices).toEqual([]);
  });

  it('turns a flapping link into one notice per window, for the state it settled in', () => {
    const { notices, throttle: subject } = throttle(60_000);
    subject.observe(stateOf('connected'));
    for (let flap = 0; flap < 20; flap++) {
      subject.observe(stateOf('disconnected'));
      vi.advanceTimersByTime(1_000);
      subject.observe(stateOf('connected'));
      vi.advanceTimersByTime(1_000);
    }
    subject.observe(stateOf('disconnected'));
    expect(notices.map((notice) => notice.state)).toEqual(['disconnected']);
    // The window ends with the link where the employee was last told it was: nothing more to say.
    vi.advanceTimersByTime(60_000);
    expect(notices.map((notice) => notice.state)).toEqual(['disconnected']);
    subject.observe(stateOf('connected'));
    expect(notices.map((notice) => notice.state)).toEqual(['disconnected', 'connected']);
    subject.dispose();
  });

  it('says nothing at the end of the window when the link came back to what was last told', () => {
    const { notices, throttle: subject } = throttle(60_000);
    subject.observe(stateOf('connected'));
    subject.observe(stateOf('disconnected'));
    subject.observe(stateOf('connected'));
    vi.advanceTimersByTime(120_000);
    expect(notices.map((notice) => notice.state)).toEqual(['disconnected', 'connected']);
  });
});

describe('probe scheduler', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const scheduler = (outcomes: (round: number) => RoundOutcome) => {
    const startedAt: number[] = [];
    const subject = new ProbeScheduler({
      run: async () => {
        startedAt.push(Date.now());
        return outcomes(startedAt.length);
      },
      onError: () => undefined,
      stableIntervalMs: 10_000,
      fastIntervalMs: 1_000,
      settleRounds: 3,
      debounceMs: 25,
    });
    return { startedAt, subject };
  };

  it('probes fast after starting, then no more than every 10 s while nothing changes', async () => {
    const { startedAt, subject } = scheduler(() => ({ changed: false, busy: false }));
    subject.start();
    await vi.advanceTimersByTimeAsync(60_000);
    subject.stop();
    expect(startedAt.slice(0, 5)).toEqual([0, 1_000, 2_000, 12_000, 22_000]);
    const stableRounds = startedAt.filter((time) => time > 2_000);
    expect(stableRounds.length).toBeLessThanOrEqual(6);
  });

  it('re-probes within the debounce after a trigger, and fast again for a few rounds', async () => {
    const { startedAt, subject } = scheduler(() => ({ changed: false, busy: false }));
    subject.start();
    await vi.advanceTimersByTimeAsync(20_000);
    const before = startedAt.length;
    subject.trigger();
    await vi.advanceTimersByTimeAsync(25);
    expect(startedAt.at(-1)).toBe(20_025);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(startedAt.slice(before)).toEqual([20_025, 21_025, 22_025]);
    subject.stop();
  });

  it('keeps probing fast while busy (connecting)', async () => {
    const { startedAt, subject } = scheduler((round) => ({ changed: false, busy: round < 10 }));
    subject.start();
    await vi.advanceTimersByTimeAsync(9_500);
    expect(startedAt).toHaveLength(10);
    subject.stop();
  });

  it('runNow resolves after a round that started after the call, and stop leaves no timer', async () => {
    const { startedAt, subject } = scheduler(() => ({ changed: false, busy: false }));
    subject.start();
    await vi.advanceTimersByTimeAsync(5_000);
    const asked = Date.now();
    const done = subject.runNow();
    await vi.advanceTimersByTimeAsync(25);
    await done;
    expect(startedAt.at(-1)).toBeGreaterThanOrEqual(asked);
    subject.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
