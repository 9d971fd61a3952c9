import { isReservedName } from '../../net/reserved-names';
import { connect } from 'node:net';
import type { VpnProbe } from '../../../../common/contract/vpn';
import type { TcpTarget } from '../../../../common/vpn/vpn-config';
import { seconds } from '../../text/seconds';
import { elapsedSince, errorCode } from './probe-timing';

/** Opens a TCP connection and closes it at once; resolves with the connect time in ms, rejects with an error code. */
export type TcpConnect = (host: string, port: number, timeoutMs: number) => Promise<number>;

const TIMED_OUT = 'ETIMEDOUT';

export const nodeTcpConnect: TcpConnect = (host, port, timeoutMs) =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`no connection within ${timeoutMs} ms`), { code: TIMED_OUT }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      const ms = elapsedSince(started);
      socket.destroy();
      resolve(ms);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });

const reasonFor = (target: TcpTarget, code: string, timeoutMs: number): NonNullable<VpnProbe['reason']> => {
  const params = { name: target.name, host: target.host, port: target.port };
  switch (code) {
    case TIMED_OUT:
      return { key: 'vpn.reason.tcpTimeout', params: { ...params, seconds: seconds(timeoutMs) } };
    case 'ECONNREFUSED':
      return { key: 'vpn.reason.tcpRefused', params };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { key: 'vpn.reason.tcpUnreachable', params };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { key: 'vpn.reason.tcpNameNotFound', params };
    default:
      return { key: 'vpn.reason.tcpFailed', params: { ...params, error: code } };
  }
};

/** Does the office PC's port (or the SIP server's) accept a connection? `ms` is the TCP round-trip. */
export const probeTcp = async (target: TcpTarget, tcpConnect: TcpConnect, timeoutMs: number): Promise<VpnProbe> => {
  const started = performance.now();
  const label = `${target.name} (${target.host}:${target.port})`;
  if (isReservedName(target.host))
    return { kind: 'tcp', target: label, ok: false, ms: 0, reason: reasonFor(target, 'ENOTFOUND', timeoutMs) };
  try {
    const ms = await tcpConnect(target.host, target.port, timeoutMs);
    return { kind: 'tcp', target: label, ok: true, ms };
  } catch (error) {
    return { kind: 'tcp', target: label, ok: false, ms: elapsedSince(started), reason: reasonFor(target, errorCode(error), timeoutMs) };
  }
};
