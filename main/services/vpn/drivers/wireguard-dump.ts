/**
 * `wg show IFACE dump`: tab-separated. The first line is the interface — private key, public key, listen port,
 * fwmark — and is skipped unread, so the private key never reaches an object, a log or an error. Each further
 * line is a peer: public key, preshared key, endpoint, allowed IPs, latest handshake (Unix seconds, 0 = never),
 * rx bytes, tx bytes, persistent keepalive.
 */
export interface WireGuardPeer {
  publicKey: string;
  endpoint?: string;
  allowedIps: string[];
  /** Unix seconds; 0 when there never was a handshake. */
  latestHandshake: number;
  rxBytes: number;
  txBytes: number;
}

const wholeNumber = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);

export const parseWireGuardDump = (output: string): WireGuardPeer[] =>
  output
    .split(/\r?\n/)
    .slice(1)
    .flatMap((line): WireGuardPeer[] => {
      const [publicKey, _presharedKey, endpoint, allowedIps, handshake, rx, tx] = line.split('\t');
      const latestHandshake = wholeNumber(handshake);
      const rxBytes = wholeNumber(rx);
      const txBytes = wholeNumber(tx);
      if (!publicKey || latestHandshake === undefined || rxBytes === undefined || txBytes === undefined) return [];
      return [
        {
          publicKey,
          ...(endpoint && endpoint !== '(none)' ? { endpoint } : {}),
          allowedIps: allowedIps && allowedIps !== '(none)' ? allowedIps.split(',') : [],
          latestHandshake,
          rxBytes,
          txBytes,
        },
      ];
    });

/** `10.199.9.1:51820` → 10.199.9.1; `[fd00::1]:51820` → fd00::1. */
export const endpointHost = (endpoint: string): string => endpoint.replace(/^\[(.*)\]:\d+$/, '$1').replace(/^([^:]*):\d+$/, '$1');
