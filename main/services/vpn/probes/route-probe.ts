import type { VpnProbe } from '../../../../common/contract/vpn';
import { CommandError, firstLine, type CommandRunner } from '../command-runner';
import type { TunnelInterface } from './interfaces';
import { elapsedSince } from './probe-timing';
import { hostInSubnet, longestPrefixMatch, parseIpRouteGet, parseNetstatRoutes, parseRoutePrint, type RouteLookup } from './route-parsers';
import { messageOf } from '../../../../common/error-message';

/** Where the system routes one address; undefined when it has no route at all. */
export type RouteFinder = (address: string, timeoutMs: number) => Promise<RouteLookup | undefined>;

const NO_ROUTE = /unreachable|no route/i;

/** Linux: `ip -j route get`, the kernel's own answer, policy routing included. */
export const ipRouteFinder =
  (run: CommandRunner): RouteFinder =>
  async (address, timeoutMs) => {
    const result = await run('ip', ['-j', 'route', 'get', address], { timeoutMs });
    if (result.code !== 0) {
      if (NO_ROUTE.test(result.stderr)) return undefined;
      throw new CommandError(`ip route get failed: ${firstLine(result.stderr) || `exit code ${result.code}`}`, 'failed');
    }
    const lookup = parseIpRouteGet(result.stdout);
    if (!lookup) throw new CommandError('ip route get printed no route', 'failed');
    return lookup;
  };

/** macOS and Windows: read the whole table and pick the most specific route. */
export const routeTableFinder =
  (run: CommandRunner, platform: 'darwin' | 'win32'): RouteFinder =>
  async (address, timeoutMs) => {
    const [file, args, parse] =
      platform === 'win32'
        ? (['route', ['print', '-4'], parseRoutePrint] as const)
        : (['netstat', ['-rn', '-f', 'inet'], parseNetstatRoutes] as const);
    const result = await run(file, args, { timeoutMs });
    if (result.code !== 0) throw new CommandError(`${file} failed: ${firstLine(result.stderr) || `exit code ${result.code}`}`, 'failed');
    return longestPrefixMatch(parse(result.stdout), address);
  };

export const routeFinderFor = (platform: NodeJS.Platform, run: CommandRunner): RouteFinder =>
  platform === 'win32' || platform === 'darwin' ? routeTableFinder(run, platform) : ipRouteFinder(run);

export interface RouteObservation {
  probe: VpnProbe;
  gateway?: string;
}

const throughTunnel = (lookup: RouteLookup, tunnels: readonly TunnelInterface[]): boolean =>
  tunnels.some(
    (tunnel) =>
      tunnel.name === lookup.dev ||
      (lookup.interfaceAddress !== undefined && lookup.dev === undefined && tunnel.addresses.includes(lookup.interfaceAddress)),
  );

/** Does traffic to the corporate subnet go through the tunnel? OpenVPN keeps the route while reconnecting, so this alone proves little. */
export const probeRoute = async (
  subnet: string,
  tunnels: readonly TunnelInterface[],
  findRoute: RouteFinder,
  timeoutMs: number,
): Promise<RouteObservation> => {
  const started = performance.now();
  const fail = (reason: VpnProbe['reason']): RouteObservation => ({
    probe: { kind: 'route', target: subnet, ok: false, ms: elapsedSince(started), ...(reason ? { reason } : {}) },
  });
  let lookup: RouteLookup | undefined;
  try {
    lookup = await findRoute(hostInSubnet(subnet), timeoutMs);
  } catch (error) {
    return fail({ key: 'vpn.reason.routeCheckFailed', params: { subnet, error: messageOf(error) } });
  }
  if (!lookup) return fail({ key: 'vpn.reason.noRoute', params: { subnet } });
  if (!throughTunnel(lookup, tunnels))
    return fail({ key: 'vpn.reason.routeElsewhere', params: { subnet, via: lookup.dev ?? lookup.interfaceAddress ?? '?' } });
  return {
    probe: { kind: 'route', target: subnet, ok: true, ms: elapsedSince(started) },
    ...(lookup.gateway ? { gateway: lookup.gateway } : {}),
  };
};
