import type { VpnProbe } from '../../../../common/contract/vpn';
import { elapsedSince } from './probe-timing';
import { matchTunnelInterfaces, type InterfaceLister, type TunnelInterface } from './interfaces';

export interface TunnelObservation {
  probe: VpnProbe;
  interfaces: TunnelInterface[];
}

const MAX_PATTERNS_SHOWN = 5;

const describePatterns = (patterns: readonly string[]): string =>
  patterns.length <= MAX_PATTERNS_SHOWN ? patterns.join(', ') : `${patterns.slice(0, MAX_PATTERNS_SHOWN).join(', ')}, …`;

/** Is an interface whose name matches the profile's patterns up? Presence alone never makes the state connected. */
export const probeTunnel = (patterns: readonly string[], listInterfaces: InterfaceLister): TunnelObservation => {
  const started = performance.now();
  const interfaces = matchTunnelInterfaces(patterns, listInterfaces());
  const ms = elapsedSince(started);
  const first = interfaces[0];
  if (!first)
    return {
      interfaces,
      probe: {
        kind: 'tunnel',
        target: describePatterns(patterns),
        ok: false,
        ms,
        reason: { key: 'vpn.reason.noTunnel', params: { patterns: describePatterns(patterns) } },
      },
    };
  return { interfaces, probe: { kind: 'tunnel', target: interfaces.map((entry) => entry.name).join(', '), ok: true, ms } };
};
