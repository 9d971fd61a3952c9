import { notConfiguredStatus, type CapabilityStatus } from '../../../common/contract/app';
import type { VpnState } from '../../../common/contract/vpn';

/** The VPN card's line on the dashboard and its share of the tray colour. */
export const capabilityStatusOf = (state: VpnState): CapabilityStatus => {
  if (!state.configured) return notConfiguredStatus;
  switch (state.state) {
    case 'connected':
      return { level: 'ok', summary: { key: 'vpn.summary.connected' } };
    case 'degraded':
      return { level: 'warning', summary: state.reasons[0] ?? { key: 'vpn.summary.degraded' } };
    case 'connecting':
      return { level: 'busy', summary: { key: 'vpn.summary.connecting' } };
    case 'disconnected':
      return { level: 'error', summary: { key: 'vpn.summary.disconnected' } };
    case 'unknown':
      return { level: 'busy', summary: { key: 'vpn.summary.checking' } };
  }
};

/** Reports the VPN's capability status through `report`, only when it changed. */
export const capabilityReporter = (report: (status: CapabilityStatus) => void): ((state: VpnState) => void) => {
  let last = '';
  return (state) => {
    const status = capabilityStatusOf(state);
    const text = JSON.stringify(status);
    if (text === last) return;
    last = text;
    report(status);
  };
};
