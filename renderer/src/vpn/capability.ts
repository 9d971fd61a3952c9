import type { RendererCapability } from '../capabilities/capability';
import { connectVpn } from './store';
import { VpnPane } from './VpnPane';

export const vpnCapability: RendererCapability = {
  id: 'vpn',
  connect: ({ api }) => connectVpn(api),
  pane: { view: 'vpn', Pane: VpnPane, labelKey: 'capability.vpn.title' },
  card: {},
};
