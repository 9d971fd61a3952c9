import { parseVpnConfig } from '../../../common/vpn/vpn-config';
import type { Capability, CapabilityContext } from '../capability';
import { vpnRequestHandlers, type VpnRequestKey } from './handlers';
import { VpnMonitor } from './vpn-monitor';
import { capabilityReporter } from './vpn-status';

export const createVpnCapability = (context: CapabilityContext): Capability<VpnRequestKey> => {
  const log = context.log.child('vpn');
  const monitor = new VpnMonitor({ log, managementPassword: async () => (await context.credentials.secretFor('vpn.connect')).secret ?? undefined });
  const report = capabilityReporter((status) => context.report('vpn', status));
  const stops = [
    monitor.on('notify', (notice) => context.notify(notice.body ? { title: notice.title, body: notice.body } : { title: notice.title })),
    monitor.on('state', (state) => {
      context.emit('vpn.state', state);
      report(state);
    }),
  ];
  monitor.configure(undefined);
  return {
    requests: vpnRequestHandlers(monitor),
    // Probes come from the profile's vpn section; without one, the VPN card stays "not configured".
    configure: ({ config }) => {
      if (Object.keys(config.vpn).length === 0) return monitor.configure(undefined);
      const parsed = parseVpnConfig(config.vpn);
      if (!parsed.ok) log.warn("the profile's vpn configuration does not apply", { reason: parsed.reason });
      monitor.configure(parsed.ok ? parsed.config : undefined);
    },
    dispose: () => {
      stops.forEach((stop) => stop());
      monitor.dispose();
    },
  };
};
