import type { RendererCapability } from '../capabilities/capability';
import { capabilityGlyphs } from '../capabilities/glyphs';
import { connectVpn } from './store';
import { VpnPane } from './VpnPane';

export const vpnCapability: RendererCapability = {
  id: 'vpn',
  connect: ({ api }) => connectVpn(api),
  pane: { view: 'vpn', Pane: VpnPane, labelKey: 'capability.vpn.title' },
  card: { glyph: capabilityGlyphs.vpn },
};
