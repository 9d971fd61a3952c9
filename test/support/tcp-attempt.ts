import { connect } from 'node:net';

/** One TCP connection attempt to `host:port`, closed at once: whether it connected, went idle for `timeoutMs`, or failed. */
export const tcpAttempt = (host: string, port: number, timeoutMs: number): Promise<'connected' | 'timeout' | 'error'> =>
  new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', () => resolve('error'));
  });
