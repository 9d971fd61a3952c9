import { existsSync } from 'node:fs';
import { onPath, skipReasonOutsideCi } from '../peers';

/** The programs the VPN lab runs, and the Debian packages that ship them. */
const binaries: Record<string, string> = {
  ip: 'iproute2',
  openvpn: 'openvpn',
  openssl: 'openssl',
  wg: 'wireguard-tools',
  'wireguard-go': 'wireguard-go',
  dnsmasq: 'dnsmasq-base',
  ss: 'iproute2',
};

/**
 * Why the VPN lab cannot run here, or undefined when it can: it needs Linux, root (network namespaces), /dev/net/tun
 * and the peers' programs. In CI a missing peer fails the run instead of skipping it.
 */
export const vpnLabUnavailable = (): string | undefined => {
  const reason = ((): string | undefined => {
    if (process.platform !== 'linux') return 'the VPN lab runs on Linux only';
    if (process.getuid?.() !== 0) return 'the VPN lab creates network namespaces and needs root';
    if (!existsSync('/dev/net/tun')) return 'the VPN lab needs /dev/net/tun';
    const missing = Object.keys(binaries).filter((binary) => !onPath(binary));
    if (missing.length === 0) return undefined;
    const packages = [...new Set(missing.map((binary) => binaries[binary]))];
    return `the VPN lab needs ${missing.join(', ')}: install the Debian packages ${packages.join(' ')} (bash test/lab/system-packages.sh)`;
  })();
  return skipReasonOutsideCi(reason);
};
