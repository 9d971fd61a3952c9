import type { Reachability } from '../../../common/contract/office-pc';
import { isReservedName, reservedNameReason } from '../net/reserved-names';
import { LinkError, openTcp } from './office-pc-link';

/** Whether the office PC accepts a TCP connection on its RDP port: the handshake only, nothing sent. */
export const probeReachability = async (
  host: string,
  port: number,
  timeoutMs: number,
  now: () => Date = () => new Date(),
): Promise<Reachability> => {
  if (isReservedName(host)) return { state: 'unreachable', checkedAt: now().toISOString(), detail: reservedNameReason(host) };
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
