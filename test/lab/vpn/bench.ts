import { join } from 'node:path';
import type { VpnConfigInput } from '../../../common/vpn/vpn-config';
import { eachMonitorReaches, flapOpenVpnServer, lost, recovered, settle } from './flaps';
import { LabMonitor } from './lab-monitor';
import { vpnLabUnavailable } from './lab-peers';
import { labVpnConfig, openVpnDriver, startOpenVpnLab, type OpenVpnLab } from './openvpn-lab';

export interface VpnBenchOptions {
  /** The repository root, where test/lab/vpn/monitor-runner.ts is. */
  root: string;
  flaps: number;
  silentFlaps: number;
  stableSeconds: number;
  progress(message: string): void;
}

export interface MonitorFigures {
  name: string;
  /** Server restarts: its exit notice reaches the client at once. */
  detectionMs: number[];
  /** The server frozen (SIGSTOP): only probing can tell. */
  silentDetectionMs: number[];
  roundsPerMinute: number;
  probesPerMinute: number;
}

export type VpnBenchResult =
  { skipped: string } | { monitors: MonitorFigures[]; recoveryMs: number[]; stableIntervalMs: number; probeTimeoutMs: number };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Freezes the OpenVPN server (SIGSTOP): no exit notice, no ICMP, no carrier change on the client — the tunnel just
 * stops carrying anything, as when a server hangs. Only probing can tell, until OpenVPN's own ping-restart (10 s).
 */
const silentFlaps = async (lab: OpenVpnLab, monitors: readonly LabMonitor[], count: number, timeoutMs: number): Promise<number[][]> => {
  const detection: number[][] = monitors.map(() => []);
  for (let flap = 1; flap <= count; flap++) {
    // Stable again (the fast rounds after the last change are over), at a random point of the 10 s probe interval.
    await settle({ settleMs: 5_000, jitterMs: 10_000 });
    const marks = monitors.map((monitor) => monitor.events.length);
    const frozenAt = Date.now();
    lab.server.child.kill('SIGSTOP');
    const losses = await eachMonitorReaches(monitors, lost, marks, timeoutMs, `silent flap ${flap}: a non-connected`);
    lab.server.child.kill('SIGCONT');
    await eachMonitorReaches(
      monitors,
      recovered,
      losses.map((loss) => loss.index),
      60_000,
      `silent flap ${flap}: a connected`,
    );
    losses.forEach((loss, index) => detection[index]?.push(loss.at - frozenAt));
  }
  return detection;
};

/**
 * Two monitors with the product's default timing in the lab's client namespace — one driving OpenVPN's management
 * interface, one probing only — watching the same tunnel flap.
 */
export const runVpnBench = async (options: VpnBenchOptions): Promise<VpnBenchResult> => {
  const unavailable = vpnLabUnavailable();
  if (unavailable) return { skipped: unavailable };
  const lab = await startOpenVpnLab({ hold: false });
  const runnerEntry = join(options.root, 'test/lab/vpn/monitor-runner.ts');
  const monitors: LabMonitor[] = [];
  try {
    const configs: [string, VpnConfigInput][] = [
      ['openvpn driver', labVpnConfig(lab.network, { driver: openVpnDriver })],
      ['probe-only', labVpnConfig(lab.network)],
    ];
    for (const [, config] of configs) {
      const monitor = await LabMonitor.start(lab.network, { runnerEntry });
      monitors.push(monitor);
      await monitor.configure(config);
    }
    await Promise.all(
      monitors.map((monitor) => monitor.waitForState((state) => state.state === 'connected', { timeoutMs: 30_000, what: 'connected' })),
    );

    options.progress(`stable for ${options.stableSeconds} s…`);
    await sleep(5_000);
    const before = await Promise.all(monitors.map((monitor) => monitor.stats()));
    const stableStart = Date.now();
    await sleep(options.stableSeconds * 1000);
    const after = await Promise.all(monitors.map((monitor) => monitor.stats()));
    const minutes = (Date.now() - stableStart) / 60_000;
    if (monitors.some((monitor) => monitor.events.slice(-3).some((event) => event.state.state !== 'connected')))
      throw new Error('the tunnel was not stable while counting probes');

    options.progress(`${options.flaps} server restarts…`);
    // Settled before each restart, at a random point of the 1 s interface poll.
    const flaps = await flapOpenVpnServer(lab, monitors, options.flaps, {
      detectTimeoutMs: 20_000,
      recoverTimeoutMs: 30_000,
      settleMs: 5_000,
      jitterMs: 1_000,
    });
    options.progress(`${options.silentFlaps} silent server freezes…`);
    const silent = await silentFlaps(lab, monitors, options.silentFlaps, 30_000);

    return {
      monitors: configs.map(([name], index) => ({
        name,
        detectionMs: flaps.detectionMs[index] ?? [],
        silentDetectionMs: silent[index] ?? [],
        roundsPerMinute: ((after[index]?.rounds ?? 0) - (before[index]?.rounds ?? 0)) / minutes,
        probesPerMinute: ((after[index]?.probes ?? 0) - (before[index]?.probes ?? 0)) / minutes,
      })),
      recoveryMs: flaps.recoveryMs,
      stableIntervalMs: 10_000,
      probeTimeoutMs: 1_500,
    };
  } finally {
    await Promise.all(monitors.map((monitor) => monitor.stop()));
    await lab.network.dispose();
  }
};
