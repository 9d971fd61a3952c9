import type { VpnProbe, VpnState } from '../../../../../common/contract/vpn';
import { parseVpnConfig } from '../../../../../common/vpn/vpn-config';
import { reasonWithDetail } from '../../../../../common/vpn/reason-detail';
import { formatMessage, messagesFor } from '../../../text/localized-text';
import { VpnMonitor } from '../../../vpn/vpn-monitor';
import type { SelfTestCheckDefinition } from '../check';
import { hasContent, notConfigured, verdict } from '../check';

const english = messagesFor('en');

/** Each probe on one line for the help desk: `tunnel tun0 ok; dns intranet.x FAIL (…)`. */
export const describeProbes = (probes: readonly VpnProbe[]): string =>
  probes
    .map(
      (probe) =>
        `${probe.kind} ${probe.target} ${probe.ok ? 'ok' : `FAIL${probe.reason ? ` (${reasonWithDetail(formatMessage(english, probe.reason), probe.reason)})` : ''}`}`,
    )
    .join('; ');

/** One probe round of the VPN capability's own monitor, for this configuration, then stopped. */
const probeOnce = async (monitor: VpnMonitor, signal: AbortSignal): Promise<VpnState> => {
  const stop = () => monitor.dispose();
  signal.addEventListener('abort', stop, { once: true });
  try {
    return await monitor.refresh();
  } finally {
    signal.removeEventListener('abort', stop);
  }
};

/** The VPN state from every probe the profile names: tunnel, routes, intranet name, TCP services. */
export const vpnCheck: SelfTestCheckDefinition = {
  id: 'vpn',
  timeoutMs: 12_000,
  run: async ({ effective, log, signal }) => {
    if (!hasContent(effective.config.vpn)) return notConfigured();
    const parsed = parseVpnConfig(effective.config.vpn);
    if (!parsed.ok) return verdict('fail', 'vpn', 'invalid', { detail: parsed.reason });
    const monitor = new VpnMonitor({ log: log.child('vpn') });
    try {
      // Probes only: an OpenVPN management interface takes one client, the VPN capability's own monitor.
      monitor.configure({ ...parsed.config, driver: { kind: 'probe-only' } });
      const state = await probeOnce(monitor, signal);
      const detail = describeProbes(state.probes);
      const failing = state.probes.filter((probe) => !probe.ok).length;
      switch (state.state) {
        case 'connected':
          return verdict('pass', 'vpn', 'connected', { params: { count: state.probes.length }, detail, action: false });
        case 'degraded':
          return verdict('warn', 'vpn', 'degraded', { params: { count: failing }, detail });
        case 'disconnected':
          return verdict('fail', 'vpn', 'disconnected', { detail });
        default:
          return verdict('warn', 'vpn', 'unsettled', { detail: `${state.state}; ${detail}` });
      }
    } finally {
      monitor.dispose();
    }
  },
};
