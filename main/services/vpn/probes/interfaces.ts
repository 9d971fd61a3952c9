/** One address of an interface, as os.networkInterfaces() gives it. */
export interface InterfaceAddress {
  address: string;
  family: 'IPv4' | 'IPv6';
  internal: boolean;
}

/**
 * The interfaces that are up, by name: os.networkInterfaces() in production (libuv lists only interfaces that
 * are up and running). A local system call, cheap enough to poll every second.
 */
export type InterfaceLister = () => Record<string, readonly InterfaceAddress[] | undefined>;

export interface TunnelInterface {
  name: string;
  /** IPv4 addresses first: the one shown as "assigned address" is the first. */
  addresses: string[];
}

const escapeRegExp = (text: string): string => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');

/** `tun*` → /^tun.*$/i: `*` any run of characters, `?` one character, case ignored (Windows names vary in case). */
export const interfacePatternRegExp = (pattern: string): RegExp =>
  new RegExp(`^${escapeRegExp(pattern).replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');

/** The interfaces that are up and whose names match one of the patterns, in name order. */
export const matchTunnelInterfaces = (patterns: readonly string[], interfaces: ReturnType<InterfaceLister>): TunnelInterface[] => {
  const expressions = patterns.map(interfacePatternRegExp);
  return Object.entries(interfaces)
    .filter(([name, addresses]) => addresses && addresses.length > 0 && expressions.some((expression) => expression.test(name)))
    .map(([name, addresses = []]) => ({
      name,
      addresses: [...addresses].sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1)).map((entry) => entry.address),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

/** A string that changes whenever an interface appears, disappears or changes address. */
export const interfaceFingerprint = (interfaces: ReturnType<InterfaceLister>): string =>
  Object.entries(interfaces)
    .map(([name, addresses = []]) => `${name}=${addresses.map((entry) => entry.address).join(',')}`)
    .sort()
    .join(';');
