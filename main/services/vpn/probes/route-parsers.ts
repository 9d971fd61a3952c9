/** Where the system would send a packet for one address. */
export interface RouteLookup {
  /** The interface name (Linux, macOS). */
  dev?: string;
  /** The address of the outgoing interface (Windows names interfaces by address in `route print`). */
  interfaceAddress?: string;
  gateway?: string;
}

export const ipv4ToNumber = (address: string): number | undefined => {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
};

const numberToIpv4 = (value: number): string => [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

const prefixMask = (bits: number): number => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/** An address inside the subnet to ask the routing table about: the first host, or the address of a /32. */
export const hostInSubnet = (cidr: string): string => {
  const [address = '', bitsText = '32'] = cidr.split('/');
  const bits = Number(bitsText);
  const network = ((ipv4ToNumber(address) ?? 0) & prefixMask(bits)) >>> 0;
  return numberToIpv4(bits >= 31 ? network : network + 1);
};

/** `ip -j route get ADDRESS`: `[{"dst":"10.20.0.1","gateway":"10.8.0.5","dev":"tun0","prefsrc":"10.8.0.6",…}]`. */
export const parseIpRouteGet = (json: string): RouteLookup | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  const route: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
  if (!route || typeof route !== 'object') return undefined;
  const { dev, gateway, prefsrc } = route as Record<string, unknown>;
  if (typeof dev !== 'string') return undefined;
  return {
    dev,
    ...(typeof gateway === 'string' ? { gateway } : {}),
    ...(typeof prefsrc === 'string' ? { interfaceAddress: prefsrc } : {}),
  };
};

interface TableRoute extends RouteLookup {
  network: number;
  bits: number;
  metric: number;
}

/** The most specific route containing `address`, the lowest metric among equals. */
export const longestPrefixMatch = (routes: readonly TableRoute[], address: string): RouteLookup | undefined => {
  const target = ipv4ToNumber(address);
  if (target === undefined) return undefined;
  const best = routes
    .filter((route) => (target & prefixMask(route.bits)) >>> 0 === route.network)
    .sort((a, b) => b.bits - a.bits || a.metric - b.metric)[0];
  if (!best) return undefined;
  const { network: _network, bits: _bits, metric: _metric, ...lookup } = best;
  return lookup;
};

/**
 * macOS/BSD `netstat -rn -f inet` destinations: `default`, `10.20/16`, `127` (a missing mask is that of the octets
 * written: 8 bits each), `10.8.0.1` (a host).
 */
const parseBsdDestination = (text: string): { network: number; bits: number } | undefined => {
  if (text === 'default') return { network: 0, bits: 0 };
  const [address = '', bitsText] = text.split('/');
  const octets = address.split('.');
  if (octets.length > 4) return undefined;
  const full = ipv4ToNumber([...octets, '0', '0', '0'].slice(0, 4).join('.'));
  const bits = bitsText === undefined ? octets.length * 8 : Number(bitsText);
  if (full === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  return { network: (full & prefixMask(bits)) >>> 0, bits };
};

/** macOS `netstat -rn -f inet`: Destination, Gateway, Flags, Netif[, Expire]. */
export const parseNetstatRoutes = (output: string): TableRoute[] =>
  output.split(/\r?\n/).flatMap((line): TableRoute[] => {
    const [destination, gateway, flags, netif] = line.trim().split(/\s+/);
    if (!destination || !gateway || !flags || !netif || destination === 'Destination') return [];
    const parsed = parseBsdDestination(destination);
    if (!parsed) return [];
    return [{ ...parsed, metric: 0, dev: netif, ...(ipv4ToNumber(gateway) !== undefined ? { gateway } : {}) }];
  });

const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
// Network Destination, Netmask, Gateway (an address or "On-link" in the system's language), Interface, Metric.
const ROUTE_PRINT_LINE = new RegExp(String.raw`^\s*(${IPV4})\s+(${IPV4})\s+(\S.*?)\s+(${IPV4})\s+(\d+)\s*$`);

const maskBits = (mask: string): number | undefined => {
  const value = ipv4ToNumber(mask);
  if (value === undefined) return undefined;
  const bits = value.toString(2).replace(/0+$/, '').length;
  return prefixMask(bits) === value ? bits : undefined;
};

/** Windows `route print -4`: the Active Routes table; Persistent Routes have four columns and are not matched. */
export const parseRoutePrint = (output: string): TableRoute[] =>
  output.split(/\r?\n/).flatMap((line): TableRoute[] => {
    const match = ROUTE_PRINT_LINE.exec(line);
    if (!match) return [];
    const [, destination = '', mask = '', gateway = '', interfaceAddress = '', metric = '0'] = match;
    const bits = maskBits(mask);
    const network = ipv4ToNumber(destination);
    if (bits === undefined || network === undefined) return [];
    return [
      {
        network: (network & prefixMask(bits)) >>> 0,
        bits,
        metric: Number(metric),
        interfaceAddress,
        ...(ipv4ToNumber(gateway) !== undefined ? { gateway } : {}),
      },
    ];
  });
