import { parseVpnConfig } from '../../../common/vpn/vpn-config';
import { defineCapability, forward } from '../capability';
import { vpnRequestHandlers } from './handlers';
import { VpnMonitor } from './vpn-monitor';
import { capabilityReporter } from './vpn-status';

/** Whether the VPN really reaches the office, from active probes; connect and disconnect where a driver exists. */
export const vpnCapability = defineCapability({
  name: 'vpn',
  needs: ['credentials'],
  create: (context, { credentials }) => {
    const log = context.log.child('vpn');
    const monitor = new VpnMonitor({
      log,
      managementPassword: async () => (await credentials.secretFor('vpn.connect')).secret ?? undefined,
    });
    const report = capabilityReporter((status) => context.report('vpn', status));
    const stops = [
      monitor.on('notify', (notice) => context.notify(notice.body ? { title: notice.title, body: notice.body } : { title: notice.title })),
      monitor.on('state', report),
    ];
    return {
      requests: vpnRequestHandlers(monitor),
      provides: {},
      forwards: [forward(monitor, { state: 'vpn.state' })],
      // Probes come from the profile's vpn section; without one, the VPN card stays "not configured".
      configure: ({ config }) => {
        if (Object.keys(config.vpn).length === 0) return monitor.configure(undefined);
        const parsed = parseVpnConfig(config.vpn);
        if (!parsed.ok) log.warn("the profile's vpn configuration does not apply", { reason: parsed.reason });
        monitor.configure(parsed.ok ? parsed.config : undefined);
      },
      start: () => monitor.configure(undefined),
      dispose: () => {
        stops.forEach((stop) => stop());
        monitor.dispose();
      },
    };
  },
});
