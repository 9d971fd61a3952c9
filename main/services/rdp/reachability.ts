import type { Reachability } from '../../../common/contract/office-pc';
import { LinkError, openTcp } from './office-pc-link';

/**
 * Names RFC 2606 and RFC 6761 reserve: they never resolve, so asking a DNS server about them only leaks traffic.
 * A profile naming one (as examples and tests do) is unreachable by definition.
 */
const RESERVED_NAME = /(?:^|\.)(?:example|invalid|test|example\.(?:com|net|org))\.?$/i;

export const isReservedName = (host: string): boolean => RESERVED_NAME.test(host);

/** Whether the office PC accepts a TCP connection on its RDP port: the handshake only, nothing sent. */
export const probeReachability = async (host: string, port: number, timeoutMs: number, now: () => Date = () => new Date()): Promise<Reachability> => {
  if (isReservedName(host)) return { state: 'unreachable', checkedAt: now().toISOString(), detail: `${host} is a reserved example name that never resolves` };
  const started = performance.now();
  try {
    const socket = await openTcp(host, port, timeoutMs);
    socket.destroy();
    return { state: 'reachable', checkedAt: now().toISOString(), ms: Math.round(performance.now() - started) };
  } catch (error) {
    const detail = error instanceof LinkError ? error.message : `${host}:${port}: ${(error as Error).message}`;
    return { state: 'unreachable', checkedAt: now().toISOString(), detail };
  }
};
