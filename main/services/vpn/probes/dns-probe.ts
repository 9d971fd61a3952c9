import { isReservedName } from '../../net/reserved-names';
import { Resolver } from 'node:dns/promises';
import type { VpnProbe } from '../../../../common/contract/vpn';
import { seconds } from '../../text/seconds';
import { elapsedSince, errorCode } from './probe-timing';

/** Resolves a name to its addresses within `timeoutMs`, or rejects with a DNS error code (`ETIMEOUT`, `ENOTFOUND`…). */
export type DnsResolve = (name: string, options: { servers?: readonly string[]; timeoutMs: number }) => Promise<string[]>;

const TIMED_OUT = 'ETIMEOUT';

/**
 * c-ares, not getaddrinfo: it runs on the event loop rather than the libuv thread pool (which a hung lookup would
 * occupy), honours a timeout, and a new Resolver reads the system's DNS servers afresh, as a VPN changes them.
 */
export const cAresResolve: DnsResolve = (name, { servers, timeoutMs }) => {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (servers && servers.length > 0) resolver.setServers([...servers]);
  const lookup = resolver.resolve4(name).catch(async (error: unknown) => {
    if (errorCode(error) !== 'ENODATA') throw error;
    return resolver.resolve6(name);
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      resolver.cancel();
      reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: TIMED_OUT }));
    }, timeoutMs);
  });
  return Promise.race([lookup, deadline]).finally(() => clearTimeout(timer));
};

const reasonFor = (name: string, code: string, timeoutMs: number): NonNullable<VpnProbe['reason']> => {
  switch (code) {
    case TIMED_OUT:
    case 'ECANCELLED':
      return { key: 'vpn.reason.dnsTimeout', params: { name, seconds: seconds(timeoutMs) } };
    case 'ENOTFOUND':
    case 'ENODATA':
      return { key: 'vpn.reason.dnsNotFound', params: { name } };
    case 'ECONNREFUSED':
      return { key: 'vpn.reason.dnsUnreachable', params: { name } };
    default:
      return { key: 'vpn.reason.dnsFailed', params: { name, error: code } };
  }
};

/** Does the intranet name resolve? It resolves only through the intranet's DNS, so only over the tunnel. */
export const probeDns = async (
  name: string,
  resolve: DnsResolve,
  options: { servers?: readonly string[]; timeoutMs: number },
): Promise<VpnProbe> => {
  const started = performance.now();
  if (isReservedName(name)) return { kind: 'dns', target: name, ok: false, ms: 0, reason: reasonFor(name, 'ENOTFOUND', options.timeoutMs) };
  try {
    const addresses = await resolve(name, options);
    if (addresses.length === 0)
      return { kind: 'dns', target: name, ok: false, ms: elapsedSince(started), reason: reasonFor(name, 'ENODATA', options.timeoutMs) };
    return { kind: 'dns', target: name, ok: true, ms: elapsedSince(started) };
  } catch (error) {
    return {
      kind: 'dns',
      target: name,
      ok: false,
      ms: elapsedSince(started),
      reason: reasonFor(name, errorCode(error), options.timeoutMs),
    };
  }
};
