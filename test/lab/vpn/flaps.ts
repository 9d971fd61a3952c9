import type { VpnState } from '../../../common/contract/vpn';
import type { LabMonitor, StateEvent } from './lab-monitor';
import { startOpenVpnServer } from './peers';
import type { OpenVpnLab } from './openvpn-lab';

export interface FlapFigures {
  /** Per monitor: from the server's SIGTERM to the monitor's first state that is not `connected`, in ms. */
  detectionMs: number[][];
  /** From the server's restart to every monitor reporting `connected` again, in ms. */
  recoveryMs: number[];
  /** Per monitor and flap: the states from the loss to the recovery, in order. */
  sequences: string[][][];
}

/**
 * Takes the tunnel down `count` times by stopping the OpenVPN server (its explicit-exit-notify tells the client at
 * once, as a server restart does) and starts it again each time, measuring how fast each monitor notices.
 */
export const flapOpenVpnServer = async (
  lab: OpenVpnLab,
  monitors: readonly LabMonitor[],
  count: number,
  options: FlapOptions,
): Promise<FlapFigures> => {
  const figures: FlapFigures = { detectionMs: monitors.map(() => []), recoveryMs: [], sequences: monitors.map(() => []) };
  for (let flap = 1; flap <= count; flap++) {
    await settle(options);
    const marks = monitors.map((monitor) => monitor.events.length);
    const lostAt = Date.now();
    lab.server.child.kill('SIGTERM');
    const losses = await eachMonitorReaches(monitors, lost, marks, options.detectTimeoutMs, `flap ${flap}: a non-connected`);
    // The exit notice is out; skip the seconds OpenVPN lingers before exiting.
    await lab.server.stop('SIGKILL');
    lab.server = await startOpenVpnServer(lab.network, lab.pki);
    const restartedAt = Date.now();
    const recoveries = await eachMonitorReaches(
      monitors,
      recovered,
      losses.map((loss) => loss.index),
      options.recoverTimeoutMs,
      `flap ${flap}: a connected`,
    );
    monitors.forEach((monitor, index) => {
      const loss = losses[index];
      const recovery = recoveries[index];
      if (!loss || !recovery) return;
      figures.detectionMs[index]?.push(loss.at - lostAt);
      figures.sequences[index]?.push(monitor.events.slice(loss.index, recovery.index + 1).map((event) => event.state.state));
    });
    figures.recoveryMs.push(Math.max(...recoveries.map((recovery) => recovery.at)) - restartedAt);
  }
  return figures;
};

export const lost = (state: VpnState): boolean => state.state !== 'connected';
export const recovered = (state: VpnState): boolean => state.state === 'connected';

/** Each monitor's first state that `accept`s, from its own index in `from` on (0 where it has none), all at once. */
export const eachMonitorReaches = (
  monitors: readonly LabMonitor[],
  accept: (state: VpnState) => boolean,
  from: readonly (number | undefined)[],
  timeoutMs: number,
  what: string,
): Promise<(StateEvent & { index: number })[]> =>
  Promise.all(monitors.map((monitor, index) => monitor.waitForState(accept, { from: from[index] ?? 0, timeoutMs, what })));

export interface FlapOptions {
  detectTimeoutMs: number;
  recoverTimeoutMs: number;
  /**
   * Wait this long before each loss, plus a random part up to `jitterMs`: right after a recovery the monitor still
   * probes fast, so a loss then would be found by that fast probing rather than by what a stable link gets.
   */
  settleMs?: number;
  jitterMs?: number;
}

export const settle = (options: { settleMs?: number; jitterMs?: number }): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, (options.settleMs ?? 0) + Math.random() * (options.jitterMs ?? 0)));

export const percentile = (values: readonly number[], fraction: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
};
